"""Congresses (đại hội), their summons list (danh sách triệu tập) and check-in (điểm danh)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.congress import rules
from cndp.congress.choices import CheckKind, CongressKind, CongressStatus, Exclusion, RuleSetCode
from cndp.core.models import CndpModel, YearField

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def roman(n: int) -> str:
    return ROMAN[n] if 0 < n < len(ROMAN) else str(n)


class Congress(CndpModel):
    """Đại hội — one congress of a Party organisation for a term (khóa III, 2015–2020)."""

    organisation = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="congresses",
        limit_choices_to={"kind": "party_committee"},
    )
    ordinal = models.PositiveSmallIntegerField(_("lần thứ"))
    term_start = YearField(_("nhiệm kỳ từ năm"))
    term_end = YearField(_("nhiệm kỳ đến năm"))
    kind = models.CharField(
        _("loại đại hội"), max_length=10, choices=CongressKind.choices, default=CongressKind.MEMBERS
    )
    rule_set = models.CharField(
        _("bộ quy tắc"),
        max_length=20,
        choices=RuleSetCode.choices,
        blank=True,
        help_text=_("Để trống: theo ngày khai mạc"),
    )
    opens_on = models.DateField(_("ngày khai mạc"))
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CongressStatus.choices, default=CongressStatus.PREPARING
    )

    history = HistoricalRecords()
    search_fields = ("organisation__name", "venue")

    class Meta:
        verbose_name = _("đại hội")
        verbose_name_plural = pgettext_lazy("plural", "đại hội")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "ordinal"], name="congress_unique_ordinal"),
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")), name="congress_term_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Đại hội {self.organisation} lần thứ {roman(self.ordinal)}, nhiệm kỳ {self.term_start}–{self.term_end}"

    @property
    def term_label(self) -> str:
        return f"khóa {roman(self.ordinal)}, nhiệm kỳ {self.term_start}–{self.term_end}"

    term_label.fget.short_description = _("khóa, nhiệm kỳ")

    @property
    def rules(self) -> rules.RuleSet:
        if self.rule_set:
            return rules.RULE_SETS[self.rule_set]
        return rules.rule_set_for(self.opens_on)

    @property
    def is_closed(self) -> bool:
        return self.status == CongressStatus.CLOSED

    def clean(self):
        # A closed congress is read-only (the rule lives in the congress services).
        from django.core.exceptions import ValidationError

        from cndp.congress.services import CongressClosed, congress_require_open

        try:
            congress_require_open(self.pk)
        except CongressClosed as exc:
            raise ValidationError(str(exc)) from exc

    def delete(self, *args, **kwargs):
        from cndp.congress.services import congress_require_open

        congress_require_open(self.pk)
        return super().delete(*args, **kwargs)

    def save(self, *args, **kwargs):
        if not self.rule_set and self.opens_on:
            self.rule_set = rules.rule_set_for(self.opens_on).code
        super().save(*args, **kwargs)


class Delegate(CndpModel):
    """Người được triệu tập — a member summoned to the congress, as they stood on the summons date."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.CASCADE, related_name="delegates"
    )
    member = models.ForeignKey(
        "party.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="summons"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_sort_key = models.CharField(
        _("khóa sắp xếp tên"), max_length=255, default="", editable=False, db_index=True
    )
    cell = models.ForeignKey(
        "accounts.Unit", verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="+"
    )
    is_official = models.BooleanField(_("đảng viên chính thức"))
    code = models.CharField(_("mã thẻ đại biểu"), max_length=20)
    exclusion = models.CharField(
        _("không tính vào cơ sở"), max_length=32, choices=Exclusion.choices, blank=True
    )
    exclusion_reason = models.CharField(_("lý do"), max_length=255, blank=True)
    present = models.BooleanField(_("đang có mặt"), default=False, editable=False)
    checked_in_at = models.DateTimeField(_("điểm danh lần đầu"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    search_fields = ("full_name", "code", "cell__name")

    class Meta:
        verbose_name = _("người được triệu tập")
        verbose_name_plural = pgettext_lazy("plural", "người được triệu tập")
        ordering = ["congress", "name_sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "member"], name="delegate_unique_member"),
            models.UniqueConstraint(fields=["congress", "code"], name="delegate_unique_code"),
            models.CheckConstraint(
                condition=models.Q(exclusion="") | models.Q(is_official=True),
                name="delegate_exclusion_only_official",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class CheckEvent(models.Model):
    """Lượt điểm danh — every check-in and check-out with its time and who recorded it (append-only)."""

    delegate = models.ForeignKey(
        Delegate, verbose_name=_("người được triệu tập"), on_delete=models.CASCADE, related_name="checks"
    )
    kind = models.CharField(_("loại"), max_length=3, choices=CheckKind.choices)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    method = models.CharField(
        _("cách điểm danh"), max_length=10, choices=[("name", _("Tìm theo tên")), ("code", _("Quét mã thẻ"))]
    )
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người ghi"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt điểm danh")
        verbose_name_plural = pgettext_lazy("plural", "lượt điểm danh")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.delegate} — {self.get_kind_display()} {self.at:%H:%M}"
