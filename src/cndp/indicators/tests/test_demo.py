"""The demo data (loaded once for the test session): 2015 → last month, 63 then 34 provinces, values in
realistic ranges, submissions on time, late, returned and missing, and complete roll-ups for the past."""

import datetime
import statistics

import pytest
from django.utils import timezone

from cndp.indicators import periods, selectors
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission
from cndp.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_series_span_the_merger(demo):
    first = DataValue.objects.filter(indicator__code="GTSX", period_start=datetime.date(2015, 1, 1))
    assert set(first.values_list("province__version", flat=True)) == {"63"} and first.count() == 63
    july = DataValue.objects.filter(indicator__code="GTSX", period_start=datetime.date(2025, 7, 1))
    assert set(july.values_list("province__version", flat=True)) == {"34"}
    last = periods.containing(periods.MONTH, timezone.localdate()).previous
    assert Submission.objects.filter(dataset__code="CN-THANG", period_start=last.start).count() == 34
    assert (
        DataValue.objects.filter(indicator__code="LANGNGHE", period_start=datetime.date(2015, 1, 1)).count()
        == 63
    )


def test_values_lie_in_realistic_ranges(demo):
    iip = [float(v) for v in DataValue.objects.filter(indicator__code="IIP").values_list("value", flat=True)]
    assert 0 < min(iip) and max(iip) <= 1000
    assert 95 <= statistics.median(iip) <= 115
    assert sum(80 <= v <= 130 for v in iip) / len(iip) > 0.9
    gtsx = DataValue.objects.filter(indicator__code="GTSX", period_start=datetime.date(2024, 6, 1))
    values = sorted(float(v) for v in gtsx.values_list("value", flat=True))
    assert 100 < values[0] and values[-1] < 500_000  # tỷ đồng a month
    ratio = Indicator.objects.select_related("numerator", "denominator").get(code="NSLDCNNT")
    rows = selectors.aggregate(indicator=ratio, period=periods.parse("2020"), by="country")
    assert rows[0].complete and 20 < rows[0].value < 2000  # triệu đồng per worker


def test_submissions_late_returned_and_missing(demo):
    states = set(Obligation.objects.filter(kind="indicators.submission").values_list("state", flat=True))
    assert {"accepted", "needs_revision", "pending"} <= states
    monthly = DataSet.objects.get(code="CN-THANG")
    statuses = set()
    for month in periods.periods_between(periods.MONTH, datetime.date(2024, 1, 1), timezone.localdate()):
        statuses |= {row.status for row in selectors.completeness(monthly, month)}
    assert {"on_time", "late", "returned", "missing"} <= statuses


def test_past_roll_ups_are_complete(demo):
    iip = Indicator.objects.select_related("weight").get(code="IIP")
    rows = selectors.aggregate(indicator=iip, period=periods.parse("202406"), by="province34")
    assert len(rows) == 34 and all(r.complete for r in rows)


def test_every_value_has_its_history(demo):
    """Who, when, old → new, as the services leave it: the last history row of a value is the value; an
    approved value was entered as a draft, submitted, and approved by the agency; some were returned and
    corrected first (their first figure differs from the approved one, the province explains it)."""
    History = DataValue.history.model  # noqa: N806
    assert not DataValue.objects.exclude(pk__in=History.objects.values("id")).exists()
    approved = DataValue.objects.filter(
        indicator__code="GTSX", state="approved", period_start__year=2024
    ).select_related("province")
    rows_of = {}
    for row in History.objects.filter(id__in=approved.values("pk")).select_related("history_user"):
        rows_of.setdefault(row.id, []).append(row)
    corrected = 0
    for value in approved:
        rows = sorted(rows_of[value.pk], key=lambda r: (r.history_date, r.history_id))
        assert rows[-1].value == value.value and rows[-1].state == "approved"
        assert rows[0].history_type == "+" and rows[0].state == "draft"
        assert [r.state for r in rows][-2:] == ["submitted", "approved"]
        assert rows[-1].history_user.username == "chuyenvien"
        if value.province.code == "01":
            assert rows[0].history_user.username == "sohanoi"
        if rows[0].value != value.value:
            corrected += 1
            assert [r.state for r in rows] == [
                "draft",
                "submitted",
                "draft",
                "draft",
                "submitted",
                "approved",
            ]
            assert rows[3].value == value.value and value.comment
    assert len(approved) > 600 and 0 < corrected < len(approved) / 5
