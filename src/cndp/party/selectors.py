"""Reads of the party module: the Party Committee at a date (số lượng đảng viên), per cell, and the
probations about to end. Everything is derived from the members' events (`rules.replay`), never typed in,
with a constant number of queries whatever the number of members (events are prefetched)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from cndp.accounts.models import Unit, User
from cndp.core.text import collation_key
from cndp.party import rules
from cndp.party.models import Member, MemberEvent


def events_prefetch() -> Prefetch:
    """Prefetch of each member's events in history order (date, then entry order)."""
    return Prefetch("events", queryset=MemberEvent.objects.order_by("date", "pk"))


def member_queryset() -> QuerySet:
    return Member.objects.select_related("cell").prefetch_related(events_prefetch())


def member_states(queryset: QuerySet, at: datetime.date) -> dict[int, tuple[rules.MemberState | None, int]]:
    """{member pk: (state at `at`, cell on `at` — or the last one for a member no longer here)} for the
    members of `queryset`, in two queries whatever its size."""
    members = (
        Member.objects.filter(pk__in=queryset.values("pk"))
        .only("pk", "admitted_on", "official_on", "cell_id")
        .prefetch_related(events_prefetch())
    )
    out = {}
    for member in members:
        state = member.state_at(at)
        cell_id = state.cell_id if state is not None and state.in_organisation else member.cell_id
        out[member.pk] = (state, cell_id)
    return out


@dataclass(frozen=True)
class PartyCounts:
    cells: int
    members: int
    official: int
    probationary: int
    staff: int

    @property
    def ratio(self) -> float:
        return rules.staff_ratio(self.members, self.staff)


@dataclass(frozen=True)
class MemberAtDate:
    """A member as they stood on a date (đảng viên tại một ngày)."""

    member: Member
    status: str  # "official" | "probationary"
    cell_id: int
    temporary_away: bool = False  # sinh hoạt tạm thời nơi khác
    exempted: bool = False  # miễn công tác và sinh hoạt đảng
    suspended: bool = False  # đình chỉ sinh hoạt

    @property
    def is_official(self) -> bool:
        return self.status == "official"


def _members_with_states(at: datetime.date, cell_ids: list[int] | None = None):
    # admitted_on (kept from the events) is a necessary condition: nobody is in before admission.
    qs = member_queryset().filter(admitted_on__lte=at).order_by("name_sort_key", "pk")
    if cell_ids:
        qs = qs.filter(Q(cell_id__in=cell_ids) | Q(events__cell_id__in=cell_ids)).distinct()
    for member in qs:
        state = member.state_at(at)
        if state is None or not state.in_organisation:
            continue
        if cell_ids and state.cell_id not in cell_ids:
            continue
        yield member, state


def members_at(at: datetime.date, cell_ids: list[int] | None = None) -> list[MemberAtDate]:
    """The members of the Party Committee on `at` (in it then: not yet transferred out, deceased or
    removed), in Vietnamese name order, with their status and cell on that date."""
    return [
        MemberAtDate(
            member=member,
            status=state.status,
            cell_id=state.cell_id,
            temporary_away=state.temporary_away,
            exempted=state.exempted,
            suspended=state.suspended,
        )
        for member, state in _members_with_states(at, cell_ids)
    ]


def member_counts(at: datetime.date | None = None) -> PartyCounts:
    """Cells, members (official / probationary) and staff of the agency on `at` (today by default)."""
    at = at or timezone.localdate()
    counts = rules.tally(state for _member, state in _members_with_states(at))
    return PartyCounts(
        cells=Unit.objects.filter(kind="party_cell", is_active=True).count(),
        members=counts.members,
        official=counts.official,
        probationary=counts.probationary,
        staff=User.objects.filter(is_agency_staff=True, is_active=True).count(),
    )


@dataclass(frozen=True)
class CellCount:
    """Số lượng đảng viên của một chi bộ tại một ngày."""

    cell: Unit
    official: int
    probationary: int
    temporary_away: int = 0
    exempted: int = 0
    suspended: int = 0

    @property
    def total(self) -> int:
        return self.official + self.probationary

    @property
    def below_minimum(self) -> bool:
        """Fewer than 3 official members (Charter Art. 24)."""
        return self.official < rules.MIN_OFFICIAL_PER_CELL


def cell_counts(at: datetime.date) -> list[CellCount]:
    """Per cell on `at`: official, probationary, total and those away, exempted or suspended. Every
    active cell is listed (an empty one too: it is below the minimum), and any other cell with members
    on that date; in the cells' Vietnamese name order."""
    by_cell: dict[int, list[rules.MemberState]] = {}
    for _member, state in _members_with_states(at):
        by_cell.setdefault(state.cell_id, []).append(state)
    cells = Unit.objects.filter(kind="party_cell").filter(Q(is_active=True) | Q(pk__in=list(by_cell)))
    rows = []
    for cell in sorted(cells, key=lambda u: collation_key(u.name.split(" "))):
        counts = rules.tally(by_cell.get(cell.pk, []))
        rows.append(
            CellCount(
                cell=cell,
                official=counts.official,
                probationary=counts.probationary,
                temporary_away=counts.temporary_away,
                exempted=counts.exempted,
                suspended=counts.suspended,
            )
        )
    return rows


@dataclass(frozen=True)
class ProbationDue:
    """A probationary member whose 12 months end soon or have ended without recognition."""

    member: Member
    cell_id: int
    admitted_on: datetime.date
    ends_on: datetime.date
    days_left: int  # negative: ended that many days ago

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def probation_due(today: datetime.date, within_days: int = rules.REMINDER_DAYS) -> list[ProbationDue]:
    """Sắp hết thời gian dự bị: probationary members of the Party Committee on `today` whose 12 months
    end within `within_days`, or have passed with no recognition; the most urgent first."""
    due = []
    for member, state in _members_with_states(today):
        if not rules.probation_due(state, today, within_days):
            continue
        ends = rules.probation_ends(state.admitted_on)
        due.append(
            ProbationDue(
                member=member,
                cell_id=state.cell_id,
                admitted_on=state.admitted_on,
                ends_on=ends,
                days_left=(ends - today).days,
            )
        )
    return sorted(due, key=lambda d: (d.ends_on, d.member.name_sort_key, d.member.pk))
