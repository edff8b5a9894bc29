"""Reads of local-industry monitoring (tra cứu số liệu): a data set's entry grid with the previous period
and the same period last year, aggregates by province as it was / by today's 34 / by region / for the
country (the roll-up rules of `rollup`), and completeness per data set and period — each in a constant
number of queries whatever the number of provinces and periods."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.indicators import periods, rollup, rules
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission, ValidationRule
from cndp.obligations import calendar
from cndp.places.choices import ProvinceVersion
from cndp.places.models import REFORM_DATE, Province, ProvinceName, Region
from cndp.places.selectors import province_list_valid_at

REGION_GROUPINGS = ("socio_economic", "steering_committee", "key_economic_zone")
COUNTRY_KEY = "VN"


class AggregateError(ValueError):
    """An aggregate that cannot be asked (unknown indicator, malformed period, wrong period type, unknown
    `by`); the message is one line for the user."""


def indicator_list():
    return Indicator.objects.select_related("weight", "numerator", "denominator")


def _values(codes, province_ids, starts, states=None) -> dict[tuple[str, int, datetime.date], Decimal]:
    """(code, province id, period start) → value, in one query (only values in `states` when given)."""
    rows = DataValue.objects.filter(
        indicator__code__in=sorted(set(codes)),
        province_id__in=sorted(set(province_ids)),
        period_start__in=sorted(set(starts)),
    )
    if states is not None:
        rows = rows.filter(state__in=sorted(states))
    rows = rows.values_list("indicator__code", "province_id", "period_start", "value")
    return {(c, p, s): v for c, p, s, v in rows}


def _member(rule: rollup.Rule, code: str, values, unit_id: int, start) -> rollup.Member:
    get = lambda c: values.get((c, unit_id, start)) if c else None  # noqa: E731
    return rollup.Member(
        value=get(code),
        weight=get(rule.weight),
        numerator=get(rule.numerator),
        denominator=get(rule.denominator),
    )


# ---- the entry grid -------------------------------------------------------------------------------------


@dataclass
class GridRow:
    indicator: Indicator
    required: bool
    value: DataValue | None
    previous: Decimal | None  # kỳ trước (the predecessors rolled up across the merger)
    last_year: Decimal | None  # cùng kỳ năm trước


def entry_grid(dataset: DataSet, province: Province, period: periods.Period) -> list[GridRow]:
    """The data set's indicators for a province and period with their stored values, the previous period
    and the same period last year (4 queries)."""
    members = list(
        dataset.members.select_related("indicator__weight", "indicator__numerator", "indicator__denominator")
    )
    before = [period.previous, period.last_year]
    units = {province.pk: province}
    if province.version == ProvinceVersion.V34 and any(p.end < REFORM_DATE for p in before):
        units.update(
            {p.pk: p for p in Province.objects.filter(successor=province, version=ProvinceVersion.V63)}
        )
    codes = set()
    for m in members:
        codes.update(c for c in m.indicator.as_rule().needs(m.indicator.code) if c)
        codes.add(m.indicator.code)
    earlier = _values(codes, units, [p.start for p in before])
    current = {
        v.indicator_id: v
        for v in DataValue.objects.filter(
            indicator__in=[m.indicator for m in members], province=province, period_start=period.start
        )
    }
    rows = []
    for m in members:
        indicator, rule = m.indicator, m.indicator.as_rule()
        compared = []
        for p in before:
            ids = [u.pk for u in units.values() if u.is_valid_at(p.end)]
            if province.pk in ids:
                ids = [province.pk]
            result = rollup.combine(rule, [_member(rule, indicator.code, earlier, i, p.start) for i in ids])
            compared.append(result.value)
        rows.append(GridRow(indicator, m.required, current.get(indicator.pk), *compared))
    return rows


def submission_entries(submission: Submission):
    """(specs, entries, relations) of a submission for `rules.check`."""
    grid = entry_grid(submission.dataset, submission.province, submission.period)
    specs = [row.indicator.as_spec(row.required) for row in grid]
    entries = {
        row.indicator.code: rules.Entry(
            row.value.value if row.value else None,
            row.value.comment if row.value else "",
            row.previous,
            row.last_year,
        )
        for row in grid
    }
    codes = set(entries)
    relations = [
        r.as_relation()
        for r in ValidationRule.objects.filter(active=True).select_related("left", "right")
        if r.left.code in codes and r.right.code in codes
    ]
    return specs, entries, relations


# ---- aggregates -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AggregateRow:
    key: str
    name: str
    value: Decimal | None
    complete: bool
    components: int


def _names_at(date: datetime.date) -> dict[int, str]:
    """Dated names (Thừa Thiên Huế → Thành phố Huế) in force on `date`, by province id."""
    out = {}
    for entry in ProvinceName.objects.all():
        if (entry.valid_from is None or entry.valid_from <= date) and (
            entry.valid_to is None or date <= entry.valid_to
        ):
            out[entry.province_id] = entry.name
    return out


def parse_request(indicator_code: str, period_code: str, by: str) -> tuple[Indicator, periods.Period]:
    indicator = indicator_list().filter(code=indicator_code).first()
    if indicator is None:
        raise AggregateError(_("không có chỉ tiêu %(code)s") % {"code": indicator_code})
    try:
        period = periods.parse(period_code)
    except ValueError as exc:
        raise AggregateError(_("kỳ không hợp lệ: %(period)s") % {"period": period_code}) from exc
    if period.type != indicator.period_type:
        raise AggregateError(
            _("kỳ %(period)s không phải kỳ %(type)s của chỉ tiêu %(code)s")
            % {
                "period": period_code,
                "type": str(indicator.get_period_type_display()).lower(),
                "code": indicator.code,
            }
        )
    if by not in ("province", "province34", "country") and not (
        by.startswith("region:") and by.split(":", 1)[1] in REGION_GROUPINGS
    ):
        raise AggregateError(_("cách tổng hợp --by không hợp lệ: %(by)s") % {"by": by})
    return indicator, period


def aggregate(*, indicator: Indicator, period: periods.Period, by: str, states=None) -> list[AggregateRow]:
    """Rows of `indicator` for `period` grouped `by` province (as it was on the period's last day),
    province34 (today's 34; earlier periods from their 63-unit predecessors), region:GROUPING, or country;
    over the values in `states` only when given (e.g. approved values for a province's officer).
    A constant number of queries (units, names, values, and the regions for a region grouping)."""
    if period.type != indicator.period_type:
        raise AggregateError(_("kỳ không đúng kỳ số liệu của chỉ tiêu"))
    rule = indicator.as_rule()
    end = period.end
    units = list(province_list_valid_at(end))
    unit_ids = {u.pk for u in units}
    names = _names_at(end)
    name = lambda u: names.get(u.pk, u.name)  # noqa: E731
    groups: list[tuple[str, str, list[int], bool]] = []  # key, name, member unit ids, whole
    if by == "province":
        groups = [(u.code, name(u), [u.pk], True) for u in units]
    elif by == "province34":
        today = list(Province.objects.filter(version=ProvinceVersion.V34).order_by("code"))
        if end >= REFORM_DATE:
            groups = [(u.code, u.name, [u.pk] if u.pk in unit_ids else [], True) for u in today]
        else:
            members = defaultdict(list)
            for u in units:
                if u.successor_id:
                    members[u.successor_id].append(u.pk)
            groups = [(u.code, u.name, members[u.pk], True) for u in today]
    elif by == "country":
        groups = [(COUNTRY_KEY, _("Cả nước"), [u.pk for u in units], True)]
    elif by.startswith("region:") and by.split(":", 1)[1] in REGION_GROUPINGS:
        regions = Region.objects.filter(grouping=by.split(":", 1)[1]).prefetch_related("provinces")
        successors = defaultdict(set)  # a new unit → its predecessors' ids
        for old in Province.objects.filter(version=ProvinceVersion.V63).values_list("pk", "successor_id"):
            successors[old[1]].add(old[0])
        for region in regions:
            old = {p.pk for p in region.provinces.all()}
            if end < REFORM_DATE:
                groups.append((region.name, region.name, sorted(old & unit_ids), True))
            else:
                new = sorted(u.pk for u in units if successors[u.pk] & old)
                whole = all(successors[i] <= old for i in new)
                groups.append((region.name, region.name, new, whole))
    else:
        raise AggregateError(_("cách tổng hợp --by không hợp lệ: %(by)s") % {"by": by})
    values = _values(rule.needs(indicator.code) + (indicator.code,), unit_ids, [period.start], states)
    rows = []
    for key, label, ids, whole in groups:
        result = rollup.combine(rule, [_member(rule, indicator.code, values, i, period.start) for i in ids])
        if not whole:  # a new unit only partly in the region: never a partial sum
            result = rollup.Result(None, False, result.components)
        rows.append(AggregateRow(key, label, result.value, result.complete, result.components))
    return sorted(rows, key=lambda r: r.key)


# ---- completeness ---------------------------------------------------------------------------------------

ON_TIME, LATE, MISSING, RETURNED, NOT_DUE = "on_time", "late", "missing", "returned", "not_due"
STATUSES = (ON_TIME, LATE, MISSING, RETURNED, NOT_DUE)


def due_dates(dataset: DataSet, period: periods.Period) -> tuple[datetime.date, datetime.date]:
    """(data cut-off, due date) of a period under the data set's calendar rule: due on the rule's day of
    the period's last month + the rule's month offset (e.g. January's values on 20 February)."""
    rule = dataset.rule
    due_month = periods.Period(periods.MONTH, period.end.replace(day=1)).shift(rule.due_month_offset).start
    return calendar.cutoff_and_due(due_month.year, due_month.month, rule.due_day, rule.cutoff_day)


@dataclass
class CompletenessRow:
    province: Province
    submission: Submission | None
    # ON_TIME, LATE, MISSING (not submitted, due date past), RETURNED (sent back, not yet resubmitted),
    # NOT_DUE (not submitted, due date not past: the due day itself still counts as on time)
    status: str
    state: str  # the obligation's state (pending, submitted, needs_revision, accepted)
    due_on: datetime.date | None
    first_submitted: datetime.datetime | None


def completeness(
    dataset: DataSet, period: periods.Period, today: datetime.date | None = None
) -> list[CompletenessRow]:
    """Per province in force at the period's end: submitted on time, late, not at all, returned, or not
    yet due (2 queries). A province's due date is its obligation's (the calendar may have moved it), else
    the data set's rule's."""
    today = today or timezone.localdate()
    rule_due = due_dates(dataset, period)[1]
    units = list(province_list_valid_at(period.end))
    submissions = {
        s.province_id: s
        for s in Submission.objects.filter(dataset=dataset, period_start=period.start)
        .select_related("obligation")
        .annotate(first_submitted=Min("obligation__steps__at", filter=Q(obligation__steps__action="submit")))
    }
    rows = []
    for unit in units:
        s = submissions.get(unit.pk)
        obligation = s.obligation if s else None
        state = obligation.state if obligation else calendar.PENDING
        first = s.first_submitted if s else None
        due_on = obligation.due_on if obligation else rule_due
        if state == calendar.RETURNED:
            status = RETURNED
        elif first is None:
            status = NOT_DUE if today <= due_on else MISSING
        elif due_on is not None and timezone.localdate(first) > due_on:
            status = LATE
        else:
            status = ON_TIME
        rows.append(CompletenessRow(unit, s, status, state, due_on, first))
    return rows
