"""Extension projects (đề án khuyến công), their beneficiaries, lifecycle transitions and disbursement
ledger. (The appraisal sheets are the appraisal package's; every model is re-exported by
`cndp.extension.models`, the app label stays `extension`.)"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core import numbers
from cndp.core.models import CndpModel, YearField
from cndp.extension.choices import BeneficiaryKind, LedgerKind, ProjectStatus
from cndp.extension.projects import lifecycle
from cndp.places.models import ProvinceKeyed, province_pair


class Project(ProvinceKeyed):
    """Đề án khuyến công — proposed by an implementing unit through the provincial Department, appraised
    and selected by the agency, run under a contract and settled.

    `province` is the unit in force at the plan date (63 units before 1/7/2025, 34 after);
    `province_current` is the 34-unit successor it is scoped and rolled up by, so a province officer of
    today's Tây Ninh also sees the projects registered under old Long An.
    """

    code = models.CharField(_("mã đề án"), max_length=40, unique=True)
    plan_year = YearField(_("năm kế hoạch"), db_index=True)
    name = models.CharField(_("tên đề án"), max_length=300)
    programme = models.ForeignKey(
        "extension.Programme",
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    implementing_unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="extension_projects",
    )
    coordinating_units = models.ManyToManyField(
        "accounts.Unit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="extension_coordinated"
    )
    province, province_current = province_pair(
        related_name="extension_projects", help_text=_("Đơn vị hành chính tại thời điểm lập kế hoạch")
    )
    commune = models.CharField(_("xã, phường nơi thực hiện"), max_length=120, blank=True)
    craft_village = models.CharField(_("làng nghề"), max_length=120, blank=True)
    activity_type = models.ForeignKey(
        "extension.ActivityType",
        verbose_name=_("nội dung hoạt động"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    trade = models.ForeignKey(
        "extension.Trade",
        verbose_name=_("ngành nghề"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    priority_areas = models.ManyToManyField(
        "extension.PriorityArea", verbose_name=_("tiêu chí ưu tiên"), blank=True, related_name="projects"
    )
    technology_line = models.BooleanField(
        _("hỗ trợ dây chuyền công nghệ đồng bộ"),
        default=False,
        help_text=_("Mức hỗ trợ máy móc, thiết bị được nhân hệ số (Thông tư 28/2018/TT-BTC)"),
    )
    is_pilot = models.BooleanField(_("đề án điểm"), default=False)
    objectives = models.TextField(_("sự cần thiết, mục tiêu"), blank=True)
    scale = models.TextField(_("nội dung, quy mô"), blank=True)
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"))
    extension_funds = models.BigIntegerField(
        _("kinh phí khuyến công (đồng)"), validators=[MinValueValidator(0)]
    )
    counterpart_funds = models.BigIntegerField(
        _("kinh phí đối ứng (đồng)"), default=0, validators=[MinValueValidator(0)]
    )
    total_funds = models.BigIntegerField(_("tổng kinh phí (đồng)"), default=0, editable=False)
    approved_funds = models.BigIntegerField(
        _("kinh phí khuyến công được duyệt (đồng)"), null=True, blank=True, editable=False
    )
    planned_trainees = models.PositiveIntegerField(_("số lượt người được đào tạo"), default=0)
    planned_models = models.PositiveIntegerField(_("số mô hình trình diễn"), default=0)
    planned_machines = models.PositiveIntegerField(_("số máy móc, thiết bị"), default=0)
    planned_products = models.PositiveIntegerField(_("số sản phẩm được chứng nhận"), default=0)
    planned_jobs = models.PositiveIntegerField(_("số việc làm mới"), default=0)
    achieved_trainees = models.PositiveIntegerField(
        _("lượt người đã được đào tạo"), default=0, editable=False
    )
    achieved_models = models.PositiveIntegerField(_("mô hình đã xây dựng"), default=0, editable=False)
    achieved_machines = models.PositiveIntegerField(
        _("máy móc, thiết bị đã hỗ trợ"), default=0, editable=False
    )
    achieved_products = models.PositiveIntegerField(
        _("sản phẩm đã được chứng nhận"), default=0, editable=False
    )
    achieved_jobs = models.PositiveIntegerField(_("việc làm mới đã tạo"), default=0, editable=False)
    percent_complete = models.PositiveSmallIntegerField(
        _("tỷ lệ hoàn thành (%)"),
        default=0,
        editable=False,
        help_text=_("Theo báo cáo tiến độ được chấp nhận gần nhất"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.REGISTERED,
        editable=False,
        db_index=True,
    )
    status_changed = models.DateTimeField(_("chuyển trạng thái lúc"), null=True, blank=True, editable=False)
    registered_on = models.DateField(_("ngày đăng ký"), null=True, blank=True, editable=False)
    score = models.DecimalField(
        _("điểm thẩm định (trung bình)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )

    history = HistoricalRecords(m2m_fields=[coordinating_units, priority_areas])
    search_fields = ("code", "name", "implementing_unit__name", "province__name", "commune")

    class Meta:
        verbose_name = _("đề án khuyến công")
        verbose_name_plural = pgettext_lazy("plural", "đề án khuyến công")
        ordering = ["-plan_year", "code"]
        indexes = [
            models.Index(fields=["plan_year", "status"], name="ext_project_year_status"),
            models.Index(fields=["-plan_year", "code"], name="ext_project_list_order"),  # the list's order
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_funds__gte=0, counterpart_funds__gte=0),
                name="ext_project_funds_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(total_funds=models.F("extension_funds") + models.F("counterpart_funds")),
                name="ext_project_total_is_sum",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="ext_project_dates_order"
            ),
            models.CheckConstraint(
                condition=models.Q(approved_funds__isnull=True) | models.Q(approved_funds__gte=0),
                name="ext_project_approved_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def derive(self) -> None:
        """The derived fields: total = extension + counterpart funds; the 34-unit successor province."""
        self.total_funds = (self.extension_funds or 0) + (self.counterpart_funds or 0)
        self.derive_province_current()

    def clean(self):
        self.derive()

    def save(self, *args, **kwargs):
        self.derive()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "total_funds", "province_current"}
        super().save(*args, **kwargs)

    def coordinating_units_label(self) -> str:
        return ", ".join(u.name for u in self.coordinating_units.all())

    coordinating_units_label.short_description = _("đơn vị phối hợp")

    def priority_areas_label(self) -> str:
        return "; ".join(p.name for p in self.priority_areas.all())

    priority_areas_label.short_description = _("tiêu chí ưu tiên")

    @property
    def status_label(self) -> str:
        return lifecycle.label(self.status)

    @property
    def funds_for_ledger(self) -> int:
        """The bound of the ledger: the approved extension funds (the requested ones before approval)."""
        return self.approved_funds if self.approved_funds is not None else self.extension_funds


class ProjectPart(CndpModel):
    """Base of a record kept with one project (its `project` link): scoped by the project's province and
    shown on the project's page."""

    scope_path = "project__province_current"

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()


class Beneficiary(ProjectPart):
    """Đơn vị thụ hưởng — a rural industrial establishment the project supports."""

    project = models.ForeignKey(
        Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="beneficiaries"
    )
    name = models.CharField(_("tên cơ sở"), max_length=255)
    kind = models.CharField(_("loại hình"), max_length=20, choices=BeneficiaryKind.choices)
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    labour = models.PositiveIntegerField(_("số lao động"), default=0)
    women_owned = models.BooleanField(_("do phụ nữ làm chủ"), default=False)
    ethnic_minority_owned = models.BooleanField(_("do người dân tộc thiểu số làm chủ"), default=False)

    history = HistoricalRecords()
    search_fields = ("name", "tax_code", "address")

    class Meta:
        verbose_name = _("đơn vị thụ hưởng")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị thụ hưởng")
        ordering = ["project", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class ProjectTransition(ProjectPart):
    """Một lần chuyển trạng thái — who moved the project, when, why, and the document (append-only)."""

    project = models.ForeignKey(
        Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="transitions"
    )
    source = models.CharField(_("từ trạng thái"), max_length=20, choices=ProjectStatus.choices)
    target = models.CharField(_("sang trạng thái"), max_length=20, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    decision_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày văn bản"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển trạng thái đề án")
        verbose_name_plural = pgettext_lazy("plural", "chuyển trạng thái đề án")
        ordering = ["project", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="ext_transition_moves"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} → {self.get_target_display()}"


class LedgerEntry(ProjectPart):
    """Bút toán kinh phí — an advance, payment, refund or the settlement of a project (append-only)."""

    project = models.ForeignKey(
        Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="ledger"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=LedgerKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"), validators=[MinValueValidator(1)])
    on = models.DateField(_("ngày"))
    document_number = models.CharField(_("số chứng từ"), max_length=60, blank=True)
    note = models.CharField(_("nội dung"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người ghi"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bút toán kinh phí")
        verbose_name_plural = pgettext_lazy("plural", "bút toán kinh phí")
        ordering = ["project", "on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ext_ledger_amount_positive"),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(kind="settlement"), name="ext_ledger_one_settlement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {numbers.number(self.amount)} đ"


class ProjectCodeSequence(models.Model):
    """Bộ đếm mã đề án — the last number given to the project codes of one prefix (KC<year>-<province>-).

    `_next_code` locks the prefix's row (SELECT … FOR UPDATE) until the registration commits, so
    simultaneous registrations in one province and year get distinct codes instead of colliding on the
    unique code; a number once given is never given again. A technical counter: no history, no screen.
    """

    prefix = models.CharField(_("tiền tố mã"), max_length=32, unique=True)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm mã đề án")
        verbose_name_plural = pgettext_lazy("plural", "bộ đếm mã đề án")
        ordering = ["prefix"]

    def __str__(self) -> str:
        return f"{self.prefix}{self.last_number:03d}"
