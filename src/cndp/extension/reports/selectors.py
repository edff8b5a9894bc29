"""The queries of the extension report (số liệu báo cáo, thống kê khuyến công).

For a plan year, the figures of `reports.Figures` — registered, selected, approved, disbursed, counterpart
funds, outputs achieved, settled projects, overdue progress reports — grouped by province, by region, by
activity type or by programme; registrations per year with their growth; the programme's phase targets
against what its projects achieved. Every function runs a constant number of queries whatever the number
of projects: sums and conditional counts in the database (`values().annotate()` with `filter=Q(...)`),
the arithmetic (totals, rates, growth) in the plain module `reports`.

Scope: everything starts from `Project.objects.restrict(user)`, so a province officer counts only the
projects of their (34-unit) province, and ledger entries and progress reports only of those projects.

Conventions (industry-rules §1.6; UNCONFIRMED — the forms and cut-off days of the extension reports are
not in the sources):
- the six-monthly report counts the ledger up to 30/6 of the plan year, the annual report up to 31/12
  (entries made before 1/1 count too: the figure is what has been disbursed by the end of the period);
- statuses, outputs and progress reports are counted as they stand today (the lifecycle is not replayed
  to the end of the period); a progress report is overdue when it is still owed (not submitted, or sent
  back) by a project that still reports (contracted, running, adjusted, inspected — as the report list
  counts them) and its due day is before the end of the period, or before today if it has not ended.

Units: `rollup=True` keys every project to today's 34 provinces (`province_current`: old Long An's
projects count in Tây Ninh); `rollup=False` shows the units as they were at the plan date (63 before
1/7/2025). A region's figures are the sum over its member provinces, and its rates are recomputed from
those sums. Region members are stored as 63 units; in the 34-unit view a new unit belongs to a region if
any of its predecessors does and is then counted in full (`Row.partial`), so regions of one grouping may
overlap: the total of a regional table is the total of all projects, never the sum of the regions.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from cndp.core.permissions import can, user_province_id
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    LedgerEntry,
    Programme,
    ProgrammeTarget,
    ProgressReport,
    Project,
    valid_at,
)
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import caps, lifecycle
from cndp.extension.reports import rules as reports
from cndp.places.models import REFORM_DATE, Province, Region

BY_PROVINCE, BY_REGION, BY_ACTIVITY, BY_PROGRAMME = "province", "region", "activity", "programme"
GROUPINGS = (BY_PROVINCE, BY_REGION, BY_ACTIVITY, BY_PROGRAMME)
DEFAULT_REGION_GROUPING = "socio_economic"

SELECTED = (lifecycle.SELECTED, *sorted(lifecycle.APPROVED))
APPROVED = tuple(sorted(lifecycle.APPROVED))
FINISHED = (lifecycle.ACCEPTED, lifecycle.LIQUIDATED, lifecycle.SETTLED)  # nghiệm thu and after
PAID_OUT = ("advance", "payment")  # ledger.ADVANCE, ledger.PAYMENT
PAID_BACK = "refund"  # ledger.REFUND


def scope(user) -> QuerySet[Project]:
    """The projects the user may count (every project for the agency, one province for its officer)."""
    return Project.objects.restrict(user)


def of_projects(queryset: QuerySet, user, year: int) -> QuerySet:
    """Rows of a model keyed to a project (ledger entries, progress reports) of the plan year's projects
    in the user's scope: the same projects as `scope(user).filter(plan_year=year)`, joined once rather
    than through a subquery (the permission is the one on projects, the province is the project's)."""
    if not can(user, "view", Project):
        return queryset.none()
    queryset = queryset.filter(project__plan_year=year)
    province_id = user_province_id(user)
    if province_id is not None:
        queryset = queryset.filter(**{f"project__{Project.scope_path}": province_id})
    return queryset


def units_version(year: int, rollup: bool) -> str:
    """The version of the provincial units a report of `year` is keyed by."""
    return "34" if rollup or caps.plan_date(year) >= REFORM_DATE else "63"


def _project_sums() -> dict:
    """The aggregates of `reports.Figures` that live on the project row."""
    selected, approved = Q(status__in=SELECTED), Q(status__in=APPROVED)
    return {
        "registered": Count("pk"),
        "requested": Sum("extension_funds"),
        "selected": Count("pk", filter=selected),
        "selected_funds": Sum(Coalesce("approved_funds", "extension_funds"), filter=selected),
        "approved": Count("pk", filter=approved),
        "approved_funds": Sum("approved_funds", filter=approved),
        "counterpart": Sum("counterpart_funds", filter=approved),
        "settled": Count("pk", filter=Q(status=lifecycle.SETTLED)),
        **{name: Sum(f"achieved_{name}") for name in reports.OUTPUTS},
    }


def _key_field(by: str, rollup: bool) -> str:
    if by in (BY_PROVINCE, BY_REGION):
        return "province_current_id" if rollup else "province_id"
    if by == BY_ACTIVITY:
        return "activity_type_id"
    if by == BY_PROGRAMME:
        return "programme_id"
    raise ValueError(f"unknown grouping {by!r}")


def partition(
    user,
    year: int,
    key: str,
    period: str = reports.YEAR,
    today: datetime.date | None = None,
) -> dict[object, reports.Figures]:
    """The figures of the plan year keyed by one field of the project (`province_current_id`, …): the
    groups of a partition, so their sum is the whole. Three queries (projects, ledger, progress reports),
    whatever the number of projects."""
    today = today or datetime.date.today()
    _start, end = reports.period_bounds(year, period)
    projects = scope(user).filter(plan_year=year)
    rows: dict[object, dict] = defaultdict(dict)
    for row in projects.order_by().values(key).annotate(**_project_sums()):
        rows[row.pop(key)].update(row)

    money = (
        of_projects(LedgerEntry.objects.filter(on__lte=end), user, year)
        .order_by()
        .values(f"project__{key}")
        .annotate(
            out=Sum("amount", filter=Q(kind__in=PAID_OUT)),
            back=Sum("amount", filter=Q(kind=PAID_BACK)),
        )
    )
    for row in money:
        rows[row[f"project__{key}"]]["disbursed"] = (row["out"] or 0) - (row["back"] or 0)

    overdue = (
        of_projects(ProgressReport.objects, user, year)
        .filter(
            obligations__state__in=sorted(reporting.OPEN),  # the state and due date: the obligation's
            project__status__in=sorted(lifecycle.REPORTING),  # as the report list: running projects only
            obligations__due_on__lt=reports.reference_day(end, today),
        )
        .order_by()
        .values(f"project__{key}")
        .annotate(n=Count("pk"))
    )
    for row in overdue:
        rows[row[f"project__{key}"]]["overdue_reports"] = row["n"]
    return {k: reports.figures(v) for k, v in rows.items()}


@dataclass
class Table:
    """A grouped table: its rows, the total of all the projects counted, and notes for the reader."""

    by: str
    rows: list[reports.Row]
    total: reports.Figures
    version: str = "34"
    notes: list[str] = field(default_factory=list)

    @property
    def total_is_sum(self) -> bool:
        """True when the rows partition the projects (so the total is the sum of the rows)."""
        return self.by != BY_REGION


def _province_rows(user, year, rollup, data) -> list[reports.Row]:
    version = units_version(year, rollup)
    pid = user_province_id(user)
    listed = Q(version=version)
    if not rollup:
        listed &= Q(valid_from__isnull=True) | Q(valid_from__lte=caps.plan_date(year))
        listed &= Q(valid_to__isnull=True) | Q(valid_to__gte=caps.plan_date(year))
    if pid is not None:
        listed &= Q(pk=pid) if version == "34" else Q(successor_id=pid)
    units = Province.objects.filter(listed | Q(pk__in=[k for k in data if k is not None])).order_by(
        "-version", "code"
    )
    return [
        reports.Row(key=p.pk, label=p.short_name, code=p.code, figures=data.get(p.pk, reports.Figures()))
        for p in units
    ]


def _activity_rows(user, year, data) -> list[reports.Row]:
    listed = valid_at(ActivityType.objects.all(), caps.plan_date(year))
    types = ActivityType.objects.filter(Q(pk__in=listed.values("pk")) | Q(pk__in=list(data))).order_by(
        "order", "code"
    )
    return [
        reports.Row(key=t.pk, label=t.name, code=t.code, figures=data.get(t.pk, reports.Figures()))
        for t in types
    ]


def _programme_rows(user, year, data) -> list[reports.Row]:
    programmes = Programme.objects.filter(pk__in=list(data)).order_by("scope", "-phase_start", "code")
    return [
        reports.Row(
            key=p.pk,
            label=f"{p.name}",
            code=p.code,
            group=p.get_scope_display(),
            figures=data.get(p.pk, reports.Figures()),
        )
        for p in programmes
    ]


def region_sets(version: str, grouping: str | None = None) -> list[dict]:
    """Each region (of one grouping, or all), north to south, with the set of unit ids of `version`
    counted in it and the units that are only partly inside (34 version). Two queries."""
    through = Region.provinces.through
    links = through.objects.select_related("region", "province")
    if grouping:
        links = links.filter(region__grouping=grouping)
    predecessors = dict(
        Province.objects.filter(version="63", successor__isnull=False)
        .order_by()
        .values("successor_id")
        .annotate(n=Count("pk"))
        .values_list("successor_id", "n")
    )
    regions: dict[int, dict] = {}
    for link in links.order_by("region__grouping", "region__name", "province__code"):
        region, old = link.region, link.province
        entry = regions.setdefault(
            region.pk,
            {
                "region": region,
                "members": set(),
                "inside": defaultdict(int),
                "partial": set(),
                "first": old.code,
            },
        )
        entry["first"] = min(entry["first"], old.code)
        if version == "63":
            entry["members"].add(old.pk)
        elif old.successor_id is not None:
            entry["members"].add(old.successor_id)
            entry["inside"][old.successor_id] += 1
    for entry in regions.values():
        entry["partial"] = {unit for unit, n in entry.pop("inside").items() if n < predecessors.get(unit, n)}
    # North to south: by the lowest statistical code among the members (then by the grouping's name).
    return sorted(regions.values(), key=lambda e: (e["region"].grouping, e["first"], e["region"].name))


def _region_rows(version, grouping, data) -> tuple[list[reports.Row], bool]:
    rows, any_partial = [], False
    for entry in region_sets(version, grouping):
        region = entry["region"]
        counted = [k for k in entry["members"] if k in data]
        partial = bool(entry["partial"] & set(counted))
        any_partial |= partial
        rows.append(
            reports.Row(
                key=region.pk,
                label=region.name,
                group=region.get_grouping_display(),
                partial=partial,
                figures=reports.total(data[k] for k in counted),
            )
        )
    return rows, any_partial


def grouped(
    user,
    year: int,
    by: str = BY_PROVINCE,
    period: str = reports.YEAR,
    rollup: bool = True,
    region_grouping: str | None = DEFAULT_REGION_GROUPING,
    today: datetime.date | None = None,
) -> Table:
    """The grouped table of the report. Four queries (five for regions), whatever the number of projects."""
    key = _key_field(by, rollup)
    data = partition(user, year, key, period, today)
    total = reports.total(data.values())
    version = units_version(year, rollup)
    notes: list[str] = []
    if by == BY_PROVINCE:
        rows = _province_rows(user, year, rollup, data)
    elif by == BY_ACTIVITY:
        rows = _activity_rows(user, year, data)
    elif by == BY_PROGRAMME:
        rows = _programme_rows(user, year, data)
    else:
        rows, partial = _region_rows(version, region_grouping, data)
        notes.append("region_total")
        if partial:
            notes.append("region_partial")
    return Table(by=by, rows=rows, total=total, version=version, notes=notes)


def province_chart(user, year: int, period: str = reports.YEAR, rollup: bool = True, today=None) -> Table:
    """The by-province table the chart draws (registered vs approved vs disbursed funds)."""
    return grouped(user, year, BY_PROVINCE, period, rollup, today=today)


def yearly(user, year: int, span: int = 5) -> list[reports.YearPoint]:
    """Registrations (and approvals) per plan year for the `span` years up to `year`, with year-on-year
    growth (the year before the first is read as the base of its growth). One query."""
    first = year - span + 1
    rows = (
        scope(user)
        .filter(plan_year__gte=first - 1, plan_year__lte=year)
        .order_by()
        .values("plan_year")
        .annotate(
            registered=Count("pk"),
            requested=Sum("extension_funds"),
            approved=Count("pk", filter=Q(status__in=APPROVED)),
            approved_funds=Sum("approved_funds", filter=Q(status__in=APPROVED)),
        )
    )
    values = {r.pop("plan_year"): r for r in rows}
    points = reports.yearly_series(range(first, year + 1), values)
    while len(points) > 1 and points[0].registered == 0:  # years before the system held any data
        points.pop(0)
    return points


def targets(user, year: int) -> list[reports.TargetProgress]:
    """The phase targets of the programmes running in `year` against what the projects of each programme
    (in the user's scope) achieved in the plan years of the phase up to `year`, and in `year` itself.
    Two queries."""
    rows = list(
        ProgrammeTarget.objects.filter(programme__phase_start__lte=year, programme__phase_end__gte=year)
        .select_related("programme")
        .order_by("programme__scope", "programme__code", "indicator")
    )
    if not rows:
        return []
    programme_ids = {t.programme_id for t in rows}
    phase_from = min(t.programme.phase_start for t in rows)
    this_year = Q(plan_year=year)
    finished_line = Q(technology_line=True, status__in=FINISHED)
    sums = {
        **{name: Sum(f"achieved_{name}") for name in reports.OUTPUTS},
        "lines": Count("pk", filter=finished_line),
        **{f"{name}_year": Sum(f"achieved_{name}", filter=this_year) for name in reports.OUTPUTS},
        "lines_year": Count("pk", filter=finished_line & this_year),
    }
    achieved = {
        r.pop("programme_id"): r
        for r in scope(user)
        .filter(programme_id__in=programme_ids, plan_year__gte=phase_from, plan_year__lte=year)
        .order_by()
        .values("programme_id")
        .annotate(**sums)
    }
    out = []
    for t in rows:
        source = reports.INDICATOR_SOURCES.get(t.indicator)
        done = achieved.get(t.programme_id, {})
        out.append(
            reports.TargetProgress(
                programme=t.programme.name,
                phase=f"{t.programme.phase_start}–{t.programme.phase_end}",
                indicator=t.indicator,
                label=t.get_indicator_display(),
                target=t.target,
                achieved=int(done.get(source) or 0) if source else 0,
                achieved_in_year=int(done.get(f"{source}_year") or 0) if source else 0,
            )
        )
    return out


def annual_fund(year: int) -> int | None:
    """The national extension fund allotted for the plan year (None when not entered). One query."""
    amount = AnnualFund.objects.filter(year=year, programme__scope="national").aggregate(s=Sum("amount"))["s"]
    return amount


@dataclass
class Report:
    """Everything the page, the workbook and the PDF show."""

    year: int
    period: str
    by: str
    rollup: bool
    region_grouping: str | None
    period_start: datetime.date
    period_end: datetime.date
    table: Table
    chart: Table
    years: list[reports.YearPoint]
    targets: list[reports.TargetProgress]
    fund: int | None
    province_name: str | None  # the officer's province, None for the whole country

    @property
    def total(self) -> reports.Figures:
        return self.table.total

    @property
    def fund_share(self):
        """Kinh phí được duyệt / kinh phí được giao (%)."""
        return reports.share(self.total.approved_funds, self.fund) if self.fund else None


def report(
    user,
    year: int,
    period: str = reports.YEAR,
    by: str = BY_PROVINCE,
    rollup: bool = True,
    region_grouping: str | None = DEFAULT_REGION_GROUPING,
    today: datetime.date | None = None,
) -> Report:
    """The whole report: a constant number of queries (about a dozen) whatever the number of projects."""
    start, end = reports.period_bounds(year, period)
    table = grouped(user, year, by, period, rollup, region_grouping, today)
    chart = table if by == BY_PROVINCE else province_chart(user, year, period, rollup, today)
    pid = user_province_id(user)
    province_name = Province.objects.filter(pk=pid).values_list("name", flat=True).first() if pid else None
    return Report(
        year=year,
        period=period,
        by=by,
        rollup=rollup,
        region_grouping=region_grouping if by == BY_REGION else None,
        period_start=start,
        period_end=end,
        table=table,
        chart=chart,
        years=yearly(user, year),
        targets=targets(user, year),
        fund=annual_fund(year) if pid is None else None,
        province_name=province_name,
    )


def report_years(user) -> list[int]:
    """The plan years that have projects in the user's scope, latest first (the year filter). One query."""
    return list(scope(user).order_by("-plan_year").values_list("plan_year", flat=True).distinct())
