"""Reads for the analysis screens (phân tích số liệu) on top of `selectors.aggregate`: a ranking with
ranks, an indicator's series over periods, the latest period with values, the map's data, and the
regional steering committee's brief (its units' main indicators, their rank in the country, the
extension projects of the region in the year). Each read's query count depends on the number of
indicators or periods asked for, never on the number of provinces."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cndp.indicators import periods, selectors
from cndp.indicators.choices import ValueState
from cndp.indicators.models import DataValue, Indicator
from cndp.places import maps
from cndp.places.choices import ProvinceVersion
from cndp.places.models import REFORM_DATE, Province, Region

BY_PROVINCE, BY_PROVINCE34, BY_COUNTRY = "province", "province34", "country"
SERIES_MAX = 60  # periods in one series (one aggregate per period)


def published_aggregate(
    *, indicator: Indicator, period: periods.Period, by: str
) -> list[selectors.AggregateRow]:
    """`selectors.aggregate` over the approved values only (số liệu đã duyệt): what the screens show to
    everyone. A draft or a submission awaiting review counts as missing, so a group holding one is
    incomplete (never a partial sum) and nobody sees another province's unapproved figures."""
    return selectors.aggregate(indicator=indicator, period=period, by=by, states=[ValueState.APPROVED])


@dataclass
class Ranked:
    rank: int | None
    row: selectors.AggregateRow


def ranking(rows: list[selectors.AggregateRow]) -> list[Ranked]:
    """Rows by value, largest first, ranked 1, 2, 2, 4 … (equal values share a rank); rows without a
    value (incomplete, none) follow, unranked."""
    valued = sorted((r for r in rows if r.value is not None), key=lambda r: (-r.value, r.key))
    out, previous, rank = [], None, 0
    for i, row in enumerate(valued, start=1):
        if row.value != previous:
            rank, previous = i, row.value
        out.append(Ranked(rank, row))
    out += [Ranked(None, r) for r in sorted(rows, key=lambda r: r.key) if r.value is None]
    return out


def latest_period(indicator: Indicator, today: datetime.date) -> periods.Period:
    """The latest period with a stored value of the indicator, or the last period ended before today."""
    last = DataValue.objects.filter(indicator=indicator, state=ValueState.APPROVED).aggregate(
        last=Max("period_start")
    )["last"]
    if last:
        return periods.Period(indicator.period_type, last)
    return periods.containing(indicator.period_type, today).previous


def map_version(period: periods.Period, by: str) -> str | None:
    """The map a ranking is drawn on: the units as they were (63 before 1/7/2025), or today's 34."""
    if by == BY_PROVINCE:
        return maps.map_version_at(period.end)
    if by == BY_PROVINCE34:
        return maps.V34
    return None


def series_url(indicator: Indicator, by: str, key: str) -> str:
    return reverse("indicators:series") + "?" + urlencode({"indicator": indicator.code, "by": by, "key": key})


def period_map(indicator: Indicator, period: periods.Period, by: str, rows) -> dict | None:
    """The choropleth of a province ranking; a click opens the unit's series."""
    version = map_version(period, by)
    if version is None:
        return None
    incomplete = _("Chưa đủ số liệu để tổng hợp (không cộng một phần)")
    return maps.choropleth(
        dom_id="indicator-map",
        version=version,
        values={r.key: r.value for r in rows},
        names={r.key: r.name for r in rows},
        notes={r.key: incomplete for r in rows if not r.complete and r.components > 1},
        links={r.key: series_url(indicator, by, r.key) for r in rows},
        title=f"{indicator.name} — {period.label}",
        unit=indicator.unit,
        decimals=indicator.decimals,
        filename=f"ban-do-{indicator.code}-{period.code}-{version}",
    )


@dataclass
class SeriesPoint:
    period: periods.Period
    row: selectors.AggregateRow | None


def series(indicator: Indicator, by: str, key: str, first: periods.Period, last: periods.Period):
    """The indicator for one row key (a province code, a region's name, VN) over [first, last] (at most
    SERIES_MAX periods, the latest kept): one aggregate per period."""
    span = []
    period = first
    while period <= last:
        span.append(period)
        period = period.shift(1)
    span = span[-SERIES_MAX:]
    out = []
    for period in span:
        rows = published_aggregate(indicator=indicator, period=period, by=by)
        out.append(SeriesPoint(period, next((r for r in rows if r.key == key), None)))
    return out


# ---- the regional steering committee's brief -----------------------------------------------------------


@dataclass
class BriefUnit:
    province: Province
    partial: bool  # a new unit only partly in the region (through some of its old units)
    values: list  # per indicator: (indicator, value, rank in the country, complete)


def region_units(region: Region, date: datetime.date) -> list[tuple[Province, bool]]:
    """The region's units in force on `date`: its 63 members before 1/7/2025, after it the 34 units
    formed from them (partly when only some of a unit's predecessors are members)."""
    members = list(region.provinces.select_related("successor").order_by("code"))
    if date < REFORM_DATE:
        return [(p, False) for p in members]
    successors = {}
    for old in members:
        successors.setdefault(old.successor_id, []).append(old)
    units = Province.objects.filter(pk__in=successors).annotate(n=Count("predecessors")).order_by("code")
    return [(u, len(successors[u.pk]) < u.n) for u in units]


def extension_projects(provinces: list[Province], year: int):
    """Đề án khuyến công of the region's units in the plan year (the extension app's model read through
    the app registry: indicators keep no import of the extension package), largest approved funds first."""
    project = apps.get_model("extension", "Project")
    ids = [p.pk for p in provinces]
    olds = list(Province.objects.filter(successor__in=ids).values_list("pk", flat=True))
    return list(
        project.objects.filter(plan_year=year, province_id__in=ids + olds)
        .select_related("province")
        .order_by("-approved_funds", "code")[:200]
    )


def brief(region: Region, year: int, indicators: list[Indicator]) -> dict:
    """Units of the region in year `year` with the main yearly indicators and their rank in the country
    (among all units as they were at the year's end), the region's own total, and the projects."""
    period = periods.Period(periods.YEAR, datetime.date(year, 1, 1))
    units = region_units(region, period.end)
    grouping_by = f"region:{region.grouping}"
    table = {p.pk: BriefUnit(p, partial, []) for p, partial in units}
    totals = []
    for indicator in indicators:
        rows = published_aggregate(indicator=indicator, period=period, by=BY_PROVINCE)
        ranks = {r.row.key: r.rank for r in ranking(rows)}
        by_key = {r.key: r for r in rows}
        for unit in table.values():
            row = by_key.get(unit.province.code)
            unit.values.append(
                (
                    indicator,
                    row.value if row else None,
                    ranks.get(unit.province.code),
                    bool(row and row.complete),
                )
            )
        region_row = None
        if region.grouping in selectors.REGION_GROUPINGS:
            region_rows = published_aggregate(indicator=indicator, period=period, by=grouping_by)
            region_row = next((r for r in region_rows if r.key == region.name), None)
        totals.append((indicator, region_row))
    return {
        "period": period,
        "indicators": indicators,
        "units": list(table.values()),
        "count": len(rows) if indicators else 0,
        "totals": totals,
        "projects": extension_projects([p for p, _partial in units], year),
        "version": ProvinceVersion.V63 if period.end < REFORM_DATE else ProvinceVersion.V34,
    }


def as_number(value: Decimal | None, decimals: int) -> float | None:
    return None if value is None else round(float(value), decimals)
