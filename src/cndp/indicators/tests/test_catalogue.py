"""The catalogue of the exchange contract is present right after migrate, with its exact codes, units,
period types, aggregation rules and valid ranges; its data sets are on the shared reporting calendar."""

import datetime
from decimal import Decimal

import pytest

from cndp.indicators.models import DataSet, Indicator
from cndp.obligations import calendar, kinds

pytestmark = pytest.mark.django_db

CONTRACT = [
    # code, name, unit, period, aggregation (weight / numerator / denominator / factor), min, max
    ("GTSX", "Giá trị sản xuất công nghiệp", "tỷ đồng", "month", ("sum", None, None, None), 0, None),
    ("IIP", "Chỉ số sản xuất công nghiệp so với cùng kỳ", "%", "month", ("weighted_mean", "GTSX", None, None), 0, 1000),
    ("CSCNNT", "Số cơ sở công nghiệp nông thôn", "cơ sở", "year", ("sum", None, None, None), 0, None),
    ("LDCNNT", "Lao động trong các cơ sở công nghiệp nông thôn", "người", "year", ("sum", None, None, None), 0, None),
    ("GTCNNT", "Giá trị sản xuất công nghiệp nông thôn", "tỷ đồng", "year", ("sum", None, None, None), 0, None),
    ("NSLDCNNT", "Năng suất lao động công nghiệp nông thôn", "triệu đồng/người", "year",
     ("ratio", None, "GTCNNT", "LDCNNT"), 0, None),
    ("LANGNGHE", "Số làng nghề được công nhận", "làng nghề", "year", ("sum", None, None, None), 0, None),
]  # fmt: skip


@pytest.mark.parametrize("code,name,unit,period,rule,minimum,maximum", CONTRACT)
def test_the_contract_codes_ship_with_the_project(code, name, unit, period, rule, minimum, maximum):
    indicator = Indicator.objects.select_related("weight", "numerator", "denominator").get(code=code)
    plain = indicator.as_rule()
    assert (indicator.name, indicator.unit, indicator.period_type) == (name, unit, period)
    assert (plain.aggregation, plain.weight, plain.numerator, plain.denominator) == rule
    assert plain.factor == (Decimal(1000) if code == "NSLDCNNT" else Decimal(1))
    assert indicator.min_value == minimum
    assert indicator.max_value == (None if maximum is None else Decimal(maximum))


def test_data_sets_are_due_on_the_shared_calendar():
    monthly = DataSet.objects.select_related("rule").get(code="CN-THANG")
    assert list(monthly.members.values_list("indicator__code", flat=True)) == ["GTSX", "IIP"]
    assert "indicators.submission" in monthly.rule.kinds and monthly.rule.period_type == "month"
    # January's values are due on 20 February
    assert calendar.redate(calendar.PERIODIC, datetime.date(2026, 2, 1), monthly.rule.as_rule())[1] == (
        datetime.date(2026, 2, 20)
    )
    yearly = DataSet.objects.select_related("rule").get(code="CNNT-NAM")
    assert yearly.rule.as_rule().due_points() == ((3, 15),)
    assert kinds.get("indicators.submission").label != "indicators.submission"  # registered by the app


def test_the_kind_joins_the_calendar_rules_labels():
    rule = DataSet.objects.select_related("rule").get(code="CN-THANG").rule
    assert rule.kind_labels == "báo cáo số liệu công nghiệp địa phương"
