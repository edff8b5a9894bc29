"""Progress reports of extension projects (báo cáo tiến độ đề án khuyến công) — plain Python, no Django.

A progress report is an obligation of the shared reporting calendar (cndp.obligations), of the kind
`OBLIGATION_KIND`: its dates, state, reminders and escalation are the obligation's, computed by
`cndp.obligations.calendar` from the CalendarRule governing the kind. This module keeps what is the
extension's own: the checks of a report's content (`submit_problem`), and its former rule shape (a
half-year and a year due point, a day to escalate to the province and one to the agency), which
`as_calendar` turns into the shared calendar's rule (the data migration of the old ScheduleRule rows).
A contracted project reports on a schedule: a periodic report at each half-year and year end that falls
inside its timeline, and a final report (báo cáo tổng kết) after its end date:

- `schedule(start, end, rule)` — the reports a project owes, each with the day its data runs to and the
  day it is due;
- `standing(...)` — where an owed report stands on a day: not yet due, due soon (the reminder window),
  overdue, and how far it is escalated (1: to the province's Department, 2: to the agency);
- `review_problem(...)` — whether a review (accepted / needs revision) may be recorded.

Sources: Circular 46/2012/TT-BCT Art. 9 and Circular 28/2018/TT-BTC (reporting of extension projects;
their bodies unavailable), Decree 09/2019/NĐ-CP (data cut on the 14th, due the 20th). Practice, and
therefore the defaults here, is half-yearly and annual reports — UNCONFIRMED for extension projects.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cndp.extension.projects.lifecycle import gettext_noop
from cndp.obligations import calendar
from cndp.obligations.calendar import (  # the shared calendar's names, as extension has used them
    ACCEPTED,
    DONE,
    DUE_SOON,
    FINAL,
    NOT_DUE,
    OPEN,
    OVERDUE,
    PENDING,
    PERIODIC,
    SUBMITTED,
    WAITING,
    Due,
    Standing,
)
from cndp.obligations.calendar import RETURNED as NEEDS_REVISION  # yêu cầu bổ sung, hoàn thiện

OBLIGATION_KIND = "extension.progress"  # Obligation.kind of a progress report

__all__ = [
    "OBLIGATION_KIND",
    "ACCEPTED",
    "DONE",
    "DUE_SOON",
    "FINAL",
    "NEEDS_REVISION",
    "NOT_DUE",
    "OPEN",
    "OVERDUE",
    "PENDING",
    "PERIODIC",
    "SUBMITTED",
    "WAITING",
    "Due",
    "Rule",
    "Standing",
]


@dataclass(frozen=True)
class Rule:
    """The dated reporting rule (built from models.ScheduleRule.as_rule())."""

    half_year_due: tuple[int, int] = (6, 20)  # (month, day) the half-year report is due
    year_due: tuple[int, int] = (12, 20)  # (month, day) the annual report is due
    cutoff_day: int = 14  # data run to this day of the due month
    final_days: int = 30  # the final report is due this many days after the end date
    remind_days: int = 7  # remind this many days before the due date
    escalate_province_days: int = 1  # overdue this many days → escalated to the Department
    escalate_agency_days: int = 15  # overdue this many days → escalated to the agency
    legal_basis: str = ""

    def __post_init__(self):
        if not 0 <= self.escalate_province_days <= self.escalate_agency_days:
            raise ValueError("escalation to the agency cannot come before escalation to the province")
        if self.remind_days < 0 or self.final_days < 0:
            raise ValueError("days cannot be negative")

    def steps(self) -> tuple[int, int]:
        """The escalation steps (days late): level 1 the province's Department, level 2 the agency."""
        return (self.escalate_province_days, self.escalate_agency_days)


def as_calendar(rule: Rule) -> calendar.Rule:
    """The shared calendar's rule for an extension rule. The shared rule has one due day and month
    offset for every period: half-yearly when the year's due point is six months after the half year's;
    yearly when both fall in the same month; otherwise half-yearly from the half-year point (the year's
    point then follows it by six months — `expressible` says whether nothing was lost). Escalation: to the
    province's Department, then to the agency (one step to the agency when both come the same day)."""
    (half_month, half_day), (year_month, _year_day) = rule.half_year_due, rule.year_due
    if half_month == year_month:
        period_type, offset = calendar.YEAR, (year_month - 12) % 12
    else:
        period_type, offset = calendar.HALF_YEAR, (half_month - 6) % 6  # months {6 + o, o or 12}
    steps = [calendar.Step(rule.escalate_agency_days, calendar.AGENCY)]
    if rule.escalate_province_days < rule.escalate_agency_days:
        steps.insert(0, calendar.Step(rule.escalate_province_days, calendar.PROVINCE))
    return calendar.Rule(
        period_type=period_type,
        due_day=half_day,
        due_month_offset=offset,
        cutoff_day=rule.cutoff_day,
        final_days=rule.final_days,
        remind_days=rule.remind_days,
        steps=tuple(steps),
        legal_basis=rule.legal_basis,
    )


def expressible(rule: Rule) -> bool:
    """Whether `as_calendar(rule)` has the same due points as `rule`."""
    return set(as_calendar(rule).due_points()) == {rule.half_year_due, rule.year_due}


def _day(year: int, month: int, day: int) -> datetime.date:
    """A valid date even for 29–31 in a short month (clamped to the month's last day)."""
    return calendar.day(year, month, day)


def schedule(start: datetime.date, end: datetime.date, rule: Rule) -> list[Due]:
    """The reports a project running from `start` to `end` owes: one for every half-year and year-end
    cut-off strictly inside its timeline (unless due no earlier than the final report, which supersedes
    it), then the final report `final_days` after `end` (the shared calendar's arithmetic)."""
    return calendar.schedule(
        start, end, (rule.half_year_due, rule.year_due), rule.cutoff_day, rule.final_days
    )


def standing(status: str, due_on: datetime.date, today: datetime.date, rule: Rule) -> Standing:
    """Where a report stands on `today`. A report sent back for revision is still owed against its
    original due date (a revision does not buy time)."""
    return calendar.standing(status, due_on, today, rule.remind_days, rule.steps())


def needs_reminder(
    status: str, due_on: datetime.date, today: datetime.date, rule: Rule, reminded_on: datetime.date | None
) -> bool:
    """A reminder goes once, when an owed report enters its reminder window (and again after it is sent
    back for revision, since `reminded_on` is cleared then)."""
    if status not in OPEN or reminded_on is not None:
        return False
    return standing(status, due_on, today, rule).state == DUE_SOON


def escalation_due(
    status: str, due_on: datetime.date, today: datetime.date, rule: Rule, current_level: int
) -> int:
    """The escalation level to raise an owed report to on `today`, or 0 if nothing new (levels only
    rise, one notice per level)."""
    if status not in OPEN:
        return 0
    level = standing(status, due_on, today, rule).escalation
    return level if level > current_level else 0


def submit_problem(status: str, percent: int, kind: str) -> str | None:
    """None if a report may be submitted now; otherwise the reason (Vietnamese)."""
    if status not in OPEN:
        return gettext_noop("Báo cáo này đã nộp hoặc đã được chấp nhận, không nộp lại được.")
    if not 0 <= percent <= 100:
        return gettext_noop("Tỷ lệ hoàn thành phải từ 0 đến 100 %.")
    if kind == FINAL and percent != 100:
        return gettext_noop(
            "Báo cáo tổng kết phải ghi tỷ lệ hoàn thành 100 %; nếu chưa xong, nộp báo cáo định kỳ."
        )
    return None


def review_problem(status: str, verdict: str, comment: str) -> str | None:
    """None if a review with `verdict` (ACCEPTED / NEEDS_REVISION) may be recorded on a report."""
    if status != SUBMITTED:
        return gettext_noop("Chỉ xem xét được báo cáo đã nộp và đang chờ xem xét.")
    if verdict not in (ACCEPTED, NEEDS_REVISION):
        return gettext_noop("Kết quả xem xét không hợp lệ.")
    if verdict == NEEDS_REVISION and not comment.strip():
        return gettext_noop("Yêu cầu bổ sung, hoàn thiện phải ghi rõ nội dung cần bổ sung.")
    return None
