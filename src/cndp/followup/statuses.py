"""Where a task stands (tình trạng thực hiện nhiệm vụ) — plain Python, no Django.

Two things are kept apart:
- the task's workflow state, changed only by the services along the transitions below: open (đang thực
  hiện) → reported done by the lead unit, waiting for the agency (chờ xác nhận hoàn thành) → done
  (đã hoàn thành, confirmed by the agency), or back to open when the agency returns the report;
- the status the Government reports (QĐ 42/2014 as amended; report 1270/BC-TCTTTg), computed on a day
  from the deadline in force and the day the task was done:
      done on time         hoàn thành đúng hạn     done on or before the deadline (or none was set)
      done late            hoàn thành quá hạn      done after the deadline
      not done, in time    chưa hoàn thành – trong hạn   not done, the deadline not passed (or none)
      not done, overdue    chưa hoàn thành – quá hạn     not done, the deadline passed
  A task without a dated deadline (recurring, "thường xuyên", or none) is never late. The deadline in
  force is the last one extended with its reason and who agreed; the day a task is done is the day the
  lead unit reported it done (the agency's confirmation keeps that day).
Plus two flags for the lists: overdue, and due soon (the deadline within `soon_days`).
"""

from __future__ import annotations

import datetime

# Workflow states (choices.State).
OPEN = "open"
REPORTED = "reported"
DONE = "done"
TRANSITIONS = {
    # (from, event) → to
    (OPEN, "report_done"): REPORTED,
    (REPORTED, "confirm"): DONE,
    (REPORTED, "return"): OPEN,
}

# Government statuses (choices.GovStatus).
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
NOT_DONE_IN_TIME = "not_done_in_time"
NOT_DONE_OVERDUE = "not_done_overdue"
GOV_STATUSES = (DONE_ON_TIME, DONE_LATE, NOT_DONE_IN_TIME, NOT_DONE_OVERDUE)

DUE_SOON_DAYS = 7


def next_state(state: str, event: str) -> str | None:
    """The state after `event`, None when the transition is not allowed."""
    return TRANSITIONS.get((state, event))


def gov_status(
    deadline: datetime.date | None, completed_on: datetime.date | None, today: datetime.date
) -> str:
    """The Government's status of a task on `today` (see the module's docstring). `deadline` is None
    for a task without a dated deadline; `completed_on` is None while it is not done."""
    if completed_on is not None:
        if deadline is None or completed_on <= deadline:
            return DONE_ON_TIME
        return DONE_LATE
    if deadline is None or today <= deadline:
        return NOT_DONE_IN_TIME
    return NOT_DONE_OVERDUE


def is_overdue(
    deadline: datetime.date | None, completed_on: datetime.date | None, today: datetime.date
) -> bool:
    return gov_status(deadline, completed_on, today) == NOT_DONE_OVERDUE


def is_due_soon(
    deadline: datetime.date | None,
    completed_on: datetime.date | None,
    today: datetime.date,
    soon_days: int = DUE_SOON_DAYS,
) -> bool:
    """Not done, not yet late, and the deadline within `soon_days` days."""
    if completed_on is not None or deadline is None:
        return False
    return today <= deadline <= today + datetime.timedelta(days=soon_days)


def days_late(
    deadline: datetime.date | None, completed_on: datetime.date | None, today: datetime.date
) -> int:
    """Days past the deadline: to the day it was done, or to today while it is not; 0 when not late."""
    if deadline is None:
        return 0
    end = completed_on or today
    return max((end - deadline).days, 0)


def extension_problem(
    old: datetime.date | None, new: datetime.date | None, reason: str, agreed_by: str, state: str
) -> str | None:
    """Why a deadline may not be extended so (None: it may). A message for the user, translated by the
    caller."""
    if state == DONE:
        return "Nhiệm vụ đã hoàn thành, không gia hạn."
    if new is None:
        return "Ghi thời hạn mới."
    if old is not None and new <= old:
        return "Thời hạn mới phải sau thời hạn hiện tại."
    if not reason.strip():
        return "Ghi lý do gia hạn."
    if not agreed_by.strip():
        return "Ghi người đồng ý gia hạn."
    return None


def share_on_time(counts: dict[str, int]) -> float | None:
    """The share of tasks done on time among those due or done (hoàn thành đúng hạn / (done + overdue)):
    what the Government's reports give; None when no task is due yet."""
    denominator = counts.get(DONE_ON_TIME, 0) + counts.get(DONE_LATE, 0) + counts.get(NOT_DONE_OVERDUE, 0)
    if denominator == 0:
        return None
    return counts.get(DONE_ON_TIME, 0) / denominator


__all__ = [
    "DONE",
    "DONE_LATE",
    "DONE_ON_TIME",
    "GOV_STATUSES",
    "NOT_DONE_IN_TIME",
    "NOT_DONE_OVERDUE",
    "OPEN",
    "REPORTED",
    "days_late",
    "extension_problem",
    "gov_status",
    "is_due_soon",
    "is_overdue",
    "next_state",
    "share_on_time",
]
