"""Party members (đảng viên) of the agency's Party Committee and the history of their states (lịch sử
sinh hoạt đảng).

Counts at any date are derived from the events (`MemberEvent`), replayed by the plain rules in
`party/rules.py`. `Member.cell`, `Member.admitted_on` and `Member.official_on` are denormalised copies
kept by the services from the events (so that lists sort and filter cheaply); no form, serializer or
admin page writes them (they stay editable fields only so that the audit history shows their changes).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.core.text import name_sort_key, nfc
from cndp.party import rules
from cndp.party.choices import Gender, MemberEventKind, MemberStatus

FROM_HISTORY = _("Tự cập nhật theo lịch sử sinh hoạt đảng")


class Member(CndpModel):
    """Đảng viên."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_sort_key = models.CharField(
        _("khóa sắp xếp tên"), max_length=255, editable=False, default="", db_index=True
    )
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    cell = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="party_members",
        limit_choices_to={"kind": "party_cell"},
        help_text=FROM_HISTORY,
    )
    staff = models.OneToOneField(
        "accounts.User",
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_member",
    )
    admitted_on = models.DateField(_("ngày vào Đảng"), help_text=FROM_HISTORY)
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True, help_text=FROM_HISTORY)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)

    history = HistoricalRecords()
    search_fields = ("full_name", "card_number", "cell__name")

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = pgettext_lazy("plural", "đảng viên")
        ordering = ["name_sort_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official_on__isnull=True)
                | models.Q(official_on__gte=models.F("admitted_on")),
                name="member_official_after_admission",
            ),
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~models.Q(card_number=""),
                name="member_card_number_unique",
                violation_error_message=_("Số thẻ đảng viên này đã có trong danh sách."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    # ---- history (uses prefetched `events` when the queryset has them) --------------------------------

    def event_data(self) -> list[rules.EventData]:
        """The member's history as plain data; a record without events (created outside the services)
        stands for the history its dates imply."""
        events = [e.as_data() for e in self.events.all()] if self.pk else []
        if events:
            return events
        if self.admitted_on is None:
            return []
        return rules.events_from_dates(self.admitted_on, self.official_on, self.cell_id)

    def state_at(self, at: datetime.date | None = None) -> rules.MemberState | None:
        """Tình trạng tại ngày `at` (today by default)."""
        return rules.state_at(self.event_data(), at or timezone.localdate())

    def status_at(self, at: datetime.date | None = None) -> str | None:
        """'official' / 'probationary' while in the Party Committee on `at`, else None."""
        state = self.state_at(at)
        return state.status if state is not None and state.in_organisation else None

    def standing_label(self, at: datetime.date | None = None) -> str:
        """The state in words: "Chính thức", "Dự bị · sinh hoạt tạm thời nơi khác", "Chuyển đi" …"""
        return standing_label(self.state_at(at))

    def status_label(self) -> str:
        return self.standing_label()

    status_label.short_description = _("tình trạng hiện nay")

    def probation_ends_on(self) -> datetime.date | None:
        """Ngày đủ 12 tháng dự bị (None once official)."""
        if self.official_on is not None or self.admitted_on is None:
            return None
        return rules.probation_ends(self.admitted_on)

    probation_ends_on.short_description = _("ngày đủ 12 tháng dự bị")

    def clean(self):
        """A plausible birth date: not before 1900, and (for a member already in the registry, whose
        admission comes from the history) at least 18 years before the admission. A new member's
        admission is checked against the birth date on the admission field by `member_create`."""
        super().clean()
        if self.birth_date is None:
            return
        if self.birth_date < rules.EARLIEST_BIRTH:
            raise ValidationError(
                {
                    "birth_date": _("Ngày sinh không thể trước ngày %(day)s.")
                    % {"day": rules.format_day(rules.EARLIEST_BIRTH)}
                }
            )
        if (
            not self._state.adding
            and self.admitted_on is not None
            and self.admitted_on < rules.earliest_admission(self.birth_date)
        ):
            raise ValidationError(
                {
                    "birth_date": _(
                        "Đảng viên phải đủ %(age)s tuổi khi vào Đảng (ngày %(admitted)s): "
                        "ngày sinh phải từ %(latest)s trở về trước."
                    )
                    % {
                        "age": rules.MIN_ADMISSION_AGE,
                        "admitted": rules.format_day(self.admitted_on),
                        "latest": rules.format_day(
                            rules.add_months(self.admitted_on, -12 * rules.MIN_ADMISSION_AGE)
                        ),
                    }
                }
            )

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.card_number = nfc(self.card_number)
        self.name_sort_key = name_sort_key(self.full_name)
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and self.admitted_on is not None:
            # A record created outside the services stands for the history its dates imply, in the
            # counts too; the services then replace these periods by those of the events they write.
            field = self._meta.get_field("admitted_on")
            implied = rules.events_from_dates(
                field.to_python(self.admitted_on), field.to_python(self.official_on), self.cell_id
            )
            MemberPeriod.objects.bulk_create(
                MemberPeriod.from_rule(self.pk, p) for p in rules.periods(implied)
            )


def standing_label(state: rules.MemberState | None) -> str:
    if state is None:
        return gettext("Chưa vào Đảng")
    if state.ended is not None:
        return str(MemberEventKind(state.ended).label)
    if not state.in_organisation:
        return gettext("Không sinh hoạt trong Đảng bộ")
    parts = [str(MemberStatus(state.status).label)]
    if state.temporary_away:
        parts.append(gettext("sinh hoạt tạm thời nơi khác"))
    if state.exempted:
        parts.append(gettext("miễn công tác và sinh hoạt đảng"))
    if state.suspended:
        parts.append(gettext("đình chỉ sinh hoạt"))
    return " · ".join(parts)


CELL_KINDS = [k for k in rules.KINDS if k in rules.CELL_KINDS]
CELL_REQUIRED = [k for k in rules.KINDS if k in rules.CELL_REQUIRED]
ONCE_KINDS = [k for k in rules.KINDS if k in rules.ONCE_KINDS]


class MemberEvent(CndpModel):
    """Sự kiện trong lịch sử sinh hoạt đảng: kết nạp, công nhận chính thức, chuyển đến, chuyển đi, chuyển
    chi bộ, sinh hoạt tạm thời, miễn sinh hoạt, đình chỉ, từ trần, xóa tên. Written only by
    `services.member_event_record`, which checks the whole resulting history."""

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("sự kiện"), max_length=20, choices=MemberEventKind.choices)
    date = models.DateField(_("ngày"))
    cell = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("chi bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_member_events",
        limit_choices_to={"kind": "party_cell"},
        help_text=_("Chi bộ sau sự kiện: chỉ ghi khi kết nạp, chuyển đến, chuyển chi bộ trong Đảng bộ"),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    search_fields = ("member__full_name", "decision_number", "note")

    class Meta:
        verbose_name = _("sự kiện đảng viên")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện đảng viên")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=list(rules.KINDS)), name="memberevent_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=CELL_REQUIRED) | models.Q(cell__isnull=False),
                name="memberevent_cell_required",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CELL_KINDS) | models.Q(cell__isnull=True),
                name="memberevent_cell_only_when_moving",
            ),
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=models.Q(kind__in=ONCE_KINDS),
                name="memberevent_once_per_member",
                violation_error_message=_("Sự kiện này chỉ có một lần trong lịch sử của một đảng viên."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("party:member_detail", args=[self.member_id]) + f"#event-{self.pk}"

    def as_data(self) -> rules.EventData:
        return rules.EventData(kind=self.kind, date=self.date, cell_id=self.cell_id)

    def clean(self):
        self.decision_number = nfc(self.decision_number)
        self.note = (self.note or "").strip()
        errors = {}
        if self.kind in rules.CELL_REQUIRED and self.cell_id is None:
            errors["cell"] = _("Phải chọn chi bộ mới với sự kiện «%(kind)s».") % {
                "kind": self.get_kind_display()
            }
        if self.kind and self.kind not in rules.CELL_KINDS and self.cell_id is not None:
            errors["cell"] = _(
                "Chỉ ghi chi bộ khi kết nạp, chuyển đến hoặc chuyển chi bộ; bỏ trống với «%(kind)s»."
            ) % {"kind": self.get_kind_display()}
        if errors:
            raise ValidationError(errors)


class MemberPeriod(models.Model):
    """Giai đoạn sinh hoạt: a stretch of days over which a member's state (in the Party Committee or
    not, cell, official / probationary, away, exempted, suspended) does not change, from `valid_from`
    to `valid_to` (exclusive; empty = still so). Derived data: written only by the party services from
    the events (`services.member_sync`, with `rules.periods`), rebuilt by `cndp manage
    party_rebuild_states`; counts at a date are one grouped query over it (`selectors.cell_counts`).
    No audit history of its own: the events it comes from have theirs."""

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="periods"
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    in_organisation = models.BooleanField(_("sinh hoạt trong Đảng bộ"))
    cell = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("chi bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_member_periods",
        db_index=False,  # memberperiod_cell_at starts with it
    )
    status = models.CharField(_("loại đảng viên"), max_length=20, choices=MemberStatus.choices)
    temporary_away = models.BooleanField(_("sinh hoạt tạm thời nơi khác"), default=False)
    exempted = models.BooleanField(_("miễn công tác và sinh hoạt đảng"), default=False)
    suspended = models.BooleanField(_("đình chỉ sinh hoạt"), default=False)
    has_left = models.BooleanField(_("đã ra khỏi Đảng bộ"), default=False)

    class Meta:
        verbose_name = _("giai đoạn sinh hoạt")
        verbose_name_plural = pgettext_lazy("plural", "giai đoạn sinh hoạt")
        ordering = ["member_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="memberperiod_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="memberperiod_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(in_organisation=False) | models.Q(cell__isnull=False),
                name="memberperiod_in_organisation_has_cell",
            ),
        ]
        indexes = [
            # Counts at a date per cell (and the member list by cell and date): the periods by cell
            # then start, with what is counted, so the count reads the index alone (only periods in
            # the organisation have a cell). The only index on the cell, so planners do not hesitate.
            models.Index(
                fields=[
                    "cell",
                    "valid_from",
                    "valid_to",
                    "in_organisation",
                    "status",
                    "temporary_away",
                    "exempted",
                    "suspended",
                ],
                name="memberperiod_cell_at",
            ),
        ]

    def __str__(self) -> str:
        until = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.member_id}: {self.valid_from:%d/%m/%Y} – {until}"

    def get_absolute_url(self) -> str:
        return reverse("party:member_detail", args=[self.member_id])

    @classmethod
    def from_rule(cls, member_id: int, period: rules.Period) -> MemberPeriod:
        state = period.state
        return cls(
            member_id=member_id,
            valid_from=period.valid_from,
            valid_to=period.valid_to,
            in_organisation=state.in_organisation,
            cell_id=state.cell_id if state.in_organisation else None,
            status=state.status,
            temporary_away=state.temporary_away,
            exempted=state.exempted,
            suspended=state.suspended,
            has_left=state.left_on is not None,
        )
