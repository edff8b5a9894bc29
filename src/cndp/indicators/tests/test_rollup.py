"""Roll-up across units (the exchange contract's aggregation rules): hand-computed cases, including the
weighted IIP of today's Hải Phòng for a 2024 month from old Hải Dương and Hải Phòng, and properties:
never a partial sum, ratios recomputed from components (never an average of ratios)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.indicators.rollup import NONE, RATIO, SUM, WEIGHTED_MEAN, Member, Result, Rule, combine

DEC = Decimal
IIP = Rule(WEIGHTED_MEAN, weight="GTSX")
SUMMED = Rule(SUM)
PRODUCTIVITY = Rule(RATIO, numerator="GTCNNT", denominator="LDCNNT", factor=DEC(1000))


def test_hai_phong_2024_weighted_index_from_hai_duong_and_hai_phong():
    # June 2024: Hải Dương IIP 108.5 on 25,000 tỷ đồng; Hải Phòng 112.0 on 55,000 tỷ đồng.
    # (108.5 × 25,000 + 112.0 × 55,000) / 80,000 = 8,872,500 / 80,000 = 110.90625
    members = [Member(DEC("108.5"), weight=DEC(25000)), Member(DEC("112.0"), weight=DEC(55000))]
    assert combine(IIP, members) == Result(DEC("110.90625"), True, 2)


@pytest.mark.parametrize(
    "rule,members,expected",
    [
        # a single unit shows its stored value, whatever the rule
        (IIP, [Member(DEC("104.2"))], Result(DEC("104.2"), True, 1)),
        (Rule(NONE), [Member(DEC(7))], Result(DEC(7), True, 1)),
        (PRODUCTIVITY, [Member(DEC("95.5"))], Result(DEC("95.5"), True, 1)),
        (SUMMED, [Member(None)], Result(None, False, 1)),
        (SUMMED, [], Result(None, False, 0)),
        # sums add
        (SUMMED, [Member(DEC("1.5")), Member(DEC(2)), Member(DEC(0))], Result(DEC("3.5"), True, 3)),
        # incomplete: never a partial sum
        (SUMMED, [Member(DEC(10)), Member(None)], Result(None, False, 2)),
        (IIP, [Member(DEC(110), weight=DEC(5)), Member(DEC(90), weight=None)], Result(None, False, 2)),
        (IIP, [Member(DEC(110), weight=DEC(5)), Member(None, weight=DEC(5))], Result(None, False, 2)),
        # zero total weight / zero denominator: no value, nothing missing
        (IIP, [Member(DEC(110), weight=DEC(0)), Member(DEC(90), weight=DEC(0))], Result(None, True, 2)),
        (PRODUCTIVITY, [Member(numerator=DEC(1), denominator=DEC(0)), Member(numerator=DEC(2), denominator=DEC(0))],
         Result(None, True, 2)),
        # ratio from components: (30 + 10) / (1,000 + 100) × 1000 = 36.3636…, not the mean of 30 and 100
        (PRODUCTIVITY, [Member(DEC(30), numerator=DEC(30), denominator=DEC(1000)),
                        Member(DEC(100), numerator=DEC(10), denominator=DEC(100))],
         Result(DEC(40) / DEC(1100) * DEC(1000), True, 2)),
        (PRODUCTIVITY, [Member(numerator=DEC(30), denominator=DEC(1000)), Member(numerator=None, denominator=DEC(9))],
         Result(None, False, 2)),
        # none: no combined value
        (Rule(NONE), [Member(DEC(1)), Member(DEC(2))], Result(None, False, 2)),
    ],
)  # fmt: skip
def test_combination_table(rule, members, expected):
    got = combine(rule, members)
    assert (got.complete, got.components) == (expected.complete, expected.components)
    if expected.value is None:
        assert got.value is None
    else:
        assert abs(got.value - expected.value) < DEC("1e-20")


def test_rules_need_their_components():
    with pytest.raises(ValueError):
        Rule(WEIGHTED_MEAN)
    with pytest.raises(ValueError):
        Rule(RATIO, numerator="A")
    with pytest.raises(ValueError):
        Rule("median")
    assert IIP.needs("IIP") == ("IIP", "GTSX") and PRODUCTIVITY.needs("NSLDCNNT") == ("GTCNNT", "LDCNNT")


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
maybe = st.one_of(st.none(), amounts)


@given(st.lists(maybe, min_size=2, max_size=12))
def test_a_sum_is_complete_only_with_every_member_and_then_exact(values):
    result = combine(SUMMED, [Member(v) for v in values])
    if any(v is None for v in values):
        assert result == Result(None, False, len(values))
    else:
        assert result.value == sum(values) and result.complete


@given(st.lists(st.tuples(amounts, amounts), min_size=2, max_size=12))
def test_a_weighted_mean_lies_between_the_members(pairs):
    result = combine(IIP, [Member(v, weight=w) for v, w in pairs])
    weighted = [v for v, w in pairs if w > 0]
    if not weighted:
        assert result.value is None and result.complete
    else:
        assert min(weighted) - DEC("1e-12") <= result.value <= max(weighted) + DEC("1e-12")


@given(st.lists(st.tuples(amounts, amounts.filter(lambda d: d > 0)), min_size=2, max_size=12))
def test_a_ratio_is_recomputed_from_its_components(pairs):
    result = combine(PRODUCTIVITY, [Member(numerator=n, denominator=d) for n, d in pairs])
    expected = sum(n for n, _ in pairs) / sum(d for _, d in pairs) * 1000
    assert abs(result.value - expected) <= abs(expected) * DEC("1e-20") + DEC("1e-20")
    # merging two groups gives the same as merging all units at once (associativity of components)
    half = len(pairs) // 2
    left, right = pairs[:half] or pairs[:1], pairs[half:]
    if pairs[:half]:
        n = [sum(x for x, _ in part) for part in (left, right)]
        d = [sum(y for _, y in part) for part in (left, right)]
        regrouped = combine(
            PRODUCTIVITY, [Member(numerator=n[0], denominator=d[0]), Member(numerator=n[1], denominator=d[1])]
        )
        assert abs(regrouped.value - result.value) <= abs(expected) * DEC("1e-20") + DEC("1e-20")
