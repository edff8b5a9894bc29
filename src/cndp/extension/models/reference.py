"""Reference data of industrial extension (danh mục khuyến công): programmes and their targets, activity
types, funding caps, trades, priorities, appraisal rubrics and the yearly funds. Effective-dated, each
with its legal basis, edited in the admin (rules that change by law are data, never constants)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel, DatedReference, YearField, valid_range_constraint
from cndp.core.models import valid_at as core_valid_at
from cndp.extension.choices import Indicator, PriorityKind, ProgrammeScope
from cndp.extension.projects import caps


def _valid_range(name: str) -> models.CheckConstraint:
    return valid_range_constraint(f"ext_{name}")


class Dated(DatedReference):
    """Effective dates and the legal basis shared by every reference record of the module (the core's
    DatedReference)."""

    class Meta:
        abstract = True


class Coded(Dated):
    """A dated reference record known by its own code (mã), found by its code and name."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)

    search_fields = ("code", "name")

    class Meta:
        abstract = True


valid_at = core_valid_at  # records of a dated model in force on a day


class Programme(Coded):
    """Chương trình khuyến công — national (the agency) or local (a province), for a phase."""

    name = models.CharField(_("tên chương trình"), max_length=255)
    scope = models.CharField(_("cấp"), max_length=10, choices=ProgrammeScope.choices)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Chỉ với chương trình khuyến công địa phương"),
    )
    phase_start = YearField(_("giai đoạn từ năm"))
    phase_end = YearField(_("giai đoạn đến năm"))
    description = models.TextField(_("mục tiêu, ghi chú"), blank=True)

    history = HistoricalRecords()
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = (
        "code",
        "name",
        "scope",
        "province",
        "phase_start",
        "phase_end",
        "valid_from",
        "valid_to",
        "legal_basis",
        "description",
    )

    class Meta:
        verbose_name = _("chương trình khuyến công")
        verbose_name_plural = pgettext_lazy("plural", "chương trình khuyến công")
        ordering = ["scope", "-phase_start", "code"]
        constraints = [
            _valid_range("programme"),
            models.CheckConstraint(
                condition=models.Q(phase_end__gte=models.F("phase_start")), name="ext_programme_phase_order"
            ),
            models.CheckConstraint(
                condition=models.Q(scope="national", province__isnull=True)
                | models.Q(scope="local", province__isnull=False),
                name="ext_programme_local_has_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.phase_start}–{self.phase_end})"

    def clean(self):
        super().clean()
        if self.scope == ProgrammeScope.LOCAL and self.province_id is None:
            raise ValidationError(
                {"province": _("Chương trình khuyến công địa phương phải có tỉnh, thành phố.")}
            )
        if self.scope == ProgrammeScope.NATIONAL and self.province_id is not None:
            raise ValidationError({"province": _("Chương trình quốc gia không gắn với một tỉnh.")})


class ProgrammeTarget(CndpModel):
    """Chỉ tiêu của chương trình cho cả giai đoạn (e.g. 340 mô hình trình diễn, 2021–2025)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("chỉ tiêu"), max_length=30, choices=Indicator.choices)
    target = models.PositiveIntegerField(_("mục tiêu giai đoạn"))
    note = models.CharField(_("ghi chú, nguồn"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu chương trình")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu chương trình")
        ordering = ["programme", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "indicator"], name="ext_programme_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.target}"

    def get_absolute_url(self) -> str:
        return self.programme.get_absolute_url()


class ActivityType(Coded):
    """Nội dung hoạt động khuyến công (Nghị định 45/2012/NĐ-CP Điều 4, sửa đổi bởi Nghị định 235/2025)."""

    name = models.CharField(_("tên nội dung"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("mô tả"), blank=True)

    history = HistoricalRecords()
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = ("code", "name", "order", "description", "valid_from", "valid_to", "legal_basis")

    class Meta:
        verbose_name = _("nội dung hoạt động khuyến công")
        verbose_name_plural = pgettext_lazy("plural", "nội dung hoạt động khuyến công")
        ordering = ["order", "code"]
        constraints = [_valid_range("activity_type")]

    def __str__(self) -> str:
        return self.name


class FundingCap(Dated):
    """Mức hỗ trợ tối đa — at most a share of the cost and an amount, for an activity type, national or set
    by a province for its local programme, with validity dates and the text that sets it."""

    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("nội dung hoạt động"), on_delete=models.PROTECT, related_name="caps"
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: mức quốc gia"),
    )
    share_percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    max_amount = models.BigIntegerField(
        _("số tiền tối đa (đồng)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    per = models.CharField(
        _("tính cho mỗi"), max_length=40, blank=True, help_text=_("mô hình, cơ sở, doanh nghiệp …")
    )
    line_multiplier = models.DecimalField(
        _("hệ số cho dây chuyền công nghệ"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(1))],
    )
    multiplier_note = models.CharField(_("ghi chú hệ số"), max_length=255, blank=True)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn nếu mức chưa được xác nhận với văn bản gốc"),
    )

    history = HistoricalRecords()
    search_fields = ("activity_type__name", "province__name", "legal_basis")
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = (
        "activity_type",
        "province",
        "share_percent",
        "max_amount",
        "per",
        "line_multiplier",
        "multiplier_note",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confirmed",
    )

    class Meta:
        verbose_name = _("mức hỗ trợ tối đa")
        verbose_name_plural = pgettext_lazy("plural", "mức hỗ trợ tối đa")
        ordering = ["activity_type__order", "activity_type__code", "province__code", "-valid_from"]
        constraints = [
            _valid_range("funding_cap"),
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=0, share_percent__lte=100),
                name="ext_funding_cap_share_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(max_amount__isnull=True) | models.Q(max_amount__gte=0),
                name="ext_funding_cap_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        where = self.province.name if self.province_id else "Quốc gia"
        return f"{self.activity_type} — {where} — từ {self.valid_from:%d/%m/%Y}"

    def as_cap(self) -> caps.Cap:
        return caps.Cap(
            activity_type=self.activity_type_id,
            share_percent=self.share_percent,
            max_amount=self.max_amount,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            province=self.province_id,
            legal_basis=self.legal_basis,
            name=self.activity_type.name,
            per=self.per,
            line_multiplier=self.line_multiplier,
            multiplier_note=self.multiplier_note,
        )


class Trade(Coded):
    """Ngành nghề được hưởng chính sách khuyến công (Nghị định 45/2012/NĐ-CP Điều 5)."""

    name = models.CharField(_("tên ngành nghề"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = ("code", "name", "order", "valid_from", "valid_to", "legal_basis")

    class Meta:
        verbose_name = _("ngành nghề")
        verbose_name_plural = pgettext_lazy("plural", "ngành nghề")
        ordering = ["order", "code"]
        constraints = [_valid_range("trade")]

    def __str__(self) -> str:
        return self.name


class PriorityArea(Coded):
    """Ưu tiên — a priority area, trade or beneficiary group (Thông tư 46/2012/TT-BCT Điều 6)."""

    kind = models.CharField(_("nhóm"), max_length=12, choices=PriorityKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = ("code", "kind", "name", "order", "valid_from", "valid_to", "legal_basis")

    class Meta:
        verbose_name = _("tiêu chí ưu tiên")
        verbose_name_plural = pgettext_lazy("plural", "tiêu chí ưu tiên")
        ordering = ["kind", "order", "code"]
        constraints = [_valid_range("priority_area")]

    def __str__(self) -> str:
        return self.name


class Rubric(Coded):
    """Bộ tiêu chí chấm điểm thẩm định — criteria with weights, a scale, a pass mark, reviewers needed."""

    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    scale = models.PositiveSmallIntegerField(
        _("thang điểm mỗi tiêu chí"), default=10, validators=[MinValueValidator(1)]
    )
    pass_score = models.DecimalField(
        _("điểm đạt (trên 100)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    min_reviewers = models.PositiveSmallIntegerField(
        _("số người chấm tối thiểu"), default=2, validators=[MinValueValidator(1)]
    )

    history = HistoricalRecords()
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = ("code", "name", "scale", "pass_score", "min_reviewers", "valid_from", "valid_to", "legal_basis")

    class Meta:
        verbose_name = _("bộ tiêu chí thẩm định")
        verbose_name_plural = pgettext_lazy("plural", "bộ tiêu chí thẩm định")
        ordering = ["-valid_from", "code"]
        constraints = [_valid_range("rubric")]

    def __str__(self) -> str:
        return self.name


class RubricCriterion(CndpModel):
    """Tiêu chí chấm điểm với trọng số."""

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("bộ tiêu chí"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tiêu chí"), max_length=255)
    weight = models.DecimalField(
        _("trọng số"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = pgettext_lazy("plural", "tiêu chí chấm điểm")
        ordering = ["rubric", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="ext_rubric_criterion_unique_code"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="ext_rubric_criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"

    def get_absolute_url(self) -> str:
        return self.rubric.get_absolute_url()


class AnnualFund(CndpModel):
    """Kinh phí khuyến công của một năm kế hoạch — the fund the selection keeps within."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="funds"
    )
    year = YearField(_("năm kế hoạch"))
    amount = models.BigIntegerField(_("kinh phí (đồng)"), validators=[MinValueValidator(0)])
    decision = models.CharField(_("văn bản giao dự toán"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    search_fields = ("programme__name", "year", "decision")
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = ("programme", "year", "amount", "decision", "note")

    class Meta:
        verbose_name = _("kinh phí khuyến công năm")
        verbose_name_plural = pgettext_lazy("plural", "kinh phí khuyến công năm")
        ordering = ["-year", "programme"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="ext_annual_fund_unique_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="ext_annual_fund_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.year}"


class ScheduleRule(Dated):
    """Quy định thời hạn đăng ký — the day the Departments send the national plan's proposals to the agency,
    effective-dated with its basis. (The progress-report calendar that was kept here is the shared
    reporting calendar's now: obligations.CalendarRule governing the kind «extension.progress».)"""

    name = models.CharField(_("tên quy định"), max_length=255)
    registration_month = models.PositiveSmallIntegerField(
        _("hạn gửi đăng ký: tháng"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    registration_day = models.PositiveSmallIntegerField(
        _("hạn gửi đăng ký: ngày"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Sở Công Thương gửi Cục trước ngày này của năm trước năm kế hoạch"),
    )
    registration_basis = models.TextField(_("căn cứ hạn đăng ký"), blank=True)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi thời hạn theo thực tiễn, chưa đối chiếu được nguyên văn văn bản"),
    )

    history = HistoricalRecords()
    search_fields = ("name", "legal_basis")
    # The fields a user edits and reads, in order (the form, the detail page and the API share them).
    FIELDS = (
        "name",
        "registration_day",
        "registration_month",
        "registration_basis",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confirmed",
    )

    class Meta:
        verbose_name = _("quy định thời hạn đăng ký")
        verbose_name_plural = pgettext_lazy("plural", "quy định thời hạn đăng ký")
        ordering = ["-valid_from"]
        constraints = [_valid_range("schedule_rule")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        try:
            datetime.date(2025, self.registration_month or 1, self.registration_day or 1)  # 29/2 refused
        except ValueError:
            raise ValidationError(
                {
                    "registration_day": _("Ngày %(d)s/%(m)s không tồn tại.")
                    % {"d": self.registration_day, "m": self.registration_month}
                }
            ) from None

    def as_deadline(self) -> caps.Deadline:
        return caps.Deadline(
            self.registration_month, self.registration_day, self.registration_basis or self.legal_basis
        )
