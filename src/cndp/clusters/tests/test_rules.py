"""Decree 32/2024 conditions in plain Python (rules.py), over the dated rows of clusters.reference:
every rule at its boundaries and dates; occupancy and the area condition as properties."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.clusters import layouts, rules
from cndp.clusters.reference import CONDITIONS

D = datetime.date
H = Decimal


def _conditions():
    out = []
    for key, applies, lo, hi, share, unleased, level, deadline, start, end, basis, confirmed in CONDITIONS:
        out.append(
            rules.Condition(
                key=key,
                valid_from=start,
                valid_to=end,
                applies_to=applies,
                min_area=H(lo) if lo else None,
                max_area=H(hi) if hi else None,
                share=H(share) if share else None,
                unleased=H(unleased) if unleased else None,
                area_level=level,
                deadline=deadline,
                legal_basis=basis,
                confirmed=confirmed,
            )
        )
    return out


CONDS = _conditions()
BEFORE_303 = D(2025, 3, 1)
AFTER_REFORM = D(2026, 1, 10)
AFTER_303 = D(2026, 10, 1)


@pytest.mark.parametrize(
    "area, kind, mountain, date, code",
    [
        ("75", "ordinary", False, BEFORE_303, None),
        ("75.01", "ordinary", False, BEFORE_303, "max"),
        ("80", "ordinary", False, AFTER_303, "max"),
        ("10", "ordinary", False, BEFORE_303, None),
        ("9.99", "ordinary", False, BEFORE_303, "min"),
        ("9.99", "ordinary", True, BEFORE_303, None),  # mountain area: 5 ha
        ("9.99", "craft_village", False, BEFORE_303, None),  # craft-village cluster: 5 ha
        ("4.99", "craft_village", False, BEFORE_303, "min"),
        ("5", "ordinary", True, BEFORE_303, None),
        ("9.99", "ordinary", False, D(2026, 9, 14), "min"),  # last day of the old range
        ("9.99", "ordinary", False, D(2026, 9, 15), None),  # Decree 303/2026: 5 ha for all
        ("4.99", "ordinary", False, D(2026, 9, 15), "min"),
        ("90", "ordinary", False, D(2024, 4, 30), None),  # before Decree 32 took effect: no row
        ("90", "ordinary", False, D(2024, 5, 1), "max"),  # the day Decree 32 took effect
    ],
)
def test_size(area, kind, mountain, date, code):
    breaches = rules.check_size(CONDS, rules.Facts(kind=kind, mountain=mountain, area=H(area)), date)
    if code is None:
        assert breaches == []
        return
    (breach,) = breaches
    assert breach.refuse and breach.code == rules.SIZE
    text = rules.breach_text(breach)
    assert "Nghị định 32/2024/NĐ-CP" in text
    assert ("75 ha" in text) if code == "max" else ("tối thiểu" in text)


def test_80_ha_message_names_75_ha_and_the_decree():
    (breach,) = rules.check_size(CONDS, rules.Facts(area=H(80)), D(2026, 12, 6))
    text = rules.breach_text(breach)
    assert "80 ha" in text and "75 ha" in text and "Nghị định 32/2024/NĐ-CP" in text


@pytest.mark.parametrize(
    "support, investment, flagged",
    [
        (30, 100, False),
        (31, 100, True),
        (0, 0, False),
        (300_000_000, 1_000_000_000, False),
        (300_000_001, 1_000_000_000, True),
    ],
)
def test_support_cap(support, investment, flagged):
    facts = rules.Facts(total_investment=investment, state_support=support)
    breaches = rules.check_support(CONDS, facts, BEFORE_303)
    assert bool(breaches) is flagged
    if flagged:
        assert "30 %" in rules.breach_text(breaches[0]) and "Điều 26" in breaches[0].legal_basis


@pytest.mark.parametrize(
    "date, level, unleased_max",
    [
        (D(2024, 5, 1), rules.DISTRICT, H(100)),
        (D(2025, 6, 30), rules.DISTRICT, H(100)),
        (D(2025, 7, 1), rules.PROVINCE, H(100)),
        (D(2026, 9, 14), rules.PROVINCE, H(100)),
        (D(2026, 9, 15), rules.COMMUNE, H(50)),
    ],
)
def test_establish_row_by_date(date, level, unleased_max):
    row = rules.establish_row(CONDS, date)
    assert row.area_level == level and row.unleased == unleased_max and row.share == H("0.5")
    assert row.confirmed is (level == rules.DISTRICT)  # after the reform: UNCONFIRMED (admin only)


@pytest.mark.parametrize(
    "clusters, date, ok",
    [
        ([], BEFORE_303, True),  # no cluster in the area yet
        ([(H(51), H(100))], BEFORE_303, True),  # 51 % > 50 %
        ([(H(50), H(100)), (H(0), H(150))], BEFORE_303, False),  # 25 % and 200 ha unleased
        ([(H(50), H(100)), (H(50), H(100))], BEFORE_303, True),  # 50 %, but unleased 100 ha ≤ 100
        ([(H(50), H(100)), (H(49.99), H(100))], BEFORE_303, False),  # 49,995 % and 100,01 ha
        ([(H(10), H(60))], AFTER_303, True),  # commune: 50 ha unleased is the limit
        ([(H(10), H(60.01))], AFTER_303, False),
        ([(H(200), H(100))], BEFORE_303, True),  # overstated report counts as full
        ([(H(10), H(80))], D(2026, 9, 14), True),  # 70 ha unleased: within 100 ha the day before 303
        ([(H(10), H(80))], D(2026, 9, 15), False),  # … over the commune's 50 ha from 15/9/2026
    ],
)
def test_establish_condition(clusters, date, ok):
    breaches = rules.check_establish(rules.establish_row(CONDS, date), rules.area_state(clusters))
    assert (breaches == []) is ok
    if not ok:
        assert "Điều 8 khoản 1 điểm c" in breaches[0].legal_basis


@pytest.mark.parametrize(
    "new_area, leased, land, date, codes",
    [
        (H(75), H(60), H(100), BEFORE_303, []),
        (H("75.5"), H(60), H(100), BEFORE_303, ["refuse"]),
        (H(70), H("59.99"), H(100), BEFORE_303, ["flag"]),
        (H(70), H(50), H(100), AFTER_303, []),  # Decree 303: 50 %
        (H(70), H("49.99"), H(100), AFTER_303, ["flag"]),
        (H(70), H(55), H(100), D(2026, 9, 14), ["flag"]),  # 60 % until 14/9/2026
        (H(70), H(55), H(100), D(2026, 9, 15), []),  # 50 % from 15/9/2026 (Decree 303, UNCONFIRMED)
        (H("75.01"), H(90), H(100), D(2026, 9, 15), ["refuse"]),
    ],
)
def test_expand(new_area, leased, land, date, codes):
    breaches = rules.check_expand(CONDS, new_area, rules.occupancy(leased, land), date)
    assert ["refuse" if b.refuse else "flag" for b in breaches] == codes


@pytest.mark.parametrize(
    "status, has_decision, date, flagged, late",
    [
        ("operating", False, D(2026, 12, 31), True, False),
        ("operating", False, D(2027, 1, 1), True, True),
        ("operating", True, D(2027, 1, 1), False, False),
        ("planned", False, D(2027, 1, 1), False, False),
    ],
)
def test_regularise(status, has_decision, date, flagged, late):
    breaches = rules.check_regularise(CONDS, rules.Facts(status=status, has_decision=has_decision), date)
    assert bool(breaches) is flagged
    if flagged:
        text = rules.breach_text(breaches[0])
        assert "31/12/2026" in text and ("quá hạn" in text) is late


@pytest.mark.parametrize(
    "current, new, ok",
    [
        ("planned", "established", True),
        ("established", "under_construction", True),
        ("under_construction", "operating", True),
        ("operating", "expanded", True),
        ("planned", "removed", True),
        ("established", "revoked", True),
        ("removed", "established", False),
        ("revoked", "operating", False),
        ("planned", "expanded", False),
    ],
)
def test_lifecycle(current, new, ok):
    assert (rules.transition_problem(current, new) is None) is ok


def test_cluster_established_under_older_rules_is_not_judged_by_newer():
    facts = rules.Facts(status="operating", has_decision=True, area=H(90))
    assert rules.check(CONDS, facts, D(2026, 12, 6), decision_date=D(2012, 3, 1)) == []
    assert [b.code for b in rules.check(CONDS, facts, D(2026, 12, 6), decision_date=D(2024, 6, 1))] == [
        "size"
    ]


areas = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@given(leased=areas, land=areas)
def test_occupancy_stays_within_0_and_1(leased, land):
    rate = rules.occupancy(leased, land)
    if land == 0:
        assert rate is None
    else:
        assert 0 <= rate <= 1
        flagged = [b.code for b in rules.check_leased(rules.Facts(leased=leased, industrial_land=land))]
        assert (flagged == [rules.LEASED_OVER]) is (leased > land)


@given(st.lists(st.tuples(areas, areas), max_size=20))
def test_area_state_properties(clusters):
    state = rules.area_state(clusters)
    assert state.clusters == len(clusters)
    assert state.unleased >= 0
    assert state.unleased <= sum((land for _, land in clusters), H(0))
    if state.average_occupancy is not None:
        assert 0 <= state.average_occupancy <= 1


@given(st.lists(st.tuples(areas, areas), max_size=15))
def test_aggregate_occupancy_never_above_100(clusters):
    inputs = [
        layouts.ClusterInput(
            status="operating", established_on=D(2020, 1, 1), industrial_land=land, leased=leased
        )
        for leased, land in clusters
    ]
    rows = layouts.aggregate(inputs, D(2025, 12, 15), D(2026, 6, 14))
    assert 0 <= rows["19"] <= 100
    assert rows["18"] <= rows["17"]
    assert rows["15"] == rows["15.1"] + rows["15.2"] == len(clusters)


@pytest.mark.parametrize(
    "value, text", [(H(75), "75"), (H("12.5"), "12,5"), (H("1234.75"), "1.234,75"), (H("0.3"), "0,3")]
)
def test_area_text(value, text):
    assert rules.ha(value) == text


def test_breach_values_are_stored_raw_and_printed_in_the_given_separators():
    facts = rules.Facts(area=H("1080.5"), industrial_land=H("1000.5"), leased=H("1234.25"))
    size, leased = rules.check(CONDS, facts, BEFORE_303)
    assert size.params["area"] == [rules.HA, "1080.5"]  # JSON-safe, no language in it
    assert "1.080,5 ha" in rules.breach_text(size) and "75 ha" in rules.breach_text(size)
    english = {"decimal_separator": ".", "thousand_separator": ","}
    assert "1,080.5 ha" in rules.breach_text(size, **english)
    assert "1,234.25 ha" in rules.breach_text(leased, **english)
    # A flag stored before the values were tagged keeps its text.
    assert rules.render_params({"area": "80,5", "deadline": "31/12/2026"}) == {
        "area": "80,5",
        "deadline": "31/12/2026",
    }


@pytest.mark.parametrize(
    ("stored", "vi", "en"),
    [
        ("2738.89", "2.738,89", "2,738.89"),
        ("39379", "39.379", "39,379"),
        ("58.40", "58,40", "58.40"),
        ("0", "0", "0"),
        ("", "", ""),
    ],
)
def test_aggregate_value_printed_with_grouping_and_its_decimals(stored, vi, en):
    assert layouts.printed(stored) == vi
    assert layouts.printed(stored, decimal_separator=".", thousand_separator=",") == en


@pytest.mark.parametrize(
    ("value", "scale", "text"),
    [
        (286_000_000_000, layouts.BILLION, "286,00"),
        (162_464_834_520, layouts.BILLION, "162,46"),
        (H("20.8"), None, "20,80"),
        (H("0.7423"), "percent", "74,23"),
        (12_345, None, "12.345"),
        (True, "flag", "1"),
        (None, layouts.MILLION, "—"),
    ],
)
def test_typed_form_values_read_evenly(value, scale, text):
    assert layouts.typed_value(value, scale) == text
