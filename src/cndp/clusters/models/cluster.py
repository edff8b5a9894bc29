"""The cluster register (cơ sở dữ liệu cụm công nghiệp): clusters, their decisions and the production
projects inside them."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.clusters import rules
from cndp.clusters.choices import (
    ClusterKind,
    ClusterStatus,
    DecisionKind,
    DeveloperKind,
    ProjectStatus,
    Wastewater,
)
from cndp.core.models import CndpModel
from cndp.core.numbers import separators
from cndp.places.models import ProvinceKeyed, province_pair

AREA = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Cluster(ProvinceKeyed):
    """Cụm công nghiệp — one cluster of the national register.

    `province` is the unit the cluster was registered under (63 units before 1/7/2025, 34 after);
    `province_current` the 34-unit successor it is scoped and rolled up by. `old_district` keeps the
    district (cấp huyện) of records made before the reform; `commune` the commune (cấp xã).
    The status moves only through recorded decisions (ClusterDecision, services.cluster_transition);
    `flags` are the Decree 32 conditions it breaks (rules.check), recomputed by every service that
    writes it.
    """

    code = models.CharField(_("mã cụm"), max_length=40, unique=True)
    name = models.CharField(_("tên cụm công nghiệp"), max_length=255)
    province, province_current = province_pair(
        related_name="clusters", help_text=_("Đơn vị hành chính tại thời điểm đăng ký")
    )
    old_district = models.CharField(_("huyện (trước 1/7/2025)"), max_length=120, blank=True)
    commune = models.CharField(_("xã, phường"), max_length=120, blank=True)
    mountain = models.BooleanField(_("địa bàn miền núi"), default=False)
    kind = models.CharField(_("loại cụm"), max_length=16, choices=ClusterKind.choices, default="ordinary")
    specialised = models.BooleanField(
        _("cụm công nghiệp chuyên ngành"),
        default=False,
        help_text=_("Từ 60% diện tích đất công nghiệp trở lên dành cho một ngành"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ClusterStatus.choices,
        default=ClusterStatus.PLANNED,
        editable=False,
        db_index=True,
    )
    established_on = models.DateField(_("ngày quyết định thành lập"), null=True, blank=True, editable=False)
    planned_area = models.DecimalField(_("diện tích quy hoạch (ha)"), **AREA)
    established_area = models.DecimalField(
        _("diện tích thành lập, mở rộng (ha)"), null=True, blank=True, editable=False, **AREA
    )
    industrial_land = models.DecimalField(_("diện tích đất công nghiệp (ha)"), default=0, **AREA)
    leased_area = models.DecimalField(_("diện tích đã cho thuê (ha)"), default=0, **AREA)
    occupancy = models.DecimalField(
        _("tỷ lệ lấp đầy"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Đất công nghiệp đã cho thuê ÷ tổng diện tích đất công nghiệp, không quá 100%"),
    )
    developer_name = models.CharField(_("chủ đầu tư hạ tầng"), max_length=255, blank=True)
    developer_kind = models.CharField(
        _("loại hình chủ đầu tư"), max_length=16, choices=DeveloperKind.choices, blank=True
    )
    developer_tax_code = models.CharField(_("mã số thuế chủ đầu tư"), max_length=14, blank=True)
    total_investment = models.BigIntegerField(
        _("tổng mức đầu tư hạ tầng (đồng)"), default=0, validators=[MinValueValidator(0)]
    )
    capital_paid = models.BigIntegerField(
        _("vốn đã thực hiện (đồng)"), default=0, validators=[MinValueValidator(0)]
    )
    state_support = models.BigIntegerField(
        _("ngân sách nhà nước hỗ trợ (đồng)"), default=0, validators=[MinValueValidator(0)]
    )
    detailed_plan_approved = models.BooleanField(_("đã phê duyệt quy hoạch chi tiết"), default=False)
    infrastructure_approved = models.BooleanField(_("đã phê duyệt dự án đầu tư hạ tầng"), default=False)
    wastewater = models.CharField(
        _("trạm xử lý nước thải tập trung"), max_length=10, choices=Wastewater.choices, default="none"
    )
    wastewater_capacity = models.PositiveIntegerField(_("công suất xử lý nước thải (m³/ngày)"), default=0)
    wastewater_compliant = models.BooleanField(_("nước thải xử lý đạt quy chuẩn"), default=False)
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("8")), MaxValueValidator(Decimal("24"))],
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("102")), MaxValueValidator(Decimal("118"))],
    )
    enterprises = models.PositiveIntegerField(_("số doanh nghiệp, cơ sở hoạt động"), default=0)
    labour = models.PositiveIntegerField(_("số lao động"), default=0)
    revenue = models.BigIntegerField(_("doanh thu kỳ gần nhất (đồng)"), default=0, editable=False)
    budget_paid = models.BigIntegerField(_("nộp ngân sách kỳ gần nhất (đồng)"), default=0, editable=False)
    flagged = models.BooleanField(
        _("chưa đáp ứng Nghị định 32"), default=False, editable=False, db_index=True
    )
    flags = models.JSONField(_("điều kiện chưa đáp ứng"), default=list, blank=True, editable=False)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    search_fields = ("code", "name", "commune", "old_district", "developer_name")
    FIELDS = (
        "code",
        "name",
        "kind",
        "specialised",
        "status",
        "province",
        "province_current",
        "old_district",
        "commune",
        "mountain",
        "established_on",
        "planned_area",
        "established_area",
        "industrial_land",
        "leased_area",
        "occupancy_percent",
        "developer_name",
        "developer_kind",
        "developer_tax_code",
        "total_investment",
        "capital_paid",
        "state_support",
        "detailed_plan_approved",
        "infrastructure_approved",
        "wastewater",
        "wastewater_capacity",
        "wastewater_compliant",
        "latitude",
        "longitude",
        "enterprises",
        "labour",
        "revenue",
        "budget_paid",
        "note",
    )

    class Meta:
        verbose_name = _("cụm công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "cụm công nghiệp")
        ordering = ["province_current__code", "code"]
        indexes = [
            models.Index(fields=["province_current", "code"], name="cluster_province_code"),
            models.Index(fields=["province_current", "status"], name="cluster_province_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occupancy__isnull=True) | models.Q(occupancy__gte=0, occupancy__lte=1),
                name="cluster_occupancy_0_1",
            ),
            models.CheckConstraint(
                condition=models.Q(state_support__lte=models.F("total_investment"))
                | models.Q(state_support=0),
                name="cluster_support_within_investment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def area(self) -> Decimal:
        """The area that counts for the rules: established (after expansion), else planned."""
        return self.established_area or self.planned_area or Decimal(0)

    def derive(self) -> None:
        """Occupancy from the areas (rules.occupancy: in [0, 1])."""
        rate = rules.occupancy(self.leased_area, self.industrial_land)
        self.occupancy = rate.quantize(Decimal("0.0001")) if rate is not None else None

    def facts(self) -> rules.Facts:
        return rules.Facts(
            kind=self.kind,
            mountain=self.mountain,
            status=self.status,
            has_decision=self.established_on is not None,
            area=self.area,
            industrial_land=self.industrial_land or Decimal(0),
            leased=self.leased_area or Decimal(0),
            total_investment=self.total_investment or 0,
            state_support=self.state_support or 0,
        )

    @property
    def occupancy_percent(self) -> str:
        return "—" if self.occupancy is None else rules.percent(self.occupancy, **separators())

    occupancy_percent.fget.short_description = _("tỷ lệ lấp đầy")


class ClusterDecision(CndpModel):
    """Quyết định, sự kiện — each change of a cluster's status with its decision (number, date, issuer),
    the area it sets, and who recorded it."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm công nghiệp"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=DecisionKind.choices)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=20, choices=ClusterStatus.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=ClusterStatus.choices)
    number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    date = models.DateField(_("ngày"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    area = models.DecimalField(_("diện tích theo quyết định (ha)"), null=True, blank=True, **AREA)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    scope_path = "cluster__province_current"

    class Meta:
        verbose_name = _("quyết định về cụm công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "quyết định về cụm công nghiệp")
        ordering = ["cluster", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    def get_absolute_url(self) -> str:
        return self.cluster.get_absolute_url()


class SecondaryProject(CndpModel):
    """Dự án sản xuất, kinh doanh trong cụm (nhà đầu tư thứ cấp) — reports on Biểu 01."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm công nghiệp"), on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(_("tên dự án"), max_length=255)
    investor = models.CharField(_("nhà đầu tư"), max_length=255)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    trade = models.CharField(_("ngành nghề"), max_length=200, blank=True)
    fdi = models.BooleanField(_("dự án FDI"), default=False)
    area = models.DecimalField(_("diện tích thuê (ha)"), default=0, **AREA)
    capital = models.BigIntegerField(
        _("vốn đầu tư đăng ký (đồng)"), default=0, validators=[MinValueValidator(0)]
    )
    workers = models.PositiveIntegerField(_("số lao động"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.OPERATING
    )
    revenue = models.BigIntegerField(_("doanh thu kỳ gần nhất (đồng)"), default=0, editable=False)
    budget_paid = models.BigIntegerField(_("nộp ngân sách kỳ gần nhất (đồng)"), default=0, editable=False)

    history = HistoricalRecords()
    search_fields = ("name", "investor", "tax_code", "trade")
    scope_path = "cluster__province_current"
    FIELDS = (
        "cluster",
        "name",
        "investor",
        "tax_code",
        "trade",
        "fdi",
        "area",
        "capital",
        "workers",
        "status",
    )

    class Meta:
        verbose_name = _("dự án trong cụm công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "dự án trong cụm công nghiệp")
        ordering = ["cluster", "name", "pk"]

    def __str__(self) -> str:
        return self.name
