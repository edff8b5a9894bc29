"""The progress-report calendar and where a report stands (reporting.py): table-driven and property-based."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.extension.progress import rules as reporting
from cndp.extension.progress.rules import (
    ACCEPTED,
    DONE,
    DUE_SOON,
    FINAL,
    NEEDS_REVISION,
    NOT_DUE,
    OVERDUE,
    PENDING,
    PERIODIC,
    SUBMITTED,
    WAITING,
    Rule,
)

D = datetime.date
RULE = Rule()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # within one half-year: only the final report, 30 days after the end
        (D(2026, 7, 1), D(2026, 11, 30), [(FINAL, D(2026, 11, 30), D(2026, 12, 30))]),
        # crosses the half-year cut-off (14/6): one periodic report due 20/6
        (
            D(2027, 3, 1),
            D(2027, 11, 30),
            [(PERIODIC, D(2027, 6, 14), D(2027, 6, 20)), (FINAL, D(2027, 11, 30), D(2027, 12, 30))],
        ),
        # two years: half-year and year-end cut-offs inside the timeline
        (
            D(2026, 6, 15),
            D(2027, 8, 31),
            [
                (PERIODIC, D(2026, 12, 14), D(2026, 12, 20)),
                (PERIODIC, D(2027, 6, 14), D(2027, 6, 20)),
                (FINAL, D(2027, 8, 31), D(2027, 9, 30)),
            ],
        ),
        # a cut-off on the start or the end day is not inside the timeline
        (D(2026, 6, 14), D(2026, 12, 14), [(FINAL, D(2026, 12, 14), D(2027, 1, 13))]),
        # one-day project
        (D(2026, 5, 5), D(2026, 5, 5), [(FINAL, D(2026, 5, 5), D(2026, 6, 4))]),
    ],
)
def test_schedule(start, end, expected):
    got = reporting.schedule(start, end, RULE)
    assert [(d.kind, d.period_end, d.due_on) for d in got] == expected
    assert [d.sequence for d in got] == list(range(1, len(expected) + 1))


def test_schedule_follows_the_rule_data():
    rule = Rule(half_year_due=(7, 31), year_due=(1, 31), cutoff_day=31, final_days=10)
    got = reporting.schedule(D(2026, 1, 1), D(2026, 12, 31), rule)
    assert [(d.kind, d.period_end, d.due_on) for d in got] == [
        (PERIODIC, D(2026, 1, 31), D(2026, 1, 31)),
        (PERIODIC, D(2026, 7, 31), D(2026, 7, 31)),
        (FINAL, D(2026, 12, 31), D(2027, 1, 10)),
    ]


def test_a_day_past_the_month_end_is_clamped():
    rule = Rule(half_year_due=(2, 30), year_due=(12, 20), cutoff_day=31)
    got = reporting.schedule(D(2028, 1, 1), D(2028, 6, 30), rule)
    assert got[0].due_on == D(2028, 2, 29) and got[0].period_end == D(2028, 2, 29)


def test_the_schedule_refuses_an_end_before_the_start():
    with pytest.raises(ValueError):
        reporting.schedule(D(2026, 5, 2), D(2026, 5, 1), RULE)


def test_a_rule_cannot_escalate_to_the_agency_before_the_province():
    with pytest.raises(ValueError):
        Rule(escalate_province_days=10, escalate_agency_days=5)


DUE = D(2026, 6, 20)


@pytest.mark.parametrize(
    ("status", "today", "state", "late", "left", "level"),
    [
        (PENDING, D(2026, 6, 1), NOT_DUE, 0, 19, 0),
        (PENDING, D(2026, 6, 12), NOT_DUE, 0, 8, 0),
        (PENDING, D(2026, 6, 13), DUE_SOON, 0, 7, 0),  # remind_days = 7
        (PENDING, D(2026, 6, 20), DUE_SOON, 0, 0, 0),  # the due day itself is not late
        (PENDING, D(2026, 6, 21), OVERDUE, 1, 0, 1),  # one day late → the Department
        (PENDING, D(2026, 7, 4), OVERDUE, 14, 0, 1),
        (PENDING, D(2026, 7, 5), OVERDUE, 15, 0, 2),  # fifteen days late → the agency
        (NEEDS_REVISION, D(2026, 7, 5), OVERDUE, 15, 0, 2),  # a revision buys no time
        (SUBMITTED, D(2026, 7, 5), WAITING, 0, 0, 0),
        (SUBMITTED, D(2026, 6, 10), WAITING, 0, 10, 0),
        (ACCEPTED, D(2026, 9, 1), DONE, 0, 0, 0),
    ],
)
def test_standing(status, today, state, late, left, level):
    s = reporting.standing(status, DUE, today, RULE)
    assert (s.state, s.days_late, s.days_left, s.escalation) == (state, late, left, level)


@pytest.mark.parametrize(
    ("status", "today", "reminded", "expected"),
    [
        (PENDING, D(2026, 6, 12), None, False),
        (PENDING, D(2026, 6, 13), None, True),
        (PENDING, D(2026, 6, 13), D(2026, 6, 13), False),  # once
        (NEEDS_REVISION, D(2026, 6, 18), None, True),
        (SUBMITTED, D(2026, 6, 18), None, False),
        (PENDING, D(2026, 6, 21), None, False),  # late: escalation, not a reminder
    ],
)
def test_needs_reminder(status, today, reminded, expected):
    assert reporting.needs_reminder(status, DUE, today, RULE, reminded) is expected


@pytest.mark.parametrize(
    ("status", "today", "current", "expected"),
    [
        (PENDING, D(2026, 6, 20), 0, 0),
        (PENDING, D(2026, 6, 21), 0, 1),
        (PENDING, D(2026, 6, 22), 1, 0),  # already told the Department
        (PENDING, D(2026, 7, 5), 1, 2),
        (PENDING, D(2026, 7, 5), 0, 2),  # straight to the agency when first seen that late
        (PENDING, D(2026, 8, 1), 2, 0),
        (SUBMITTED, D(2026, 8, 1), 0, 0),
    ],
)
def test_escalation_due(status, today, current, expected):
    assert reporting.escalation_due(status, DUE, today, RULE, current) == expected


@pytest.mark.parametrize(
    ("status", "percent", "kind", "ok"),
    [
        (PENDING, 40, PERIODIC, True),
        (NEEDS_REVISION, 40, PERIODIC, True),
        (SUBMITTED, 40, PERIODIC, False),
        (ACCEPTED, 40, PERIODIC, False),
        (PENDING, 101, PERIODIC, False),
        (PENDING, 90, FINAL, False),
        (PENDING, 100, FINAL, True),
    ],
)
def test_submit_problem(status, percent, kind, ok):
    assert (reporting.submit_problem(status, percent, kind) is None) is ok


@pytest.mark.parametrize(
    ("status", "verdict", "comment", "ok"),
    [
        (SUBMITTED, ACCEPTED, "", True),
        (SUBMITTED, NEEDS_REVISION, "Bổ sung số liệu học viên", True),
        (SUBMITTED, NEEDS_REVISION, "   ", False),
        (PENDING, ACCEPTED, "", False),
        (ACCEPTED, NEEDS_REVISION, "x", False),
        (SUBMITTED, "approved", "", False),
    ],
)
def test_review_problem(status, verdict, comment, ok):
    assert (reporting.review_problem(status, verdict, comment) is None) is ok


dates = st.dates(min_value=D(2014, 1, 1), max_value=D(2035, 12, 31))
rules = st.builds(
    lambda hm, hd, ym, yd, cut, final, remind, p, extra: Rule(
        half_year_due=(hm, hd),
        year_due=(ym, yd),
        cutoff_day=cut,
        final_days=final,
        remind_days=remind,
        escalate_province_days=p,
        escalate_agency_days=p + extra,
    ),
    st.integers(1, 12),
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(1, 31),
    st.integers(1, 31),
    st.integers(0, 90),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 60),
)


@given(dates, st.integers(0, 1500), rules)
def test_schedule_properties(start, length, rule):
    end = start + datetime.timedelta(days=length)
    got = reporting.schedule(start, end, rule)
    assert [d.sequence for d in got] == list(range(1, len(got) + 1))
    assert [d.kind for d in got].count(FINAL) == 1 and got[-1].kind == FINAL
    assert got[-1].due_on == end + datetime.timedelta(days=rule.final_days)
    assert [d.due_on for d in got] == sorted(d.due_on for d in got)
    for d in got[:-1]:
        assert start < d.period_end < end and d.period_end <= d.due_on
    # at most two periodic reports per calendar year of the timeline
    assert len(got) - 1 <= 2 * (end.year - start.year + 1)


@given(dates, dates, rules, st.sampled_from([PENDING, NEEDS_REVISION]))
def test_escalation_only_rises_with_time(due, today, rule, status):
    later = today + datetime.timedelta(days=1)
    a = reporting.standing(status, due, today, rule)
    b = reporting.standing(status, due, later, rule)
    assert b.escalation >= a.escalation
    assert b.days_late >= a.days_late
    assert (a.state == OVERDUE) == (today > due)


# ---- the old rule shape on the shared calendar (the data migration of ScheduleRule) ----------------------


@pytest.mark.parametrize(
    ("half", "year", "period", "offset", "exact"),
    [
        ((6, 20), (12, 20), "half_year", 0, True),  # the reference rule
        ((7, 20), (1, 20), "half_year", 1, True),  # due a month after each half year
        ((3, 5), (9, 5), "half_year", 3, True),
        ((12, 20), (12, 20), "year", 0, True),  # one report a year
        ((1, 15), (1, 15), "year", 1, True),
        ((7, 20), (12, 20), "half_year", 1, False),  # not six months apart: the year point moves
        ((6, 20), (12, 15), "half_year", 0, False),  # two due days: the half year's is kept
    ],
)
def test_as_calendar(half, year, period, offset, exact):
    rule = Rule(half_year_due=half, year_due=year, escalate_province_days=2, escalate_agency_days=9)
    plain = reporting.as_calendar(rule)
    assert (plain.period_type, plain.due_month_offset, plain.due_day) == (period, offset, half[1])
    assert half in plain.due_points() and reporting.expressible(rule) is exact
    assert [(s.days_late, s.audience) for s in plain.steps] == [(2, "province"), (9, "agency")]
    assert (plain.cutoff_day, plain.final_days, plain.remind_days) == (14, 30, 7)


def test_as_calendar_escalates_once_when_the_province_and_the_agency_come_the_same_day():
    plain = reporting.as_calendar(Rule(escalate_province_days=5, escalate_agency_days=5))
    assert [(s.days_late, s.audience) for s in plain.steps] == [(5, "agency")]


@given(dates, st.integers(0, 1500), rules)
def test_an_expressible_rule_schedules_the_same_reports_on_the_shared_calendar(start, length, rule):
    from cndp.obligations import calendar

    end = start + datetime.timedelta(days=length)
    plain = reporting.as_calendar(rule)
    # (the old shape doubled a due point given twice; the shared rule has it once)
    if reporting.expressible(rule) and rule.half_year_due != rule.year_due:
        assert calendar.rule_schedule(start, end, plain) == reporting.schedule(start, end, rule)
    # where a report stands, late or not, reads the same on both (the levels may differ by one step
    # when the province's and the agency's days coincide)
    due = start
    for today in (start, end):
        old = reporting.standing(PENDING, due, today, rule)
        new = calendar.standing(PENDING, due, today, plain.remind_days, [s.days_late for s in plain.steps])
        assert (old.state, old.days_late, old.days_left) == (new.state, new.days_late, new.days_left)
        assert (old.escalation > 0) == (new.escalation > 0)
