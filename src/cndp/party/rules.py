"""Membership rules (quy định về đảng viên) — plain Python, no Django.

Charter Art. 5: probation lasts 12 months from admission; the member stays probationary until the
committee recognises them as official, so the status is derived from the recognition date, never typed.
"""

from __future__ import annotations

import datetime

PROBATION_MONTHS = 12
REMINDER_DAYS = 30


def add_months(date: datetime.date, months: int) -> datetime.date:
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    import calendar

    day = min(date.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def status_at(admitted_on: datetime.date, official_on: datetime.date | None, at: datetime.date) -> str | None:
    """'official', 'probationary', or None when not yet a member on `at`."""
    if at < admitted_on:
        return None
    if official_on is not None and official_on <= at:
        return "official"
    return "probationary"


def probation_ends(admitted_on: datetime.date) -> datetime.date:
    """The day the 12-month probation is complete."""
    return add_months(admitted_on, PROBATION_MONTHS)


def staff_ratio(members: int, staff: int) -> float:
    """Members as a share of staff, in percent (0 when there is no staff)."""
    return 0.0 if staff <= 0 else members * 100 / staff
