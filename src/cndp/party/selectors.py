"""Reads of the party module: the Party Committee at a date (số lượng đảng viên), per cell, and the
probations about to end. Everything comes from the members' dated periods (`MemberPeriod`, written by the
services from the events with `rules.periods`): counts at a date are one grouped query, whatever the
number of members; the staff and the cells are those of that date (employment and founding dates)."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.db.models.query import ModelIterable
from django.utils import timezone

from cndp.accounts.models import Unit, User
from cndp.core.text import collation_key
from cndp.party import rules
from cndp.party.models import Member, MemberEvent, MemberPeriod


def events_prefetch(light: bool = False) -> Prefetch:
    """Prefetch of each member's events in history order (date, then entry order); `light`: only what
    the standing is replayed from (`MemberEvent.as_data`), for lists."""
    events = MemberEvent.objects.order_by("date", "pk")
    if light:
        events = events.only("member_id", "kind", "date", "cell_id")
    return Prefetch("events", queryset=events)


def member_queryset() -> QuerySet:
    return Member.objects.select_related("cell").prefetch_related(events_prefetch())


def _at(at: datetime.date) -> Q:
    return Q(valid_from__lte=at) & (Q(valid_to__isnull=True) | Q(valid_to__gt=at))


def periods_at(at: datetime.date) -> QuerySet:
    """The period of each member that covers day `at` (one per member admitted by then)."""
    return MemberPeriod.objects.filter(_at(at))


# Attributes `with_standing_at` gives each member read: the period's columns, then the final event's kind.
STANDING_ATTRIBUTES = (
    "at_status",
    "at_in_organisation",
    "at_temporary_away",
    "at_exempted",
    "at_suspended",
    "at_cell_name",
    "at_ended",
)
# Members whose standing is read by one query (an export reads its rows by chunks of 2,000).
STANDING_BATCH = 500


def with_standing_at(queryset: QuerySet, at: datetime.date) -> QuerySet:
    """Members with their standing on `at`, read with the rows from the period covering that day (and
    the final event, death or removal, if it came by then): `at_status` (None: not yet admitted then),
    `at_in_organisation`, `at_temporary_away`, `at_exempted`, `at_suspended`, `at_cell_name` and
    `at_ended`. One query for the members read (a page, or each batch of an export's rows), by the
    periods' unique index (member, start): a count of the list does not read them, and the rows' own
    query stays as plain as the list's columns. `standing_on(member)` turns them into the state the
    history gives for that day."""
    clone = queryset.all()
    clone._iterable_class = _standing_iterable(at)
    return clone


class _StandingIterable(ModelIterable):
    """The members of a queryset, each given its standing on `at` (`with_standing_at`) once a batch of
    them is read."""

    at: datetime.date

    def __iter__(self):
        batch = []
        for member in super().__iter__():
            batch.append(member)
            if len(batch) == STANDING_BATCH:
                _read_standing(batch, self.at, self.queryset.db)
                yield from batch
                batch = []
        if batch:
            _read_standing(batch, self.at, self.queryset.db)
            yield from batch


@functools.lru_cache(maxsize=64)
def _standing_iterable(at: datetime.date) -> type[_StandingIterable]:
    return type("StandingIterable", (_StandingIterable,), {"at": at})


@functools.lru_cache(maxsize=8)
def _standing_sql(using: str) -> str:
    """The standing query (`_read_standing`), written once per database: the periods covering a
    day of some members (one each: contiguous, without overlap), their cell's name and the member's
    final event by then. Plain SQL: the query an ORM queryset gives, without building and compiling it
    on each page (more than the rest of the page's queries together)."""
    ops = connections[using].ops
    period, event, unit = MemberPeriod._meta, MemberEvent._meta, Unit._meta

    def column(opts, name):
        return ops.quote_name(opts.get_field(name).column)

    kinds = ", ".join(["%s"] * len(rules.FINAL_KINDS))
    return (
        f"SELECT p.{column(period, 'member')}, p.{column(period, 'status')}, "
        f"p.{column(period, 'in_organisation')}, p.{column(period, 'temporary_away')}, "
        f"p.{column(period, 'exempted')}, p.{column(period, 'suspended')}, u.{column(unit, 'name')}, "
        f"(SELECT e.{column(event, 'kind')} FROM {ops.quote_name(event.db_table)} e "
        f"WHERE e.{column(event, 'member')} = p.{column(period, 'member')} AND e.{column(event, 'kind')} "
        f"IN ({kinds}) AND e.{column(event, 'date')} <= %s LIMIT 1) "
        f"FROM {ops.quote_name(period.db_table)} p LEFT JOIN {ops.quote_name(unit.db_table)} u "
        f"ON u.{column(unit, 'id')} = p.{column(period, 'cell')} "
        f"WHERE p.{column(period, 'valid_from')} <= %s AND (p.{column(period, 'valid_to')} IS NULL "
        f"OR p.{column(period, 'valid_to')} > %s) AND p.{column(period, 'member')} IN "
    )


def _read_standing(members: list[Member], at: datetime.date, using: str) -> None:
    connection = connections[using]
    day = connection.ops.adapt_datefield_value(at)
    ids = [member.pk for member in members]
    sql = _standing_sql(using) + "(" + ", ".join(["%s"] * len(ids)) + ")"
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sorted(rules.FINAL_KINDS), day, day, day, *ids])
        for member_id, status, *flags, cell_name, ended in cursor.fetchall():
            found.setdefault(member_id, (status, *(bool(f) for f in flags), cell_name, ended))
    nothing = (None,) * len(STANDING_ATTRIBUTES)
    for member in members:
        values = found.get(member.pk, nothing)
        member.__dict__.update(zip(STANDING_ATTRIBUTES, values, strict=True))


def standing_on(member: Member) -> rules.MemberState | None:
    """The state of a member annotated by `with_standing_at` (what `standing_label` shows): None before
    admission."""
    if member.at_status is None:
        return None
    return rules.MemberState(
        in_organisation=bool(member.at_in_organisation),
        status=member.at_status,
        cell_id=None,
        temporary_away=bool(member.at_temporary_away),
        exempted=bool(member.at_exempted),
        suspended=bool(member.at_suspended),
        ended=member.at_ended,
    )


def in_organisation_at(at: datetime.date, cell_ids=None) -> QuerySet:
    """The periods of the members in the Party Committee on `at`, in the given cells (ids or a
    queryset of ids) if any. One `filter()`: the query is built once (it is the hot path of counts)."""
    where = _at(at) & Q(in_organisation=True)
    if isinstance(cell_ids, list | tuple) and len(cell_ids) == 1:
        where &= Q(cell_id=cell_ids[0])
    elif cell_ids is not None:
        where &= Q(cell_id__in=cell_ids)
    return MemberPeriod.objects.filter(where)


def cells_at(at: datetime.date) -> QuerySet:
    """The party cells that exist on `at` (founded by then, not yet dissolved)."""
    return (
        Unit.objects.filter(kind="party_cell")
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=at))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=at))
    )


def staff_at(at: datetime.date) -> QuerySet:
    """The agency's staff on `at` (employment interval covering the day; an empty start: since before
    the registry)."""
    return (
        User.objects.filter(Q(agency_staff_from__isnull=True) | Q(agency_staff_from__lte=at))
        .filter(Q(agency_staff_to__isnull=True) | Q(agency_staff_to__gt=at))
        .filter(Q(is_agency_staff=True) | Q(agency_staff_to__isnull=False))
    )


# Grouped by what is counted (columns of the index `memberperiod_cell_at`, so the count reads the index
# alone): at most 16 rows per cell, summed here.
COUNTED = ("status", "temporary_away", "exempted", "suspended")


def _tally(rows) -> rules.Counts:
    members = official = away = exempted = suspended = 0
    for status, is_away, is_exempted, is_suspended, n in rows:
        members += n
        official += n if status == rules.OFFICIAL else 0
        away += n if is_away else 0
        exempted += n if is_exempted else 0
        suspended += n if is_suspended else 0
    return rules.Counts(members, official, members - official, away, exempted, suspended)


# Per cell, each figure a filtered count over columns of the index, grouped by the cell alone: the
# grouping follows the index order (no sort), at one row per cell.
BY_CELL = {
    "members": Count("status"),
    "official": Count("status", filter=Q(status=rules.OFFICIAL)),
    "temporary_away": Count("temporary_away", filter=Q(temporary_away=True)),
    "exempted": Count("exempted", filter=Q(exempted=True)),
    "suspended": Count("suspended", filter=Q(suspended=True)),
}


def counts_at(at: datetime.date, cell_ids=None) -> rules.Counts:
    """Số lượng đảng viên on `at` — of the whole Party Committee, or of the given cells (ids, or a
    queryset of ids such as an organisation's cells) — in one query: for one cell grouped by status and
    flags (the cheapest query to build, for the many small counts of a page), else filtered counts over
    the whole range (no grouping to sort)."""
    qs = in_organisation_at(at, cell_ids).order_by()
    if isinstance(cell_ids, list | tuple) and len(cell_ids) == 1:
        return _tally(qs.values_list(*COUNTED).annotate(n=Count("*")))
    return _counts(qs.aggregate(**BY_CELL))


def counts_by_cell(at: datetime.date, cell_ids=None) -> dict[int, rules.Counts]:
    """{cell id: counts on `at`} for the cells with members then, in one grouped query."""
    rows = in_organisation_at(at, cell_ids).order_by().values("cell_id").annotate(**BY_CELL)
    return {row["cell_id"]: _counts(row) for row in rows}


def _counts(row: dict) -> rules.Counts:
    return rules.Counts(
        members=row["members"],
        official=row["official"],
        probationary=row["members"] - row["official"],
        temporary_away=row["temporary_away"],
        exempted=row["exempted"],
        suspended=row["suspended"],
    )


def organisation_cells(organisation: Unit) -> QuerySet:
    """Ids of the party cells under a Party organisation (its children and their children)."""
    return (
        Unit.objects.filter(kind="party_cell")
        .filter(Q(parent=organisation) | Q(parent__parent=organisation) | Q(pk=organisation.pk))
        .values("pk")
    )


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


def _members_with_periods(at: datetime.date, cell_ids=None, extra: Q | None = None):
    qs = in_organisation_at(at, cell_ids).select_related("member", "member__cell")
    if extra is not None:
        qs = qs.filter(extra)
    return qs.order_by("member__name_sort_key", "member_id")


def members_at(at: datetime.date, cell_ids: list[int] | None = None) -> list[MemberAtDate]:
    """The members of the Party Committee on `at` (in it then: not yet transferred out, deceased or
    removed), in Vietnamese name order, with their status and cell on that date; one query."""
    return [
        MemberAtDate(
            member=period.member,
            status=period.status,
            cell_id=period.cell_id,
            temporary_away=period.temporary_away,
            exempted=period.exempted,
            suspended=period.suspended,
        )
        for period in _members_with_periods(at, cell_ids or None)
    ]


def member_counts(at: datetime.date | None = None) -> PartyCounts:
    """Cells, members (official / probationary) and staff of the agency on `at` (today by default),
    all of that date, in one query: the figures of `counts_at`, the count of `cells_at` and of
    `staff_at` side by side (`_member_counts_sql`)."""
    at = at or timezone.localdate()
    using = router.db_for_read(MemberPeriod)
    sql, params = _member_counts_sql(at, using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        members, official, cells, staff = cursor.fetchone()
    return PartyCounts(
        cells=cells, members=members, official=official, probationary=members - official, staff=staff
    )


@functools.lru_cache(maxsize=32)
def _member_counts_sql(at: datetime.date, using: str) -> tuple[str, tuple]:
    """The query of `member_counts` on `at`: the querysets of `counts_at` (its members and official
    figures), `cells_at` and `staff_at`, compiled once per day and database and read as one row — not
    built and compiled anew for every home page, three queries each time."""

    def compiled(queryset: QuerySet) -> tuple[str, tuple]:
        return queryset.query.get_compiler(using).as_sql()

    figures = {name: BY_CELL[name] for name in ("members", "official")}
    counts_sql, counts_params = compiled(
        in_organisation_at(at)
        .order_by()
        .annotate(whole=Value(1))
        .values("whole")  # grouped by a constant: no GROUP BY, one row as `aggregate()` gives
        .annotate(**figures)
        .values(*figures)
    )
    cells_sql, cells_params = compiled(cells_at(at).order_by().values("pk"))
    staff_sql, staff_params = compiled(staff_at(at).order_by().values("pk"))
    sql = (
        f"SELECT counts.members, counts.official, (SELECT COUNT(*) FROM ({cells_sql}) cells), "
        f"(SELECT COUNT(*) FROM ({staff_sql}) staff) FROM ({counts_sql}) counts"
    )
    return sql, (*cells_params, *staff_params, *counts_params)


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
    """Per cell on `at`: official, probationary, total and those away, exempted or suspended, from one
    grouped query. Every cell existing on that date is listed (an empty one too: it is below the
    minimum), and any other cell with members on that date; in the cells' Vietnamese name order."""
    by_cell = counts_by_cell(at)
    cells = Unit.objects.filter(Q(pk__in=cells_at(at).values("pk")) | Q(pk__in=list(by_cell)))
    rows = []
    empty = rules.Counts()
    for cell in sorted(cells, key=lambda u: collation_key(u.name.split(" "))):
        counts = by_cell.get(cell.pk, empty)
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
    end within `within_days`, or have passed with no recognition; the most urgent first. The database
    narrows to probationary members admitted at least 365 days before the horizon (12 months are never
    fewer days); the rule decides."""
    horizon = today + datetime.timedelta(days=within_days)
    due = []
    periods = _members_with_periods(
        today,
        extra=Q(status=rules.PROBATIONARY, member__admitted_on__lte=horizon - datetime.timedelta(days=365)),
    )
    for period in periods:
        member = period.member
        ends = rules.probation_ends(member.admitted_on)
        if ends > horizon:
            continue
        due.append(
            ProbationDue(
                member=member,
                cell_id=period.cell_id,
                admitted_on=member.admitted_on,
                ends_on=ends,
                days_left=(ends - today).days,
            )
        )
    return sorted(due, key=lambda d: (d.ends_on, d.member.name_sort_key, d.member.pk))


CELL_SUGGESTIONS = 20


def cell_suggestions(text: str, limit: int = CELL_SUGGESTIONS) -> list[dict[str, str]]:
    """The party cells whose name or code matches `text` (accent-insensitive), at most `limit`, in name
    order: [{"value": code, "label": name}] for the member list's cell filter."""
    cells = Unit.objects.filter(kind="party_cell").search(text).order_by("name", "pk")
    return [{"value": code, "label": name} for code, name in cells.values_list("code", "name")[:limit]]
