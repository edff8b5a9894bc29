"""Periods of indicator values (kỳ số liệu) — plain Python, no Django.

A period is (type, start): a month, quarter, half year or year starting on its first day. Its code is
DHIS2's: `2024` (year), `2024S1` / `2024S2` (half year), `2024Q1`…`2024Q4` (quarter), `202403` (month):
files and URLs carry the code; people read the label (`tháng 3/2024`, `quý I/2024`, `6 tháng đầu năm
2024`, `năm 2024`), translated through `translate`, which the app sets to Django's pgettext (no Django
here).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from cndp.obligations.calendar import HALF_YEAR, MONTH, PERIOD_MONTHS, QUARTER, YEAR

__all__ = ["HALF_YEAR", "MONTH", "QUARTER", "YEAR", "Period", "parse", "periods_between"]

_CODE = re.compile(r"^(\d{4})(?:(S)([12])|(Q)([1-4])|(\d{2}))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2199
_ROMAN = ("I", "II", "III", "IV")


def pgettext(context: str, message: str) -> str:  # marks the labels for the message catalogue (makemessages)
    return message


# A period's label in the user's language: set to Django's pgettext by cndp.indicators.models. The labels
# have their own context: the same Vietnamese words elsewhere ("năm 2027" after "kế hoạch … ") are
# translated as a phrase ("for 2027"), a label stands alone ("year 2027") and is read back by `parse_any`.
translate = pgettext
LABEL_CONTEXT = "period label"

_LABELS = {
    "month": pgettext("period label", "tháng %(month)s/%(year)s"),
    "month_short": pgettext("period label", "%(month)s/%(year)s"),
    "quarter": pgettext("period label", "quý %(quarter)s/%(year)s"),
    "half_year_1": pgettext("period label", "6 tháng đầu năm %(year)s"),
    "half_year_2": pgettext("period label", "6 tháng cuối năm %(year)s"),
    "year": pgettext("period label", "năm %(year)s"),
}


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

    @property
    def label(self) -> str:
        """What a person reads: "tháng 7/2030", "quý II/2026", "6 tháng đầu năm 2026", "năm 2026"."""
        year, month = self.start.year, self.start.month
        if self.type == MONTH:
            key = "month"
        elif self.type == QUARTER:
            key = "quarter"
        elif self.type == HALF_YEAR:
            key = "half_year_1" if month == 1 else "half_year_2"
        else:
            key = "year"
        return translate(LABEL_CONTEXT, _LABELS[key]) % {
            "month": month,
            "year": year,
            "quarter": _ROMAN[(month - 1) // 3],
        }

    @property
    def short_label(self) -> str:
        """A chart's axis: "7/2030" for a month, else the label."""
        if self.type == MONTH:
            return translate(LABEL_CONTEXT, _LABELS["month_short"]) % {
                "month": self.start.month,
                "year": self.start.year,
            }
        return self.label

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


_ROMAN_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HUMAN = (  # what a person types, lower-cased: "tháng 7/2026", "7/2026", "quý II/2026", "Q2/2026", …
    (MONTH, re.compile(r"^(?:tháng|thang|t)?\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")),
    (QUARTER, re.compile(r"^(?:quý|quy|q)\s*(iv|i{1,3}|[1-4])\s*(?:[/.-]|\s+năm|\s+nam|\s)\s*(\d{4})$")),
    (HALF_YEAR, re.compile(r"^6\s*(?:tháng|thang|t)\s*(đầu|cuối|dau|cuoi)\s*(?:năm|nam)?\s*(\d{4})$")),
    (YEAR, re.compile(r"^(?:năm|nam)\s*(\d{4})$")),
    # The English labels (the form of a page shown in English is filled with them): "first half of 2026",
    # "year 2026"; months ("7/2026") and quarters ("Q3/2026") are read by the patterns above.
    (HALF_YEAR, re.compile(r"^(first|second)\s+half(?:\s+of)?\s+(\d{4})$")),
    (YEAR, re.compile(r"^year\s+(\d{4})$")),
)


def parse_any(text: str) -> Period:
    """A period from its code or as people write it ("tháng 7/2026", "7/2026", "quý II/2026", "Q2/2026",
    "6 tháng đầu năm 2026", "năm 2026"); ValueError when it is neither."""
    try:
        return parse(text)
    except ValueError:
        pass
    lowered = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    for period_type, pattern in _HUMAN:
        match = pattern.match(lowered)
        if not match:
            continue
        year = int(match.groups()[-1])
        if period_type == MONTH:
            return parse(f"{year}{int(match[1]):02d}")
        if period_type == QUARTER:
            return parse(f"{year}Q{_ROMAN_NUMBER[match[1]]}")
        if period_type == HALF_YEAR:
            return parse(f"{year}S{1 if match[1] in ('đầu', 'dau', 'first') else 2}")
        return parse(f"{year}")
    raise ValueError(f"malformed period {text!r}")


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
