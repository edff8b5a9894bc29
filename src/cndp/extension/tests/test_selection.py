"""Appraisal scores, ranks and the greedy selection within the fund (plain Python)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cndp.extension.appraisal.selection import (
    Candidate,
    Criterion,
    average,
    propose,
    ranks,
    score_problem,
    weighted_score,
)

CRITERIA = [
    Criterion("need", Decimal(25), "Sự cần thiết"),
    Criterion("feasibility", Decimal(25), "Tính khả thi"),
    Criterion("budget", Decimal(20), "Dự toán"),
    Criterion("outputs", Decimal(20), "Kết quả"),
    Criterion("replication", Decimal(10), "Nhân rộng"),
]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"need": 10, "feasibility": 10, "budget": 10, "outputs": 10, "replication": 10}, Decimal("100.00")),
        ({"need": 0, "feasibility": 0, "budget": 0, "outputs": 0, "replication": 0}, Decimal("0.00")),
        ({"need": 8, "feasibility": 8, "budget": 7, "outputs": 7, "replication": 6}, Decimal("74.00")),
        ({"need": 10, "feasibility": 0, "budget": 0, "outputs": 0, "replication": 0}, Decimal("25.00")),
        ({"need": 7, "feasibility": 6, "budget": 9, "outputs": 5, "replication": 3}, Decimal("63.50")),
    ],
)
def test_weighted_score_out_of_100(scores, expected):
    assert weighted_score(scores, CRITERIA, 10) == expected


def test_score_problems():
    assert score_problem({"need": 5}, CRITERIA, 10) == "Chưa chấm tiêu chí «Tính khả thi»."
    full = {c.key: 5 for c in CRITERIA}
    assert score_problem(full, CRITERIA, 10) is None
    assert score_problem({**full, "budget": 11}, CRITERIA, 10) == "Điểm tiêu chí «Dự toán» phải từ 0 đến 10."


def test_average_and_ranks():
    assert average([Decimal("74.00"), Decimal("63.50")]) == Decimal("68.75")
    assert average([]) is None
    cands = [Candidate("a", Decimal(80), 5), Candidate("b", Decimal(90), 5), Candidate("c", Decimal(80), 3)]
    assert ranks(cands) == {"b": 1, "c": 2, "a": 2}


def test_propose_takes_the_best_while_the_fund_lasts_and_skips_what_does_not_fit():
    cands = [
        Candidate("a", Decimal(90), 600, "A"),
        Candidate("b", Decimal(85), 500, "B"),  # does not fit after a
        Candidate("c", Decimal(80), 300, "C"),
        Candidate("d", Decimal(75), 200, "D"),  # nothing left after c
        Candidate("e", Decimal(40), 10, "E"),  # under the pass mark
    ]
    p = propose(cands, 1000, Decimal(50))
    assert [c.key for c in p.chosen] == ["a", "c"]
    assert [c.key for c in p.passed_over] == ["b", "d"]
    assert [c.key for c in p.below_pass] == ["e"]
    assert (p.total, p.left) == (900, 100)


candidates = st.lists(
    st.builds(
        Candidate,
        st.uuids(),
        st.decimals(min_value=0, max_value=100, places=2),
        st.integers(min_value=1, max_value=10**9),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(cands=candidates, fund=st.integers(min_value=0, max_value=5 * 10**9))
def test_the_proposal_never_exceeds_the_fund_and_follows_the_rank(cands, fund):
    p = propose(cands, fund, Decimal(50))
    assert p.total <= fund
    assert len(p.chosen) + len(p.passed_over) + len(p.below_pass) == len(cands)
    assert all(c.score >= 50 for c in p.chosen)
    # A project passed over did not fit in what was left when its turn came.
    left = fund
    chosen = {c.key for c in p.chosen}
    for c in sorted(p.chosen + p.passed_over, key=lambda c: (-c.score, c.amount, c.code, str(c.key))):
        if c.key in chosen:
            left -= c.amount
        else:
            assert c.amount > left
