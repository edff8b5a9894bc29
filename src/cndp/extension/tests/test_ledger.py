"""The disbursement ledger never exceeds the approved extension funds (plain Python, property-based)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cndp.extension.projects.ledger import (
    ADVANCE,
    KINDS,
    PAYMENT,
    REFUND,
    SETTLEMENT,
    Entry,
    ledger_problem,
    totals,
)

M = 1_000_000


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        ([], None),
        ([(ADVANCE, 50 * M), (ADVANCE, 30 * M), (PAYMENT, 20 * M)], None),  # exactly the approved 100 M
        ([(ADVANCE, 50 * M), (PAYMENT, 50 * M + 1)], "Dòng 2: thanh toán"),
        ([(ADVANCE, 101 * M)], "còn được cấp tối đa 100.000.000 đồng"),
        ([(ADVANCE, 60 * M), (REFUND, 20 * M), (PAYMENT, 60 * M)], None),  # refunds make room
        ([(REFUND, 1)], "lớn hơn số đã cấp 0 đồng"),
        ([(SETTLEMENT, 101 * M)], "vượt kinh phí khuyến công được phê duyệt"),
        ([(ADVANCE, 50 * M), (SETTLEMENT, 90 * M), (PAYMENT, 40 * M)], None),  # up to the settled amount
        ([(ADVANCE, 50 * M), (SETTLEMENT, 90 * M), (PAYMENT, 40 * M + 1)], "vượt số đã quyết toán"),
        ([(ADVANCE, 50 * M), (SETTLEMENT, 90 * M), (ADVANCE, 1)], "không tạm ứng thêm"),
        ([(SETTLEMENT, 90 * M), (SETTLEMENT, 90 * M)], "không quyết toán lần thứ hai"),
        ([(ADVANCE, 0)], "số nguyên dương"),
        ([("loan", 5)], "không tồn tại"),
    ],
)
def test_ledger_cases(entries, problem):
    message = ledger_problem([Entry(k, a) for k, a in entries], 100 * M)
    if problem is None:
        assert message is None
    else:
        assert problem in message


def test_totals_and_what_remains():
    t = totals([Entry(ADVANCE, 50 * M), Entry(PAYMENT, 30 * M), Entry(REFUND, 5 * M)], 100 * M)
    assert (t.disbursed, t.remaining, t.settled, t.to_refund) == (75 * M, 25 * M, None, 0)
    t = totals([Entry(ADVANCE, 80 * M), Entry(SETTLEMENT, 70 * M)], 100 * M)
    assert (t.ceiling, t.remaining, t.to_refund) == (70 * M, -10 * M, 10 * M)


entry = st.builds(Entry, st.sampled_from(KINDS), st.integers(min_value=-5, max_value=200 * M))


@settings(max_examples=300, deadline=None)
@given(approved=st.integers(min_value=0, max_value=150 * M), proposed=st.lists(entry, max_size=25))
def test_no_sequence_of_accepted_entries_ever_exceeds_the_approved_amount(approved, proposed):
    """Entries are offered one by one, as the service does: each is kept only if the ledger with it has no
    problem. Whatever is offered, the kept ledger never pays out more than approved, at any point."""
    kept: list[Entry] = []
    for e in proposed:
        if ledger_problem([*kept, e], approved) is None:
            kept.append(e)
    assert ledger_problem(kept, approved) is None
    out, settled = 0, None
    for e in kept:
        assert e.amount > 0
        if e.kind in (ADVANCE, PAYMENT):
            out += e.amount
        elif e.kind == REFUND:
            out -= e.amount
        else:
            settled = e.amount
            assert settled <= approved
        assert 0 <= out <= approved
        if settled is not None and e.kind != SETTLEMENT:
            assert e.kind == REFUND or out <= settled
    assert totals(kept, approved).disbursed == out


@settings(max_examples=300, deadline=None)
@given(approved=st.integers(min_value=1, max_value=150 * M), entries=st.lists(entry, max_size=25))
def test_a_valid_ledger_stays_valid_on_every_prefix(approved, entries):
    if ledger_problem(entries, approved) is None:
        for i in range(len(entries)):
            assert ledger_problem(entries[:i], approved) is None
