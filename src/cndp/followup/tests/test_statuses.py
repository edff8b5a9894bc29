"""The Government's statuses at their boundaries (table-driven), the flags, the transitions and the
extension rule; the SQL expression agrees with the plain rule (test_services)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.followup import statuses as s

D = datetime.date
DEADLINE = D(2026, 8, 31)


@pytest.mark.parametrize(
    ("deadline", "completed", "today", "expected"),
    [
        (DEADLINE, D(2026, 8, 30), D(2026, 9, 10), s.DONE_ON_TIME),
        (DEADLINE, DEADLINE, D(2026, 9, 10), s.DONE_ON_TIME),  # on the day is on time
        (DEADLINE, D(2026, 9, 1), D(2026, 9, 10), s.DONE_LATE),  # the day after is late
        (None, D(2030, 1, 1), D(2030, 1, 2), s.DONE_ON_TIME),  # recurring / no deadline: never late
        (DEADLINE, None, D(2026, 8, 30), s.NOT_DONE_IN_TIME),
        (DEADLINE, None, DEADLINE, s.NOT_DONE_IN_TIME),  # still in time on the deadline
        (DEADLINE, None, D(2026, 9, 1), s.NOT_DONE_OVERDUE),  # overdue the day after
        (None, None, D(2040, 1, 1), s.NOT_DONE_IN_TIME),
    ],
)
def test_government_status_at_the_boundaries(deadline, completed, today, expected):
    assert s.gov_status(deadline, completed, today) == expected


@pytest.mark.parametrize(
    ("deadline", "completed", "today", "soon", "late"),
    [
        (DEADLINE, None, D(2026, 8, 23), False, 0),  # 8 days ahead: not yet "soon"
        (DEADLINE, None, D(2026, 8, 24), True, 0),  # 7 days ahead
        (DEADLINE, None, DEADLINE, True, 0),
        (DEADLINE, None, D(2026, 9, 1), False, 1),
        (DEADLINE, D(2026, 9, 5), D(2026, 12, 1), False, 5),  # late by the day it was done
        (DEADLINE, D(2026, 8, 1), D(2026, 8, 24), False, 0),  # done: never soon
        (None, None, D(2026, 8, 24), False, 0),
    ],
)
def test_flags(deadline, completed, today, soon, late):
    assert s.is_due_soon(deadline, completed, today) is soon
    assert s.days_late(deadline, completed, today) == late
    assert s.is_overdue(deadline, completed, today) is (late > 0 and completed is None)


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (s.OPEN, "report_done", s.REPORTED),
        (s.REPORTED, "confirm", s.DONE),
        (s.REPORTED, "return", s.OPEN),
        (s.OPEN, "confirm", None),  # the agency confirms only what the lead unit reported done
        (s.DONE, "report_done", None),
        (s.DONE, "return", None),
    ],
)
def test_transitions(state, event, expected):
    assert s.next_state(state, event) == expected


@pytest.mark.parametrize(
    ("old", "new", "reason", "who", "state", "ok"),
    [
        (DEADLINE, D(2026, 10, 31), "Chờ ý kiến bộ, ngành", "Thứ trưởng A", s.OPEN, True),
        (None, D(2026, 10, 31), "Đặt thời hạn", "Thứ trưởng A", s.OPEN, True),  # a recurring task gets a date
        (DEADLINE, DEADLINE, "Lý do", "Thứ trưởng A", s.OPEN, False),  # not later
        (DEADLINE, D(2026, 10, 31), " ", "Thứ trưởng A", s.OPEN, False),  # no reason
        (DEADLINE, D(2026, 10, 31), "Lý do", "", s.OPEN, False),  # nobody agreed
        (DEADLINE, D(2026, 10, 31), "Lý do", "Thứ trưởng A", s.DONE, False),
        (DEADLINE, None, "Lý do", "Thứ trưởng A", s.OPEN, False),
    ],
)
def test_extension_needs_a_later_date_a_reason_and_who_agreed(old, new, reason, who, state, ok):
    assert (s.extension_problem(old, new, reason, who, state) is None) is ok


def test_share_on_time_counts_the_due_and_the_done():
    assert (
        s.share_on_time({s.DONE_ON_TIME: 3, s.DONE_LATE: 1, s.NOT_DONE_OVERDUE: 4, s.NOT_DONE_IN_TIME: 9})
        == 3 / 8
    )
    assert s.share_on_time({s.NOT_DONE_IN_TIME: 5}) is None


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))


@given(st.one_of(st.none(), dates), st.one_of(st.none(), dates), dates)
def test_exactly_one_status_and_it_agrees_with_the_flags(deadline, completed, today):
    status = s.gov_status(deadline, completed, today)
    assert status in s.GOV_STATUSES
    assert (status in (s.DONE_ON_TIME, s.DONE_LATE)) is (completed is not None)
    if completed is not None:
        assert (status == s.DONE_LATE) is (s.days_late(deadline, completed, today) > 0)
    else:
        assert (status == s.NOT_DONE_OVERDUE) is (s.days_late(deadline, None, today) > 0)
        assert not (s.is_due_soon(deadline, None, today) and status == s.NOT_DONE_OVERDUE)
