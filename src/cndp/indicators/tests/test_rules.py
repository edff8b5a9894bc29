"""Checks of a period's values: range, required, relations (part ≤ whole), outliers needing a comment —
table-driven and property-based."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.indicators import rules
from cndp.indicators.rules import Entry, Relation, Spec

DEC = Decimal
HALF = DEC("0.5")
SPECS = [
    Spec("LANGNGHE", DEC(0), None, required=True),
    Spec("LANGNGHETT", DEC(0), None, required=False),
    Spec("IIP", DEC(0), DEC(1000), required=True),
]
PART = [Relation("LANGNGHETT", "<=", "LANGNGHE")]


def kinds(entries, share=HALF):
    return [(i.code, i.kind, i.blocking) for i in rules.check(SPECS, entries, PART, share)]


@pytest.mark.parametrize(
    "entries,expected",
    [
        ({"LANGNGHE": Entry(DEC(40)), "IIP": Entry(DEC(105))}, []),
        ({"IIP": Entry(DEC(105))}, [("LANGNGHE", "required", True)]),  # the optional one may stay blank
        ({"LANGNGHE": Entry(DEC(-1)), "IIP": Entry(DEC(105))}, [("LANGNGHE", "range", True)]),
        ({"LANGNGHE": Entry(DEC(4)), "IIP": Entry(DEC("1000.1"))}, [("IIP", "range", True)]),
        ({"LANGNGHE": Entry(DEC(4)), "IIP": Entry(DEC(1000))}, []),
        # part ≤ whole
        ({"LANGNGHE": Entry(DEC(4)), "LANGNGHETT": Entry(DEC(5)), "IIP": Entry(DEC(100))},
         [("LANGNGHETT", "relation", True)]),
        ({"LANGNGHE": Entry(DEC(5)), "LANGNGHETT": Entry(DEC(5)), "IIP": Entry(DEC(100))}, []),
        # outliers: beyond 50 % of the previous period or the same period last year, a comment unblocks
        ({"LANGNGHE": Entry(DEC(40), previous=DEC(20)), "IIP": Entry(DEC(100))},
         [("LANGNGHE", "outlier", True)]),
        ({"LANGNGHE": Entry(DEC(40), "Công nhận thêm 20 làng nghề", previous=DEC(20)), "IIP": Entry(DEC(100))},
         [("LANGNGHE", "outlier", False)]),
        ({"LANGNGHE": Entry(DEC(30), previous=DEC(20)), "IIP": Entry(DEC(100), last_year=DEC(201))},
         [("IIP", "outlier", True)]),
        ({"LANGNGHE": Entry(DEC(30), previous=DEC(20), last_year=DEC(30)), "IIP": Entry(DEC(100))}, []),
        ({"LANGNGHE": Entry(DEC(3), previous=DEC(0)), "IIP": Entry(DEC(100))}, [("LANGNGHE", "outlier", True)]),
        ({"LANGNGHE": Entry(DEC(0), previous=DEC(0)), "IIP": Entry(DEC(100))}, []),
    ],
)  # fmt: skip
def test_checks_table(entries, expected):
    assert kinds(entries) == expected


def test_no_outlier_check_without_a_share_and_blockers():
    entries = {"LANGNGHE": Entry(DEC(400), previous=DEC(2)), "IIP": Entry(DEC(100))}
    assert kinds(entries, share=None) == []
    issues = rules.check(SPECS, {"IIP": Entry(DEC(2000))}, PART, HALF)
    assert [i.kind for i in rules.submission_blockers(issues)] == ["required", "range"]
    message = issues[1].message % dict(issues[1].params)
    assert message == "Giá trị phải trong khoảng 0 – 1000."


def test_outlier_message_names_both_comparisons():
    issue = rules.check(
        SPECS[:1], {"LANGNGHE": Entry(DEC(10), previous=DEC(50), last_year=DEC(30))}, (), HALF
    )[0]
    assert issue.message % dict(issue.params) == (
        "Thay đổi quá 50% so với kỳ trước và cùng kỳ năm trước: cần giải thích."
    )


positive = st.decimals(min_value=DEC("0.01"), max_value=10**6, places=2)


@given(positive, positive, st.decimals(min_value=0, max_value=5, places=2))
def test_outlier_is_exactly_a_change_beyond_the_share(value, previous, share):
    flagged = rules.outlier_against(Entry(value, previous=previous), share) == ["previous"]
    assert flagged == (abs(value - previous) > share * previous)


@given(st.decimals(min_value=-10**6, max_value=10**6, places=3), st.one_of(st.none(), st.integers(-100, 100)),
       st.one_of(st.none(), st.integers(100, 1000)))  # fmt: skip
def test_range_issue_iff_outside(value, low, high):
    spec = Spec("X", None if low is None else DEC(low), None if high is None else DEC(high))
    outside = (low is not None and value < low) or (high is not None and value > high)
    assert (rules.range_issue(spec, value) is not None) == outside


@pytest.mark.parametrize(
    "number,text",
    [("1000.000000", "1000"), ("0.000000", "0"), ("100", "100"), ("0.500", "0.5"), ("12.340", "12.34")],
)
def test_bounds_and_shares_are_shown_without_trailing_zeros(number, text):
    assert rules.plain(Decimal(number)) == text
