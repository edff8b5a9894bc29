"""The reporting calendar's records (lịch báo cáo): the dated rules, the obligations they govern and the
steps each obligation went through."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel, DatedReference
from cndp.obligations import calendar, kinds
from cndp.obligations.choices import Action, Audience, Basis, PeriodType, State


class CalendarRule(DatedReference):
    """Quy định lịch báo cáo — the period, due day, data cut-off, reminder and escalation steps of the
    kinds of obligation it governs, effective-dated with its legal basis. Changing it (in the admin or
    the registry) moves the due dates of the open obligations it governs (services.rule_save)."""

    name = models.CharField(_("tên quy định"), max_length=255)
    kinds = models.JSONField(
        _("loại báo cáo áp dụng"),
        default=list,
        help_text=_("Các loại nghĩa vụ báo cáo theo quy định này"),
    )
    period_type = models.CharField(
        _("kỳ báo cáo"), max_length=10, choices=PeriodType.choices, default=PeriodType.HALF_YEAR
    )
    due_day = models.PositiveSmallIntegerField(
        _("hạn nộp: ngày"), default=20, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    due_month_offset = models.PositiveSmallIntegerField(
        _("hạn nộp: sau tháng cuối kỳ (số tháng)"),
        default=0,
        validators=[MaxValueValidator(11)],
        help_text=_("0: hạn nộp trong tháng cuối kỳ; 1: tháng sau đó"),
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("số liệu tính đến ngày"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Ngày chốt số liệu trong tháng đến hạn"),
    )
    final_days = models.PositiveSmallIntegerField(_("báo cáo tổng kết: số ngày sau khi kết thúc"), default=30)
    remind_days = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=7)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi thời hạn theo thực tiễn, chưa đối chiếu được nguyên văn văn bản"),
    )

    history = HistoricalRecords()
    search_fields = ("name", "legal_basis")
    FIELDS = (
        "name",
        "kinds",
        "period_type",
        "due_day",
        "due_month_offset",
        "cutoff_day",
        "final_days",
        "remind_days",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confirmed",
    )

    class Meta:
        verbose_name = _("quy định lịch báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "quy định lịch báo cáo")
        ordering = ["-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="oblig_rule_valid_range",
            ),
        ]

    def __str__(self) -> str:
        text = self.name
        if not self.confirmed:
            text += " (" + str(_("CHƯA ĐỐI CHIẾU")) + ")"
        return text

    def clean(self):
        super().clean()
        if not isinstance(self.kinds, list) or not all(isinstance(k, str) for k in self.kinds):
            raise ValidationError({"kinds": _("Danh sách loại báo cáo không hợp lệ.")})

    def as_rule(self, steps=None) -> calendar.Rule:
        """The plain rule; `steps` (the rule's EscalationStep rows) may be given to spare a query."""
        steps = list(self.steps.all()) if steps is None else steps
        return calendar.Rule(
            period_type=self.period_type,
            due_day=self.due_day,
            due_month_offset=self.due_month_offset,
            cutoff_day=self.cutoff_day,
            final_days=self.final_days,
            remind_days=self.remind_days,
            steps=tuple(
                calendar.Step(s.days_late, s.audience) for s in sorted(steps, key=lambda s: s.days_late)
            ),
            legal_basis=self.legal_basis,
        )

    @property
    def kind_labels(self) -> str:
        return ", ".join(str(kinds.get(k).label) for k in self.kinds)  # labels may be lazy


class EscalationStep(CndpModel):
    """Bước báo trễ hạn — once an obligation is this many days late, it is reported to whom."""

    rule = models.ForeignKey(
        CalendarRule, verbose_name=_("quy định"), on_delete=models.CASCADE, related_name="steps"
    )
    days_late = models.PositiveSmallIntegerField(_("quá hạn (ngày)"))
    audience = models.CharField(_("báo cho"), max_length=12, choices=Audience.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bước báo trễ hạn")
        verbose_name_plural = pgettext_lazy("plural", "bước báo trễ hạn")
        ordering = ["rule", "days_late"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "days_late"], name="oblig_step_unique_days"),
        ]

    def __str__(self) -> str:
        return _("Quá hạn %(d)s ngày: báo %(who)s") % {
            "d": self.days_late,
            "who": self.get_audience_display(),
        }

    def get_absolute_url(self) -> str:
        return self.rule.get_absolute_url()


class Obligation(CndpModel):
    """Nghĩa vụ báo cáo — who owes (a unit, in a province) what (a generic link to the thing owed: a
    progress report, a data-set submission, a cluster report …) for which period, by when, and where it
    stands: pending → submitted → accepted, or returned with a comment → resubmitted. Each step is an
    ObligationStep row with who and when. `owed` is the kind's "still owed" condition on the thing
    (e.g. its project still reports), kept by the services (services.obligations_owed_refresh), so the
    home page counts by an index."""

    kind = models.CharField(_("loại báo cáo"), max_length=60, db_index=True)
    title = models.CharField(_("báo cáo"), max_length=300)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    subject = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("đơn vị phải báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    rule = models.ForeignKey(
        CalendarRule,
        verbose_name=_("theo quy định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    basis = models.CharField(_("cách tính hạn"), max_length=10, choices=Basis.choices, default=Basis.PERIODIC)
    period_end = models.DateField(_("số liệu tính đến ngày"))
    due_on = models.DateField(_("hạn nộp"))
    state = models.CharField(_("tình trạng"), max_length=16, choices=State.choices, default=State.PENDING)
    submissions = models.PositiveSmallIntegerField(_("số lần nộp"), default=0)
    reminded_on = models.DateField(_("đã nhắc ngày"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(_("báo trễ hạn (bước)"), default=0)
    escalated_on = models.DateField(_("báo trễ hạn ngày"), null=True, blank=True)
    recurring = models.BooleanField(
        _("báo cáo lặp lại theo kỳ"),
        default=False,
        db_default=False,  # rows inserted by SQL (the indicators' demo, the job's INSERT … SELECT) too
        help_text=_(
            "Khi kỳ này được chấp nhận hoặc đã kết thúc, lịch tự lập nghĩa vụ báo cáo kỳ sau, "
            "cho đến khi không còn phải báo cáo"
        ),
    )
    owed = models.BooleanField(
        _("còn phải báo cáo"),
        default=True,
        db_default=True,
        editable=False,
        help_text=_("Theo tình trạng của đối tượng phải báo cáo (ví dụ: đề án còn đang thực hiện)"),
    )

    history = HistoricalRecords()
    search_fields = ("title",)
    scope_path = "province"
    unit_scope_path = "unit"  # an officer of a unit of the Ministry: its unit's obligations
    FIELDS = (
        "kind_label",
        "title",
        "unit",
        "province",
        "rule",
        "basis",
        "period_end",
        "due_on",
        "state",
        "submissions",
        "reminded_on",
        "escalation",
        "escalated_on",
        "recurring",
    )

    class Meta:
        verbose_name = _("nghĩa vụ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "nghĩa vụ báo cáo")
        ordering = ["due_on", "kind", "pk"]
        indexes = [
            models.Index(fields=["state", "due_on"], name="oblig_state_due"),
            models.Index(fields=["content_type", "object_id"], name="oblig_subject"),
            # The home page's to-do counts (selectors.counts): counted in this index alone, by state,
            # still owed and due date, within a province or a unit.
            models.Index(fields=["state", "due_on", "owed", "province", "unit"], name="oblig_todo"),
        ]
        constraints = [
            # one report per thing owed and period: a recurring obligation's next period is another row
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "period_end"], name="oblig_unique_subject_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return kinds.get(self.kind).label

    kind_label.fget.short_description = _("loại báo cáo")

    @property
    def is_open(self) -> bool:
        return self.state in calendar.OPEN


class ObligationStep(CndpModel):
    """Bước — one thing that happened to an obligation: scheduled, submitted, returned (with the comment),
    accepted, reminded, escalated (to whom), with who and when. The reminder and escalation notices of
    the daily job are recorded here, so each goes once."""

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("nghĩa vụ báo cáo"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("bước"), max_length=12, choices=Action.choices)
    at = models.DateTimeField(_("lúc"))
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("bước báo trễ hạn"), default=0)
    audience = models.CharField(_("báo cho"), max_length=12, choices=Audience.choices, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    history = HistoricalRecords()
    scope_path = "obligation__province"
    unit_scope_path = "obligation__unit"

    class Meta:
        verbose_name = _("bước của nghĩa vụ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bước của nghĩa vụ báo cáo")
        ordering = ["obligation", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.obligation}"

    def get_absolute_url(self) -> str:
        return self.obligation.get_absolute_url()
