"""Local-industry monitoring (theo dõi công nghiệp địa phương): indicators and data sets as dated
reference data, the values provinces report by period with their history, and each province's
submission of a data set for a period — an obligation of the shared reporting calendar."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.indicators import periods, rollup, rules
from cndp.indicators.choices import Aggregation, Operator, PeriodType, ValueState
from cndp.places.models import ProvinceKeyed, province_pair

periods.translate = pgettext  # a period's label in the user's language (periods.py has no Django)

SUBMISSION_KIND = "indicators.submission"  # the kind of obligation of a data-set submission
VALUE_DIGITS, VALUE_PLACES = 24, 6


def _url(name: str, *args) -> str:
    """The screen's URL, once the screens exist (they live in views the UI part of the app provides)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class DatedReference(CndpModel):
    valid_from = models.DateField(_("hiệu lực từ"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    scope_path = None  # reference data: read by every role, written by the agency only

    class Meta:
        abstract = True

    def is_valid_at(self, date: datetime.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})


class Indicator(DatedReference):
    """Chỉ tiêu — what is measured, in which unit, by which period, and how values of several units
    combine (sum, weighted mean with its weight indicator, ratio of two indicators × factor, or none)."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=60)
    period_type = models.CharField(_("kỳ số liệu"), max_length=10, choices=PeriodType.choices)
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu quyền số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    numerator = models.ForeignKey(
        "self", verbose_name=_("tử số"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("mẫu số"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    factor = models.DecimalField(_("hệ số"), max_digits=18, decimal_places=6, default=Decimal(1))
    decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân"), default=1, validators=[MaxValueValidator(6)]
    )
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    search_fields = ("code", "name", "name_en")

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="ind_indicator_valid_range",
            ),
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="ind_indicator_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return _url("indicators:indicator_detail", self.pk)

    def clean(self):
        super().clean()
        errors = {}
        if self.aggregation == Aggregation.WEIGHTED_MEAN and not self.weight_id:
            errors["weight"] = _("Bình quân gia quyền cần chỉ tiêu quyền số.")
        if self.aggregation == Aggregation.RATIO and not (self.numerator_id and self.denominator_id):
            errors["numerator"] = _("Tỷ số cần chỉ tiêu tử số và mẫu số.")
        for name in ("weight", "numerator", "denominator"):
            other = getattr(self, name)
            if other is not None and other.period_type != self.period_type:
                errors[name] = _("Chỉ tiêu liên quan phải cùng kỳ số liệu.")
        if errors:
            raise ValidationError(errors)

    def as_rule(self) -> rollup.Rule:
        """The plain roll-up rule (weight / numerator / denominator selected with the indicator)."""
        return rollup.Rule(
            aggregation=self.aggregation,
            weight=self.weight.code if self.weight_id else None,
            numerator=self.numerator.code if self.numerator_id else None,
            denominator=self.denominator.code if self.denominator_id else None,
            factor=self.factor,
        )

    def as_spec(self, required: bool = False) -> rules.Spec:
        return rules.Spec(self.code, self.min_value, self.max_value, required)


class DataSet(DatedReference):
    """Bộ chỉ tiêu báo cáo — indicators of one period type a province reports together, due on the day
    its rule of the shared reporting calendar sets (e.g. the 20th after the period)."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên bộ chỉ tiêu"), max_length=255)
    period_type = models.CharField(_("kỳ báo cáo"), max_length=10, choices=PeriodType.choices)
    rule = models.ForeignKey(
        "obligations.CalendarRule",
        verbose_name=_("quy định lịch báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hạn nộp, nhắc hạn và báo trễ hạn theo lịch báo cáo chung"),
    )
    outlier_share = models.DecimalField(
        _("ngưỡng bất thường"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "Thay đổi vượt tỷ lệ này so với kỳ trước hoặc cùng kỳ năm trước phải giải thích (0,5 = 50%)"
        ),
    )
    indicators = models.ManyToManyField(
        Indicator, through="DataSetIndicator", verbose_name=_("chỉ tiêu"), related_name="datasets"
    )

    history = HistoricalRecords()
    search_fields = ("code", "name")

    class Meta:
        verbose_name = _("bộ chỉ tiêu báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bộ chỉ tiêu báo cáo")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return _url("indicators:dataset_detail", self.pk)

    def clean(self):
        super().clean()
        if self.rule_id and self.rule.period_type != self.period_type:
            raise ValidationError({"rule": _("Quy định lịch báo cáo phải cùng kỳ báo cáo với bộ chỉ tiêu.")})


class DataSetIndicator(CndpModel):
    """Chỉ tiêu trong bộ — its place in the entry grid and whether it is compulsory."""

    dataset = models.ForeignKey(
        DataSet, verbose_name=_("bộ chỉ tiêu"), on_delete=models.CASCADE, related_name="members"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="memberships"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu trong bộ")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu trong bộ")
        ordering = ["dataset", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "indicator"], name="ind_dataset_indicator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} — {self.indicator}"

    def get_absolute_url(self) -> str:
        return self.dataset.get_absolute_url()

    def clean(self):
        if self.dataset_id and self.indicator_id and self.dataset.period_type != self.indicator.period_type:
            raise ValidationError({"indicator": _("Chỉ tiêu phải cùng kỳ báo cáo với bộ chỉ tiêu.")})


class ValidationRule(CndpModel):
    """Quy tắc kiểm tra — a relation between two indicators of the same province and period that must
    hold (e.g. traditional craft villages ≤ recognised craft villages)."""

    name = models.CharField(_("tên quy tắc"), max_length=255)
    left = models.ForeignKey(Indicator, verbose_name=_("vế trái"), on_delete=models.CASCADE, related_name="+")
    operator = models.CharField(
        _("phép so sánh"), max_length=2, choices=Operator.choices, default=Operator.LE
    )
    right = models.ForeignKey(
        Indicator, verbose_name=_("vế phải"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("thông báo khi vi phạm"), max_length=255, blank=True)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    history = HistoricalRecords()
    scope_path = None

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc kiểm tra")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return _url("indicators:validationrule_detail", self.pk)

    def as_relation(self) -> rules.Relation:
        return rules.Relation(self.left.code, self.operator, self.right.code, self.message)


class ProvincePeriodKeyed(ProvinceKeyed):
    """A record of a province for a period: `province` is the unit as it was on the period's last day
    (63 units before 1/7/2025), by which figures are rolled up; `province_current` is today's unit (of
    the 34) that covers it, by which a province officer sees it. Derived on every save; the writes that
    bypass `save()` (bulk creation, the import's and the demo's inserts) set it themselves."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "province" in update_fields:
            self.derive_province_current()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "province_current"}
        super().save(*args, **kwargs)


class DataValue(ProvincePeriodKeyed):
    """Số liệu — one indicator's value for a province (the unit as it was on the period's last day) and
    a period, with a comment; its history (who, when, old → new) is kept."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    province, province_current = province_pair(
        related_name="+", help_text=_("Đơn vị hành chính vào ngày cuối kỳ số liệu")
    )
    period_type = models.CharField(_("kỳ số liệu"), max_length=10, choices=PeriodType.choices)
    period_start = models.DateField(_("kỳ (ngày đầu)"))
    value = models.DecimalField(_("giá trị"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    comment = models.TextField(_("giải thích"), blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=ValueState.choices, default=ValueState.DRAFT
    )

    history = HistoricalRecords()
    search_fields = ()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu")
        ordering = ["indicator", "period_start", "province"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "province"], name="ind_value_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["province", "period_start"], name="ind_value_province_period")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.code} {self.province.code}: {self.value}"

    def get_absolute_url(self) -> str:
        return _url("indicators:datavalue_detail", self.pk)

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.period_type, self.period_start)


class Submission(ProvincePeriodKeyed):
    """Báo cáo số liệu — a province's data set for a period: an obligation of the reporting calendar
    (kind `indicators.submission`): draft (pending) → submitted → approved (locked), or returned with a
    comment → resubmitted. Its state is the obligation's."""

    dataset = models.ForeignKey(
        DataSet, verbose_name=_("bộ chỉ tiêu"), on_delete=models.PROTECT, related_name="submissions"
    )
    province, province_current = province_pair(
        related_name="+", help_text=_("Đơn vị hành chính vào ngày cuối kỳ báo cáo")
    )
    period_start = models.DateField(_("kỳ (ngày đầu)"))
    obligation = models.OneToOneField(
        "obligations.Obligation",
        verbose_name=_("nghĩa vụ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo số liệu")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo số liệu")
        ordering = ["-period_start", "dataset", "province"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "province", "period_start"], name="ind_submission_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} — {self.province} — {self.period.label}"

    def get_absolute_url(self) -> str:
        return _url("indicators:submission_detail", self.pk)

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.dataset.period_type, self.period_start)

    @property
    def state(self) -> str:
        """The obligation's state (pending = draft)."""
        return self.obligation.state if self.obligation_id else "pending"
