"""Periods of indicator values (kỳ số liệu) — plain Python, no Django.

A period is (type, start): a month, quarter, half year or year starting on its first day. Its code is
DHIS2's: `2024` (year), `2024S1` / `2024S2` (half year), `2024Q1`…`2024Q4` (quarter), `202403` (month).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from cndp.obligations.calendar import HALF_YEAR, MONTH, PERIOD_MONTHS, QUARTER, YEAR

__all__ = ["HALF_YEAR", "MONTH", "QUARTER", "YEAR", "Period", "parse", "periods_between"]

_CODE = re.compile(r"^(\d{4})(?:(S)([12])|(Q)([1-4])|(\d{2}))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2199


@dataclass(frozen=True, order=True)
class Period:
    """Kỳ: its type and first day."""

    type: str
    start: datetime.date

    def __post_init__(self):
        months = PERIOD_MONTHS.get(self.type)
        if months is None:
            raise ValueError(f"unknown period type {self.type!r}")
        if self.start.day != 1 or (self.start.month - 1) % months:
            raise ValueError(f"{self.start} does not start a {self.type} period")

    @property
    def months(self) -> int:
        return PERIOD_MONTHS[self.type]

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        return _shift(self.start, self.months) - datetime.timedelta(days=1)

    @property
    def code(self) -> str:
        year, month = self.start.year, self.start.month
        if self.type == YEAR:
            return f"{year}"
        if self.type == HALF_YEAR:
            return f"{year}S{(month - 1) // 6 + 1}"
        if self.type == QUARTER:
            return f"{year}Q{(month - 1) // 3 + 1}"
        return f"{year}{month:02d}"

    def shift(self, n: int) -> Period:
        """The period `n` periods later (earlier when negative)."""
        return Period(self.type, _shift(self.start, n * self.months))

    @property
    def previous(self) -> Period:
        """Kỳ trước."""
        return self.shift(-1)

    @property
    def last_year(self) -> Period:
        """Cùng kỳ năm trước."""
        return Period(self.type, self.start.replace(year=self.start.year - 1))

    def __str__(self) -> str:
        return self.code


def _shift(date: datetime.date, months: int) -> datetime.date:
    index = date.year * 12 + date.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def parse(code: str) -> Period:
    """The period of a DHIS2 code; ValueError when malformed."""
    match = _CODE.match(str(code).strip())
    if not match:
        raise ValueError(f"malformed period {code!r}")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year out of range in {code!r}")
    if match.group(2):
        return Period(HALF_YEAR, datetime.date(year, 6 * (int(match.group(3)) - 1) + 1, 1))
    if match.group(4):
        return Period(QUARTER, datetime.date(year, 3 * (int(match.group(5)) - 1) + 1, 1))
    if match.group(6):
        month = int(match.group(6))
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month} in {code!r}")
        return Period(MONTH, datetime.date(year, month, 1))
    return Period(YEAR, datetime.date(year, 1, 1))


def containing(period_type: str, date: datetime.date) -> Period:
    """The period of `period_type` that contains `date`."""
    months = PERIOD_MONTHS[period_type]
    return Period(period_type, datetime.date(date.year, (date.month - 1) // months * months + 1, 1))


def periods_between(period_type: str, first: datetime.date, last: datetime.date) -> list[Period]:
    """Every period of the type from the one containing `first` to the one containing `last`."""
    out, period = [], containing(period_type, first)
    end = containing(period_type, last)
    while period <= end:
        out.append(period)
        period = period.shift(1)
    return out
