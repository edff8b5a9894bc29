"""Progress reports of extension projects (báo cáo tiến độ đề án khuyến công) — plain Python, no Django.

A contracted project reports on a schedule: a periodic report at each half-year and year end that falls
inside its timeline, and a final report (báo cáo tổng kết) after its end date. The dates are data
(models.ScheduleRule, effective-dated with its legal basis); this module only computes with them:

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

from cndp.extension.lifecycle import gettext_noop

PERIODIC = "periodic"
FINAL = "final"

# Report statuses (the values of choices.ReportStatus).
PENDING = "pending"  # chưa nộp
SUBMITTED = "submitted"  # đã nộp, chờ xem xét
NEEDS_REVISION = "needs_revision"  # yêu cầu bổ sung, hoàn thiện
ACCEPTED = "accepted"  # đã chấp nhận

OPEN = frozenset({PENDING, NEEDS_REVISION})  # the implementing side still owes something

# Where a report stands on a day (standing.state).
NOT_DUE = "not_due"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
WAITING = "waiting"  # submitted, waiting for review
DONE = "done"


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


@dataclass(frozen=True)
class Due:
    """One report a project owes."""

    sequence: int  # 1, 2, … in date order
    kind: str  # PERIODIC or FINAL
    period_end: datetime.date  # số liệu tính đến ngày
    due_on: datetime.date  # hạn nộp


def _day(year: int, month: int, day: int) -> datetime.date:
    """A valid date even for 29–31 in a short month (clamped to the month's last day)."""
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


def schedule(start: datetime.date, end: datetime.date, rule: Rule) -> list[Due]:
    """The reports a project running from `start` to `end` owes: one for every half-year and year-end
    cut-off strictly inside its timeline (unless due no earlier than the final report, which supersedes
    it), then the final report `final_days` after `end`."""
    if end < start:
        raise ValueError("end before start")
    out: list[Due] = []
    for year in range(start.year, end.year + 1):
        for month, day in sorted((rule.half_year_due, rule.year_due)):
            due_on = _day(year, month, day)
            cutoff = _day(year, month, rule.cutoff_day)
            if cutoff > due_on:  # a cut-off after the due day makes no sense: cut on the due day
                cutoff = due_on
            if start < cutoff < end:
                out.append(Due(0, PERIODIC, cutoff, due_on))
    final = Due(0, FINAL, end, end + datetime.timedelta(days=rule.final_days))
    # A periodic report due no earlier than the final one is superseded by it.
    out = [d for d in out if d.due_on < final.due_on]
    out.append(final)
    out.sort(key=lambda d: (d.due_on, d.kind != PERIODIC))
    return [Due(i, d.kind, d.period_end, d.due_on) for i, d in enumerate(out, start=1)]


@dataclass(frozen=True)
class Standing:
    state: str  # NOT_DUE, DUE_SOON, OVERDUE, WAITING, DONE
    days_late: int  # > 0 when overdue
    days_left: int  # ≥ 0 before the due date
    escalation: int  # 0 none, 1 the province's Department, 2 the agency


def standing(status: str, due_on: datetime.date, today: datetime.date, rule: Rule) -> Standing:
    """Where a report stands on `today`. A report sent back for revision is still owed against its
    original due date (a revision does not buy time)."""
    delta = (today - due_on).days
    if status == ACCEPTED:
        return Standing(DONE, 0, 0, 0)
    if status == SUBMITTED:
        return Standing(WAITING, 0, max(-delta, 0), 0)
    if delta > 0:
        level = 0
        if delta >= rule.escalate_agency_days:
            level = 2
        elif delta >= rule.escalate_province_days:
            level = 1
        return Standing(OVERDUE, delta, 0, level)
    if -delta <= rule.remind_days:
        return Standing(DUE_SOON, 0, -delta, 0)
    return Standing(NOT_DUE, 0, -delta, 0)


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
