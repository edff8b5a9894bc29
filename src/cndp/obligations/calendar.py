"""The reporting calendar (lịch báo cáo) — plain Python, no Django: period arithmetic, where an owed
report stands on a day, when a reminder or an escalation is due, and which transitions are allowed.

Every kind of obligation (an extension project's progress report, a cluster report, a province's
statistics, a unit's report on a leader's conclusion) is computed here from a dated rule
(models.CalendarRule.as_rule()); the kinds differ only in what is owed, not in how its dates run.

Sources of the defaults: Decree 09/2019/NĐ-CP (data cut on the 14th, due the 20th), Circular 14/2024
(half year due 20/6, year due 20/12). Values not checked against the text are marked UNCONFIRMED on the
rule (models.CalendarRule.confirmed) for the administrator.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a message for translation without Django (the caller translates it)."""
    return message


# Period types: the months a period ends in.
MONTH, QUARTER, HALF_YEAR, YEAR = "month", "quarter", "half_year", "year"
PERIOD_MONTHS = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}

# How an obligation's due date follows from the rule (Obligation.basis).
PERIODIC = "periodic"  # the period's due day (due_day of the period's last month + month offset)
FINAL = "final"  # final_days after a timeline's end (a project's final report)

# States (the values of choices.State). "needs_revision" is the returned state: sent back with a comment.
PENDING = "pending"  # chưa nộp
SUBMITTED = "submitted"  # đã nộp (hoặc nộp lại), chờ xem xét
RETURNED = "needs_revision"  # trả lại, yêu cầu bổ sung
ACCEPTED = "accepted"  # đã chấp nhận
OPEN = frozenset({PENDING, RETURNED})  # the owing side still owes something

# Escalation audiences (choices.Audience): whom a late obligation is reported to. The owing side (the
# owing unit's officers, or the owing province's) is told at every step reached, whatever its audience.
UNIT = "unit"  # the owing unit's officers (the owing side only)
UNIT_HEAD = "unit_head"  # the owing unit's head (accounts.Unit.head)
SUPERIORS = "superiors"  # the owing unit's superior unit (its officers)
PROVINCE = "province"  # the province's Department of Industry and Trade (its officers)
AGENCY = "agency"  # the agency (Cục): its officers
LEADERS = "leaders"  # the agency's leaders (users of the leader role not confined to a province)
AUDIENCES = (UNIT, UNIT_HEAD, SUPERIORS, PROVINCE, AGENCY, LEADERS)

# Where an obligation stands on a day.
NOT_DUE = "not_due"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
WAITING = "waiting"  # submitted, waiting for review
DONE = "done"


@dataclass(frozen=True)
class Step:
    """An escalation step: once `days_late` days late, the obligation is reported to `audience`."""

    days_late: int
    audience: str


@dataclass(frozen=True)
class Rule:
    """A dated calendar rule (quy định lịch báo cáo)."""

    period_type: str = HALF_YEAR
    due_day: int = 20  # due on this day …
    due_month_offset: int = 0  # … of the period's last month + this many months
    cutoff_day: int = 14  # data run to this day of the due month
    final_days: int = 30  # a final report is due this many days after the timeline's end
    remind_days: int = 7  # remind this many days before the due date
    steps: tuple[Step, ...] = (Step(1, PROVINCE), Step(15, AGENCY))
    legal_basis: str = ""

    def __post_init__(self):
        if self.period_type not in PERIOD_MONTHS:
            raise ValueError(f"unknown period type {self.period_type!r}")
        if self.remind_days < 0 or self.final_days < 0 or self.due_month_offset < 0:
            raise ValueError("days and offsets cannot be negative")
        days = [s.days_late for s in self.steps]
        if any(d < 0 for d in days) or days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("escalation steps must come at increasing days late")

    def due_points(self) -> tuple[tuple[int, int], ...]:
        """(month, day) of each period's due date within a calendar year (January first)."""
        length = PERIOD_MONTHS[self.period_type]
        months = {(end - 1 + self.due_month_offset) % 12 + 1 for end in range(length, 13, length)}
        return tuple((m, self.due_day) for m in sorted(months))


@dataclass(frozen=True)
class Due:
    """One report a timeline owes."""

    sequence: int  # 1, 2, … in date order
    kind: str  # PERIODIC or FINAL
    period_end: datetime.date  # số liệu tính đến ngày
    due_on: datetime.date  # hạn nộp


def day(year: int, month: int, day_: int) -> datetime.date:
    """A valid date even for 29–31 in a short month (clamped to the month's last day)."""
    while True:
        try:
            return datetime.date(year, month, day_)
        except ValueError:
            day_ -= 1


def cutoff_and_due(
    year: int, month: int, due_day: int, cutoff_day: int
) -> tuple[datetime.date, datetime.date]:
    """The data cut-off and the due date of a period due in (year, month); a cut-off after the due day
    makes no sense: the data are then cut on the due day."""
    due_on = day(year, month, due_day)
    return min(day(year, month, cutoff_day), due_on), due_on


def schedule(
    start: datetime.date,
    end: datetime.date,
    due_points,
    cutoff_day: int,
    final_days: int,
) -> list[Due]:
    """The reports a timeline from `start` to `end` owes: one for every (month, day) due point whose
    cut-off falls strictly inside it (unless due no earlier than the final report, which supersedes it),
    then the final report `final_days` after `end`."""
    if end < start:
        raise ValueError("end before start")
    out: list[Due] = []
    for year in range(start.year, end.year + 1):
        for month, due_day in sorted(due_points):
            cutoff, due_on = cutoff_and_due(year, month, due_day, cutoff_day)
            if start < cutoff < end:
                out.append(Due(0, PERIODIC, cutoff, due_on))
    final = Due(0, FINAL, end, end + datetime.timedelta(days=final_days))
    out = [d for d in out if d.due_on < final.due_on]
    out.append(final)
    out.sort(key=lambda d: (d.due_on, d.kind != PERIODIC))
    return [Due(i, d.kind, d.period_end, d.due_on) for i, d in enumerate(out, start=1)]


def rule_schedule(start: datetime.date, end: datetime.date, rule: Rule) -> list[Due]:
    """`schedule` with a rule's due points."""
    return schedule(start, end, rule.due_points(), rule.cutoff_day, rule.final_days)


def redate(basis: str, period_end: datetime.date, rule: Rule) -> tuple[datetime.date, datetime.date]:
    """(period_end, due_on) of an obligation under `rule` — how a changed rule moves an owed report.
    A periodic report keeps its due month (the period it covers) and takes the rule's due and cut-off
    days; a final report keeps its end date and is due `final_days` after it."""
    if basis == FINAL:
        return period_end, period_end + datetime.timedelta(days=rule.final_days)
    cutoff, due_on = cutoff_and_due(period_end.year, period_end.month, rule.due_day, rule.cutoff_day)
    return cutoff, due_on


def next_period(basis: str, period_end: datetime.date, rule: Rule) -> tuple[datetime.date, datetime.date]:
    """(period_end, due_on) of the report a recurring obligation owes next: the period of the rule's
    length after `period_end` (a month's last day stays the month's last day: 30/6 → 31/12 for a
    half year), due as `redate` dates it."""
    months = PERIOD_MONTHS[rule.period_type]
    index = period_end.month - 1 + months
    year, month = period_end.year + index // 12, index % 12 + 1
    month_end = (period_end + datetime.timedelta(days=1)).day == 1
    end = day(year, month, 31 if month_end else period_end.day)
    if basis == FINAL:
        return redate(FINAL, end, rule)
    return redate(PERIODIC, end, rule)


@dataclass(frozen=True)
class Standing:
    state: str  # NOT_DUE, DUE_SOON, OVERDUE, WAITING, DONE
    days_late: int  # > 0 when overdue
    days_left: int  # ≥ 0 before the due date
    escalation: int  # 0 none, n: the n-th escalation step reached


def standing(state: str, due_on: datetime.date, today: datetime.date, remind_days: int, steps) -> Standing:
    """Where an obligation stands on `today`. One sent back for revision is still owed against its
    original due date (a revision does not buy time). `steps` are the escalation days late, ascending."""
    delta = (today - due_on).days
    if state == ACCEPTED:
        return Standing(DONE, 0, 0, 0)
    if state == SUBMITTED:
        return Standing(WAITING, 0, max(-delta, 0), 0)
    if delta > 0:
        level = sum(1 for days in steps if delta >= days)
        return Standing(OVERDUE, delta, 0, level)
    if -delta <= remind_days:
        return Standing(DUE_SOON, 0, -delta, 0)
    return Standing(NOT_DUE, 0, -delta, 0)


def needs_reminder(
    state: str, due_on: datetime.date, today: datetime.date, remind_days: int, reminded_on
) -> bool:
    """A reminder goes once, when an owed obligation enters its reminder window (and again after it is
    returned, since `reminded_on` is cleared then)."""
    if state not in OPEN or reminded_on is not None:
        return False
    return standing(state, due_on, today, remind_days, ()).state == DUE_SOON


def escalation_due(state: str, due_on: datetime.date, today: datetime.date, steps, current_level: int) -> int:
    """The escalation level to raise an owed obligation to on `today`, or 0 if nothing new (levels only
    rise, one notice per level reached)."""
    if state not in OPEN:
        return 0
    level = standing(state, due_on, today, 0, steps).escalation
    return level if level > current_level else 0


# The state machine: (state, action) → new state.
TRANSITIONS = {
    (PENDING, "submit"): SUBMITTED,
    (RETURNED, "submit"): SUBMITTED,  # a resubmission
    (SUBMITTED, "accept"): ACCEPTED,
    (SUBMITTED, "return"): RETURNED,
}


def submit_problem(state: str) -> str | None:
    if (state, "submit") not in TRANSITIONS:
        return gettext_noop("Báo cáo này đã nộp hoặc đã được chấp nhận, không nộp lại được.")
    return None


def review_problem(state: str, verdict: str, comment: str) -> str | None:
    """None if a review (ACCEPTED / RETURNED) may be recorded; a return needs a comment."""
    if state != SUBMITTED:
        return gettext_noop("Chỉ xem xét được báo cáo đã nộp và đang chờ xem xét.")
    if verdict not in (ACCEPTED, RETURNED):
        return gettext_noop("Kết quả xem xét không hợp lệ.")
    if verdict == RETURNED and not comment.strip():
        return gettext_noop("Yêu cầu bổ sung, hoàn thiện phải ghi rõ nội dung cần bổ sung.")
    return None
