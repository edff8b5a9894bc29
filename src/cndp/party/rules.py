"""Membership rules (quy định về đảng viên) — plain Python, no Django.

Charter Art. 5: probation (dự bị) lasts 12 months from admission; the member stays probationary until the
committee recognises them as official, so the status is derived from the recognition event, never typed.

A member's standing at any date is derived by replaying their history (lịch sử sinh hoạt đảng): a list of
events (kết nạp, công nhận chính thức, chuyển đến, chuyển đi, chuyển chi bộ, sinh hoạt tạm thời, miễn
sinh hoạt, đình chỉ, từ trần, xóa tên). `replay()` rejects any impossible sequence with a `SequenceError`
whose message is Vietnamese (and translatable: the service passes it through gettext).

    state = state_at(events, datetime.date(2015, 6, 10))   # → MemberState | None
    state.in_organisation, state.status, state.cell_id
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

PROBATION_MONTHS = 12  # Charter Art. 5
REMINDER_DAYS = 30  # remind the committee this many days before probation ends
MIN_ADMISSION_AGE = 18  # Charter Art. 1: "từ mười tám tuổi trở lên"
MIN_OFFICIAL_PER_CELL = 3  # Charter Art. 24: a cell needs at least 3 official members
PARTY_FOUNDED = datetime.date(1930, 2, 3)
EARLIEST_BIRTH = datetime.date(1900, 1, 1)  # a birth date before it is a typing error (01/01/1800)

OFFICIAL = "official"  # đảng viên chính thức
PROBATIONARY = "probationary"  # đảng viên dự bị


def gettext_noop(message: str) -> str:
    """Marks a message for translation (picked up by `makemessages`) without translating it here."""
    return message


class Kind:
    """Event kinds (loại sự kiện); the same codes as `choices.MemberEventKind`."""

    ADMITTED = "admitted"
    OFFICIAL = "official"
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"
    CELL_CHANGE = "cell_change"
    TEMPORARY_OUT = "temporary_out"
    TEMPORARY_RETURN = "temporary_return"
    EXEMPTED = "exempted"
    EXEMPTION_ENDED = "exemption_ended"
    SUSPENDED = "suspended"
    SUSPENSION_ENDED = "suspension_ended"
    DECEASED = "deceased"
    REMOVED = "removed"


# The Vietnamese labels; `choices.MemberEventKind` uses the same strings (a test keeps them equal).
KIND_LABELS: dict[str, str] = {
    Kind.ADMITTED: gettext_noop("Kết nạp (dự bị)"),
    Kind.OFFICIAL: gettext_noop("Công nhận chính thức"),
    Kind.TRANSFER_IN: gettext_noop("Chuyển đến"),
    Kind.TRANSFER_OUT: gettext_noop("Chuyển đi"),
    Kind.CELL_CHANGE: gettext_noop("Chuyển chi bộ trong Đảng bộ"),
    Kind.TEMPORARY_OUT: gettext_noop("Sinh hoạt tạm thời nơi khác"),
    Kind.TEMPORARY_RETURN: gettext_noop("Trở lại sinh hoạt"),
    Kind.EXEMPTED: gettext_noop("Miễn công tác và sinh hoạt đảng"),
    Kind.EXEMPTION_ENDED: gettext_noop("Thôi miễn công tác và sinh hoạt đảng"),
    Kind.SUSPENDED: gettext_noop("Đình chỉ sinh hoạt"),
    Kind.SUSPENSION_ENDED: gettext_noop("Hết thời hạn đình chỉ sinh hoạt"),
    Kind.DECEASED: gettext_noop("Từ trần"),
    Kind.REMOVED: gettext_noop("Xóa tên / khai trừ"),
}
KINDS = tuple(KIND_LABELS)

# Events that carry the cell the member belongs to after them (kết nạp may name none: admitted in
# another Party organisation, before a transfer in).
CELL_KINDS = frozenset({Kind.ADMITTED, Kind.TRANSFER_IN, Kind.CELL_CHANGE})
CELL_REQUIRED = frozenset({Kind.TRANSFER_IN, Kind.CELL_CHANGE})
# Events after which nothing more can happen.
FINAL_KINDS = frozenset({Kind.DECEASED, Kind.REMOVED})
# Events that happen at most once in a member's history.
ONCE_KINDS = frozenset({Kind.ADMITTED, Kind.OFFICIAL, Kind.DECEASED, Kind.REMOVED})


@dataclass(frozen=True)
class EventData:
    """One event of a member's history, as plain data (sự kiện)."""

    kind: str
    date: datetime.date
    cell_id: int | None = None


@dataclass(frozen=True)
class MemberState:
    """Where a member stands after some events (tình trạng đảng viên).

    `in_organisation` is True while the member belongs to the Party Committee (after admission here or a
    transfer in, until a transfer out, death or removal); only then are they counted.
    """

    in_organisation: bool
    status: str  # OFFICIAL | PROBATIONARY
    cell_id: int | None
    temporary_away: bool = False  # sinh hoạt tạm thời nơi khác
    exempted: bool = False  # miễn công tác và sinh hoạt đảng
    suspended: bool = False  # đình chỉ sinh hoạt
    admitted_on: datetime.date | None = None
    official_on: datetime.date | None = None
    ended: str | None = None  # Kind.DECEASED | Kind.REMOVED
    ended_on: datetime.date | None = None
    left_on: datetime.date | None = None  # the last transfer out, death or removal (None once back)

    @property
    def is_official(self) -> bool:
        return self.status == OFFICIAL


class SequenceError(ValueError):
    """An impossible sequence of events. `index` is the position (in the list given) of the event that
    cannot happen, `field` the event's field to blame ("date", "kind" or "cell"). The message is
    Vietnamese; `render(gettext)` gives it in the active language."""

    def __init__(self, template: str, params: dict, *, index: int, field: str = "date") -> None:
        self.template = template
        self.params = params
        self.index = index
        self.field = field
        super().__init__(self.render())

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        params = dict(self.params)
        for key in ("event", "ended"):
            if key in params:
                params[key] = translate(params[key])
        return translate(self.template) % params


def format_day(day: datetime.date) -> str:
    """10/06/2015 — the Vietnamese way to write a date."""
    return day.strftime("%d/%m/%Y")


def add_months(date: datetime.date, months: int) -> datetime.date:
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def probation_ends(admitted_on: datetime.date) -> datetime.date:
    """The day the 12-month probation is complete: the earliest possible recognition date."""
    return add_months(admitted_on, PROBATION_MONTHS)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def earliest_admission(birth_date: datetime.date) -> datetime.date:
    """The first day a person born on `birth_date` is old enough to be admitted (18th birthday)."""
    return add_months(birth_date, 12 * MIN_ADMISSION_AGE)


def status_at(admitted_on: datetime.date, official_on: datetime.date | None, at: datetime.date) -> str | None:
    """'official', 'probationary', or None when not yet a member on `at` (from the two dates only)."""
    if at < admitted_on:
        return None
    if official_on is not None and official_on <= at:
        return OFFICIAL
    return PROBATIONARY


def events_from_dates(
    admitted_on: datetime.date, official_on: datetime.date | None, cell_id: int | None
) -> list[EventData]:
    """The history implied by an admission date, a recognition date and a cell (for records created
    before their history existed, e.g. by the migration)."""
    events = [EventData(Kind.ADMITTED, admitted_on, cell_id)]
    if official_on is not None:
        events.append(EventData(Kind.OFFICIAL, official_on))
    return events


def _apply(state: MemberState | None, event: EventData, index: int) -> MemberState:
    kind = event.kind

    def fail(template: str, field: str = "date", **params) -> SequenceError:
        return SequenceError(
            template,
            {"event": KIND_LABELS.get(kind, kind), "date": format_day(event.date), **params},
            index=index,
            field=field,
        )

    if kind not in KIND_LABELS:
        raise fail(gettext_noop("Loại sự kiện «%(event)s» không hợp lệ."), field="kind")
    if kind in CELL_REQUIRED and event.cell_id is None:
        raise fail(gettext_noop("«%(event)s» ngày %(date)s: phải ghi chi bộ mới."), field="cell")
    if kind not in CELL_KINDS and event.cell_id is not None:
        raise fail(
            gettext_noop("«%(event)s» không ghi chi bộ (chỉ ghi khi kết nạp, chuyển đến, chuyển chi bộ)."),
            field="cell",
        )

    if state is None:
        if kind != Kind.ADMITTED:
            raise fail(
                gettext_noop(
                    "«%(event)s» ngày %(date)s đứng trước ngày kết nạp: sự kiện đầu tiên phải là kết nạp."
                )
            )
        return MemberState(
            in_organisation=event.cell_id is not None,
            status=PROBATIONARY,
            cell_id=event.cell_id,
            admitted_on=event.date,
        )

    if state.ended is not None:
        raise fail(
            gettext_noop(
                "Đảng viên đã «%(ended)s» ngày %(ended_on)s: không thể ghi «%(event)s» ngày %(date)s."
            ),
            ended=KIND_LABELS[state.ended],
            ended_on=format_day(state.ended_on),
        )

    if kind == Kind.ADMITTED:
        raise fail(
            gettext_noop("Đảng viên đã được kết nạp ngày %(admitted)s: không thể kết nạp lần nữa."),
            field="kind",
            admitted=format_day(state.admitted_on),
        )
    if kind == Kind.OFFICIAL:
        if state.status == OFFICIAL:
            raise fail(
                gettext_noop("Đảng viên đã được công nhận chính thức ngày %(official)s."),
                field="kind",
                official=format_day(state.official_on),
            )
        ends = probation_ends(state.admitted_on)
        if event.date < ends:
            raise fail(
                gettext_noop(
                    "Chưa đủ 12 tháng dự bị: đảng viên kết nạp ngày %(admitted)s chỉ được công nhận "
                    "chính thức từ ngày %(ends)s."
                ),
                admitted=format_day(state.admitted_on),
                ends=format_day(ends),
            )
        return replace(state, status=OFFICIAL, official_on=event.date)
    if kind == Kind.TRANSFER_IN:
        if state.in_organisation:
            raise fail(
                gettext_noop("«%(event)s» ngày %(date)s: đảng viên đang sinh hoạt trong Đảng bộ."),
                field="kind",
            )
        return replace(state, in_organisation=True, cell_id=event.cell_id, left_on=None)

    # Every other event needs the member to be in the organisation.
    if not state.in_organisation:
        raise fail(
            gettext_noop("«%(event)s» ngày %(date)s: đảng viên không sinh hoạt trong Đảng bộ vào ngày này.")
        )
    if kind == Kind.TRANSFER_OUT:
        return replace(
            state,
            in_organisation=False,
            cell_id=None,
            temporary_away=False,
            exempted=False,
            suspended=False,
            left_on=event.date,
        )
    if kind == Kind.CELL_CHANGE:
        if event.cell_id == state.cell_id:
            raise fail(gettext_noop("«%(event)s» ngày %(date)s: đảng viên đã ở chi bộ này."), field="cell")
        return replace(state, cell_id=event.cell_id)
    if kind in (Kind.DECEASED, Kind.REMOVED):
        return replace(
            state,
            in_organisation=False,
            cell_id=None,
            temporary_away=False,
            exempted=False,
            suspended=False,
            ended=kind,
            ended_on=event.date,
            left_on=event.date,
        )
    toggles = {
        Kind.TEMPORARY_OUT: ("temporary_away", True),
        Kind.TEMPORARY_RETURN: ("temporary_away", False),
        Kind.EXEMPTED: ("exempted", True),
        Kind.EXEMPTION_ENDED: ("exempted", False),
        Kind.SUSPENDED: ("suspended", True),
        Kind.SUSPENSION_ENDED: ("suspended", False),
    }
    flag, value = toggles[kind]
    if getattr(state, flag) == value:
        messages = {
            Kind.TEMPORARY_OUT: gettext_noop(
                "«%(event)s» ngày %(date)s: đảng viên đang sinh hoạt tạm thời nơi khác."
            ),
            Kind.TEMPORARY_RETURN: gettext_noop(
                "«%(event)s» ngày %(date)s: đảng viên không sinh hoạt tạm thời nơi khác."
            ),
            Kind.EXEMPTED: gettext_noop("«%(event)s» ngày %(date)s: đảng viên đang được miễn sinh hoạt."),
            Kind.EXEMPTION_ENDED: gettext_noop(
                "«%(event)s» ngày %(date)s: đảng viên không được miễn sinh hoạt."
            ),
            Kind.SUSPENDED: gettext_noop("«%(event)s» ngày %(date)s: đảng viên đang bị đình chỉ sinh hoạt."),
            Kind.SUSPENSION_ENDED: gettext_noop(
                "«%(event)s» ngày %(date)s: đảng viên không bị đình chỉ sinh hoạt."
            ),
        }
        raise fail(messages[kind], field="kind")
    return replace(state, **{flag: value})


def replay(events: Sequence[EventData]) -> list[tuple[datetime.date, MemberState]]:
    """Every event in date order (events of one day in the order given), with the state after it.
    Raises `SequenceError` at the first event that cannot happen."""
    ordered = sorted(enumerate(events), key=lambda pair: pair[1].date)
    timeline: list[tuple[datetime.date, MemberState]] = []
    state: MemberState | None = None
    for index, event in ordered:
        state = _apply(state, event, index)
        timeline.append((event.date, state))
    return timeline


def state_at(events: Sequence[EventData], at: datetime.date) -> MemberState | None:
    """The member's state at the end of day `at`; None before the first event (not yet admitted).
    The whole history is checked, so an impossible later event is refused too."""
    result = None
    for day, state in replay(events):
        if day > at:
            break
        result = state
    return result


def final_state(events: Sequence[EventData]) -> MemberState | None:
    """The state after the last event."""
    timeline = replay(events)
    return timeline[-1][1] if timeline else None


def last_cell(events: Sequence[EventData]) -> int | None:
    """The last cell the history names (the member's cell, or the one they left)."""
    cell_id = None
    for _day, event in sorted(((e.date, e) for e in events), key=lambda pair: pair[0]):
        if event.cell_id is not None:
            cell_id = event.cell_id
    return cell_id


@dataclass(frozen=True)
class Counts:
    """Counts over a set of member states (số lượng)."""

    members: int = 0
    official: int = 0
    probationary: int = 0
    temporary_away: int = 0
    exempted: int = 0
    suspended: int = 0


def tally(states: Iterable[MemberState | None]) -> Counts:
    """Count the states that are in the organisation."""
    members = official = temporary_away = exempted = suspended = 0
    for state in states:
        if state is None or not state.in_organisation:
            continue
        members += 1
        official += state.status == OFFICIAL
        temporary_away += state.temporary_away
        exempted += state.exempted
        suspended += state.suspended
    return Counts(members, official, members - official, temporary_away, exempted, suspended)


def probation_due(state: MemberState | None, today: datetime.date, within_days: int = REMINDER_DAYS) -> bool:
    """A probationary member of the organisation whose 12 months end within `within_days` of `today`, or
    have already ended without recognition (the committee must decide)."""
    if state is None or not state.in_organisation or state.status != PROBATIONARY:
        return False
    return probation_ends(state.admitted_on) <= today + datetime.timedelta(days=within_days)


def staff_ratio(members: int, staff: int) -> float:
    """Members as a share of staff, in percent (0 when there is no staff)."""
    return 0.0 if staff <= 0 else members * 100 / staff


@dataclass(frozen=True)
class Period:
    """A stretch of days over which a member's state does not change (giai đoạn sinh hoạt): from
    `valid_from` (inclusive) to `valid_to` (exclusive; None = still so). The state is the one at the end
    of each of those days, so `state_at(events, d)` is the period's state for every d in it."""

    valid_from: datetime.date
    valid_to: datetime.date | None
    state: MemberState


def periods(events: Sequence[EventData]) -> list[Period]:
    """The member's history as consecutive periods, one per day with events (the state after that
    day's last event), the last one open. Raises `SequenceError` as `replay` does."""
    by_day: list[tuple[datetime.date, MemberState]] = []
    for day, state in replay(events):
        if by_day and by_day[-1][0] == day:
            by_day[-1] = (day, state)
        else:
            by_day.append((day, state))
    return [
        Period(day, by_day[i + 1][0] if i + 1 < len(by_day) else None, state)
        for i, (day, state) in enumerate(by_day)
    ]
