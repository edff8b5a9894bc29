"""The plain calendar (calendar.py): due points per period type, schedule, re-dating, standing, the
escalation steps and the state machine — table-driven and property-based."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.obligations import calendar
from cndp.obligations.calendar import Rule, Step

D = datetime.date


@pytest.mark.parametrize(
    "period, offset, points",
    [
        ("half_year", 0, ((6, 20), (12, 20))),
        ("half_year", 1, ((1, 20), (7, 20))),
        ("year", 0, ((12, 20),)),
        ("quarter", 0, ((3, 20), (6, 20), (9, 20), (12, 20))),
        ("month", 0, tuple((m, 20) for m in range(1, 13))),
    ],
)
def test_due_points_follow_the_period_type_and_offset(period, offset, points):
    assert Rule(period_type=period, due_month_offset=offset).due_points() == points


def test_a_timeline_owes_each_period_inside_it_then_the_final_report():
    got = calendar.rule_schedule(D(2026, 3, 1), D(2026, 11, 30), Rule())
    assert [(d.sequence, d.kind, d.period_end, d.due_on) for d in got] == [
        (1, "periodic", D(2026, 6, 14), D(2026, 6, 20)),
        (2, "final", D(2026, 11, 30), D(2026, 12, 30)),
    ]


def test_redate_moves_a_periodic_report_to_the_new_days_and_a_final_one_by_its_days():
    rule = Rule(due_day=25, cutoff_day=15, final_days=10)
    assert calendar.redate("periodic", D(2026, 6, 14), rule) == (D(2026, 6, 15), D(2026, 6, 25))
    assert calendar.redate("final", D(2026, 11, 30), rule) == (D(2026, 11, 30), D(2026, 12, 10))


@pytest.mark.parametrize(
    "state, today, expected",
    [
        ("pending", D(2026, 6, 12), ("not_due", 0)),
        ("pending", D(2026, 6, 13), ("due_soon", 0)),
        ("pending", D(2026, 6, 21), ("overdue", 1)),
        ("needs_revision", D(2026, 7, 4), ("overdue", 1)),
        ("pending", D(2026, 7, 5), ("overdue", 2)),
        ("submitted", D(2026, 8, 1), ("waiting", 0)),
        ("accepted", D(2026, 8, 1), ("done", 0)),
    ],
)
def test_standing_and_escalation_level(state, today, expected):
    s = calendar.standing(state, D(2026, 6, 20), today, 7, (1, 15))
    assert (s.state, s.escalation) == expected


def test_escalation_goes_once_per_step_and_only_for_what_is_owed():
    due = D(2026, 6, 20)
    assert calendar.escalation_due("pending", due, D(2026, 6, 21), (1, 15), 0) == 1
    assert calendar.escalation_due("pending", due, D(2026, 6, 22), (1, 15), 1) == 0
    assert calendar.escalation_due("pending", due, D(2026, 7, 5), (1, 15), 1) == 2
    assert calendar.escalation_due("submitted", due, D(2026, 7, 5), (1, 15), 0) == 0


def test_steps_must_come_in_order_and_a_return_needs_a_comment():
    with pytest.raises(ValueError):
        Rule(steps=(Step(15, "agency"), Step(1, "province")))
    assert calendar.review_problem("submitted", "needs_revision", " ")
    assert calendar.review_problem("submitted", "needs_revision", "Bổ sung số liệu") is None
    assert calendar.review_problem("pending", "accepted", "")
    assert calendar.submit_problem("submitted") and calendar.submit_problem("needs_revision") is None


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    st.integers(min_value=0, max_value=2000),
    st.sampled_from(sorted(calendar.PERIOD_MONTHS)),
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=1, max_value=31),
)
def test_a_schedule_is_ordered_inside_the_timeline_and_ends_with_the_final_report(
    start, length, period, due_day, cutoff_day
):
    end = start + datetime.timedelta(days=length)
    rule = Rule(period_type=period, due_day=due_day, cutoff_day=cutoff_day)
    got = calendar.rule_schedule(start, end, rule)
    assert got[-1].kind == "final" and got[-1].due_on == end + datetime.timedelta(days=rule.final_days)
    assert [d.sequence for d in got] == list(range(1, len(got) + 1))
    assert all(start < d.period_end < end and d.period_end <= d.due_on for d in got[:-1])
    assert [d.due_on for d in got] == sorted(d.due_on for d in got)


@pytest.mark.parametrize(
    "basis, period_end, period, final_days, expected",
    [
        ("final", D(2026, 6, 30), "half_year", 0, (D(2026, 12, 31), D(2026, 12, 31))),
        ("final", D(2026, 12, 31), "half_year", 0, (D(2027, 6, 30), D(2027, 6, 30))),
        ("final", D(2026, 1, 31), "month", 0, (D(2026, 2, 28), D(2026, 2, 28))),  # a month's end stays one
        ("final", D(2026, 3, 15), "quarter", 0, (D(2026, 6, 15), D(2026, 6, 15))),
        ("final", D(2026, 9, 30), "year", 30, (D(2027, 9, 30), D(2027, 10, 30))),
        ("periodic", D(2026, 6, 14), "half_year", 0, (D(2026, 12, 14), D(2026, 12, 20))),
        ("periodic", D(2026, 12, 14), "quarter", 0, (D(2027, 3, 14), D(2027, 3, 20))),
    ],
)
def test_the_next_period_of_a_recurring_obligation(basis, period_end, period, final_days, expected):
    rule = Rule(period_type=period, final_days=final_days)
    assert calendar.next_period(basis, period_end, rule) == expected


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    st.sampled_from(sorted(calendar.PERIOD_MONTHS)),
    st.sampled_from([calendar.FINAL, calendar.PERIODIC]),
)
def test_the_next_period_comes_one_period_later_and_is_never_due_before_it_ends(start, period, basis):
    end, due = calendar.next_period(basis, start, Rule(period_type=period))
    months = (end.year - start.year) * 12 + end.month - start.month
    assert end > start and due >= end
    if basis == calendar.FINAL:
        assert months == calendar.PERIOD_MONTHS[period]
