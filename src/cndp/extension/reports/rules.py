"""The arithmetic of the extension report (báo cáo kết quả thực hiện kế hoạch khuyến công) — plain Python,
no Django.

What a row of the report holds (`Figures`: counts, đồng, outputs), how rows add up (`total`), and the rates
derived from them — always recomputed from the summed components, never summed themselves (a region's
disbursement rate is its disbursed ÷ its approved funds, not the sum of its provinces' rates):

- `growth(current, previous)` — year-on-year growth in %, None when the base is 0;
- `share(part, whole)` / `progress(achieved, target)` — a percentage, None when the whole is 0;
- `period_bounds(year, period)` — the days a six-monthly or annual report covers;
- `yearly_series(...)` — registrations per year with the growth of each year over the one before.

Reporting convention (industry-rules §1.6): six-monthly and annual reports are the usual practice, their
forms and cut-off days are UNCONFIRMED. Here the six-monthly report counts the ledger up to 30/6 of the
year and the annual report up to 31/12; Decree 09/2019/NĐ-CP's cut-off on the 14th/15th of the last month
is not applied to extension (UNCONFIRMED), `period_bounds` takes the day as an argument should it be.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_HALF_UP, Decimal

HALF_YEAR = "half"  # báo cáo 6 tháng đầu năm
YEAR = "year"  # báo cáo năm
PERIODS = (HALF_YEAR, YEAR)
PERIOD_LABELS = {HALF_YEAR: "6 tháng đầu năm", YEAR: "năm"}
HALF_YEAR_END = (6, 30)  # (month, day) the six-monthly report runs to — UNCONFIRMED, see the docstring

MILLION = 1_000_000
OUTPUTS = ("trainees", "models", "machines", "products", "jobs")


@dataclass(frozen=True)
class Figures:
    """The figures of one row (a province, a region, an activity type, a programme, or the whole).

    Counts of projects, amounts in đồng (integers), outputs in their own units. Every field is additive:
    the figures of a group are the field-wise sum of its members' figures.
    """

    registered: int = 0  # đề án đăng ký (every project of the plan year)
    requested: int = 0  # kinh phí khuyến công đề nghị (đồng)
    selected: int = 0  # đề án được lựa chọn (selected and all later, approved, statuses)
    selected_funds: int = 0  # kinh phí của các đề án được lựa chọn (approved, else requested; đồng)
    approved: int = 0  # đề án trong kế hoạch được phê duyệt (and after)
    approved_funds: int = 0  # kinh phí khuyến công được duyệt (đồng)
    counterpart: int = 0  # vốn đối ứng của các đề án được duyệt (đồng)
    disbursed: int = 0  # đã cấp: advances + payments − refunds up to the period's end (đồng)
    settled: int = 0  # đề án đã quyết toán
    trainees: int = 0
    models: int = 0
    machines: int = 0
    products: int = 0
    jobs: int = 0
    overdue_reports: int = 0  # báo cáo tiến độ quá hạn chưa nộp (or sent back and not resubmitted)

    def __add__(self, other: Figures) -> Figures:
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def selection_rate(self) -> Decimal | None:
        """Đề án được lựa chọn / đăng ký (%)."""
        return share(self.selected, self.registered)

    @property
    def approval_rate(self) -> Decimal | None:
        """Đề án được phê duyệt / đăng ký (%)."""
        return share(self.approved, self.registered)

    @property
    def disbursement_rate(self) -> Decimal | None:
        """Đã cấp / kinh phí được duyệt (%)."""
        return share(self.disbursed, self.approved_funds)

    @property
    def total_approved(self) -> int:
        """Tổng vốn của các đề án được duyệt: extension funds approved + counterpart funds (đồng)."""
        return self.approved_funds + self.counterpart

    @property
    def counterpart_ratio(self) -> Decimal | None:
        """Vốn đối ứng / tổng vốn của các đề án được duyệt (%)."""
        return share(self.counterpart, self.total_approved)


FIGURE_FIELDS = tuple(f.name for f in fields(Figures))


def figures(values: Mapping[str, int | None]) -> Figures:
    """Figures from a mapping (a database row): unknown keys ignored, missing or None counted as 0."""
    return Figures(**{name: int(values.get(name) or 0) for name in FIGURE_FIELDS})


def total(rows: Iterable[Figures]) -> Figures:
    """The totals row: the field-wise sum of the rows (an empty table totals to zeros)."""
    result = Figures()
    for row in rows:
        result = result + row
    return result


@dataclass(frozen=True)
class Row:
    """One line of a grouped table: a key (province id, region id, …), its label and its figures.

    `partial` marks a group that counts some unit only in part (a 34-unit partly inside a region)."""

    key: object
    label: str
    figures: Figures = field(default_factory=Figures)
    code: str = ""
    partial: bool = False
    group: str = ""  # a heading the row sits under (e.g. the way regions are drawn)

    def with_figures(self, value: Figures) -> Row:
        return replace(self, figures=value)


# ---- percentages -------------------------------------------------------------------------------------------


def _percent(numerator: int | Decimal, denominator: int | Decimal) -> Decimal:
    return Decimal(numerator) * 100 / Decimal(denominator)


def share(part: int, whole: int) -> Decimal | None:
    """part as a percentage of whole; None when the whole is 0 (no meaningful share)."""
    if not whole:
        return None
    return _percent(part, whole)


def progress(achieved: int, target: int) -> Decimal | None:
    """Achievement against a target in % (may exceed 100); None for a target of 0."""
    return share(achieved, target)


def bar_width(percent: Decimal | None) -> int:
    """The width of a progress bar (0–100): the percentage rounded, capped at 100."""
    if percent is None:
        return 0
    return max(0, min(100, int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))))


def growth(current: int, previous: int | None) -> Decimal | None:
    """Year-on-year growth in %: (current − previous) ÷ previous × 100; None when there is no base
    (previous missing or 0 — growth from nothing is not a number)."""
    if not previous:
        return None
    return _percent(current - previous, previous)


def rounded(value: Decimal | None, decimals: int = 1) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def millions(amount: int) -> Decimal:
    """đồng → triệu đồng (exact)."""
    return Decimal(amount) / MILLION


# ---- periods -----------------------------------------------------------------------------------------------


def period_bounds(
    year: int, period: str, half_year_end: tuple[int, int] = HALF_YEAR_END
) -> tuple[datetime.date, datetime.date]:
    """The first and last day a report covers: 1/1 to 30/6 (six-monthly) or to 31/12 (annual)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    start = datetime.date(year, 1, 1)
    if period == HALF_YEAR:
        return start, datetime.date(year, *half_year_end)
    return start, datetime.date(year, 12, 31)


def period_title(period: str, year: int) -> str:
    """'6 THÁNG ĐẦU NĂM 2027' / 'NĂM 2027' — the end of the report's title."""
    return f"{PERIOD_LABELS[period].upper()} {year}"


def reference_day(period_end: datetime.date, today: datetime.date) -> datetime.date:
    """The day "overdue" is judged on: the end of the period, or today if the period has not ended."""
    return min(period_end, today)


# ---- series over years -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearPoint:
    year: int
    registered: int
    requested: int
    approved: int = 0
    approved_funds: int = 0
    registered_growth: Decimal | None = None  # % over the year before
    requested_growth: Decimal | None = None
    approved_growth: Decimal | None = None


def yearly_series(years: Iterable[int], values: Mapping[int, Mapping[str, int]]) -> list[YearPoint]:
    """Registrations per year with year-on-year growth; a year without data counts as 0 (so the next
    year's growth has no base, None). The first year's growth needs the year before it: pass it in
    `values` (it need not be in `years`)."""
    out = []
    for year in years:
        now, before = values.get(year, {}), values.get(year - 1)

        def get(row, name):
            return int((row or {}).get(name) or 0)

        out.append(
            YearPoint(
                year=year,
                registered=get(now, "registered"),
                requested=get(now, "requested"),
                approved=get(now, "approved"),
                approved_funds=get(now, "approved_funds"),
                registered_growth=growth(get(now, "registered"), get(before, "registered")),
                requested_growth=growth(get(now, "requested"), get(before, "requested")),
                approved_growth=growth(get(now, "approved"), get(before, "approved")),
            )
        )
    return out


# ---- phase targets -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetProgress:
    """A programme's target for its phase and what its projects achieved up to the report's year."""

    programme: str
    phase: str
    indicator: str
    label: str
    target: int
    achieved: int  # through the phase, up to the report's plan year
    achieved_in_year: int  # by the projects of the report's plan year

    @property
    def percent(self) -> Decimal | None:
        return progress(self.achieved, self.target)

    @property
    def bar(self) -> int:
        return bar_width(self.percent)

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.achieved)


# Which sum of the projects measures each programme indicator (choices.Indicator): an output field, or the
# number of finished projects that supported a complete technology line.
INDICATOR_SOURCES = {
    "demonstration_models": "models",
    "machines": "machines",
    "technology_lines": "lines",
    "trainees": "trainees",
    "products": "products",
    "jobs": "jobs",
}
