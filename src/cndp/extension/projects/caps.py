"""Funding caps and the registration deadline (mức hỗ trợ tối đa, hạn đăng ký) — plain Python, no Django.

A cap is "at most X % of the cost AND at most Y VND" for an activity type, national (Circular
28/2018/TT-BTC) or set by a province's People's Council for its local programme, valid between two dates.
The caps themselves are data (models.FundingCap, edited in the admin); this module only decides which one
is in force and whether an amount keeps within it. Every refusal names the cap and its legal basis.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cndp.core.text import format_number


@dataclass(frozen=True)
class Cap:
    """One funding cap as plain data (built from a models.FundingCap by `FundingCap.as_cap()`)."""

    activity_type: object  # the activity type's key (pk or code), compared with ==
    share_percent: Decimal  # at most this share of the total cost (0–100)
    max_amount: int | None  # and at most this many VND (None: no amount limit)
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    province: object | None = None  # None: national
    legal_basis: str = ""
    name: str = ""  # e.g. "Mô hình trình diễn kỹ thuật"
    per: str = ""  # "mô hình", "cơ sở", "doanh nghiệp"
    line_multiplier: Decimal = Decimal(1)  # e.g. 1.5 for a complete technology line
    multiplier_note: str = ""

    def in_force(self, date: datetime.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)

    def amount_limit(self, technology_line: bool = False) -> int | None:
        if self.max_amount is None:
            return None
        if technology_line and self.line_multiplier != 1:
            return int(Decimal(self.max_amount) * self.line_multiplier)
        return self.max_amount

    @property
    def scope_label(self) -> str:
        return "mức của tỉnh" if self.province is not None else "mức quốc gia"


def cap_in_force(caps: Iterable[Cap], activity_type, province, date: datetime.date) -> Cap | None:
    """The cap that applies to an activity type in a province on a date.

    A province's own cap is preferred over the national one; among several candidates of the same scope
    the most recent (latest valid_from) wins. `province=None` asks for the national cap only (a national
    project is bound by the national levels whatever its province).
    """
    candidates = [c for c in caps if c.activity_type == activity_type and c.in_force(date)]
    own = [c for c in candidates if province is not None and c.province == province]
    national = [c for c in candidates if c.province is None]
    for pool in (own, national):
        if pool:
            return max(pool, key=lambda c: c.valid_from)
    return None


def vnd(amount: int, separators: dict[str, str] | None = None) -> str:
    """1000000000 → '1.000.000.000 đồng' (`separators`: format_number's, the interface language's from
    `cndp.core.numbers.separators()`; Vietnamese by default)."""
    return f"{format_number(amount, **(separators or {}))} đồng"


def cap_problem(
    extension_funds: int,
    total_cost: int,
    caps_in_force: Cap | Iterable[Cap] | None,
    *,
    technology_line: bool = False,
    separators: dict[str, str] | None = None,
) -> str | None:
    """None if `extension_funds` keeps within the cap(s); otherwise the reason naming the cap and its
    legal basis. `total_cost` is the whole budget (extension funds + counterpart funds). Numbers are
    written with `separators` (the interface language's; Vietnamese by default)."""
    sep = separators or {}
    if extension_funds < 0 or total_cost < 0:
        return "Kinh phí không được là số âm."
    if extension_funds > total_cost:
        return "Kinh phí khuyến công không được lớn hơn tổng kinh phí của đề án."
    if caps_in_force is None:
        return None
    caps = [caps_in_force] if isinstance(caps_in_force, Cap) else list(caps_in_force)
    for cap in caps:
        basis = f" ({cap.legal_basis})" if cap.legal_basis else ""
        name = f"«{cap.name}»" if cap.name else "của nội dung này"
        # Exact integer arithmetic: funds × 100 ≤ share × cost.
        if Decimal(extension_funds) * 100 > cap.share_percent * Decimal(total_cost):
            share = format_number(cap.share_percent, 2 if cap.share_percent % 1 else 0, **sep)
            actual = format_number(Decimal(extension_funds * 100) / Decimal(total_cost or 1), 2, **sep)
            return (
                f"Vượt mức hỗ trợ tối đa {name} ({cap.scope_label}): kinh phí khuyến công chỉ được tối đa "
                f"{share} % tổng kinh phí, đề án đề nghị {actual} %{basis}."
            )
        limit = cap.amount_limit(technology_line)
        if limit is not None and extension_funds > limit:
            per = f"/{cap.per}" if cap.per else ""
            line = (
                f", đã tính hệ số {format_number(cap.line_multiplier, 1, **sep)} cho dây chuyền công nghệ"
                if technology_line and cap.line_multiplier != 1
                else ""
            )
            return (
                f"Vượt mức hỗ trợ tối đa {name} ({cap.scope_label}): tối đa {vnd(limit, sep)}{per}{line}, "
                f"đề án đề nghị {vnd(extension_funds, sep)}{basis}."
            )
    return None


# ---- registration deadline -------------------------------------------------------------------------------

DEADLINE_MONTH, DEADLINE_DAY = 6, 20
DEADLINE_BASIS = "Thông tư 36/2013/TT-BCT, Điều 10, sửa đổi bởi Thông tư 17/2018/TT-BCT, Điều 1 khoản 9"


@dataclass(frozen=True)
class Deadline:
    """The registration deadline as data (models.ScheduleRule.as_deadline()): the Department sends its
    list before this day and month of the year before the plan year."""

    month: int = DEADLINE_MONTH
    day: int = DEADLINE_DAY
    legal_basis: str = DEADLINE_BASIS


DEFAULT_DEADLINE = Deadline()


def plan_date(plan_year: int) -> datetime.date:
    """The date a plan year's rules are read at: its first day (the units and caps in force then)."""
    return datetime.date(plan_year, 1, 1)


def registration_deadline(plan_year: int, deadline: Deadline = DEFAULT_DEADLINE) -> datetime.date:
    """The Department sends its list to the agency before 20 June of the year before the plan year."""
    return datetime.date(plan_year - 1, deadline.month, deadline.day)


def deadline_problem(plan_year: int, on: datetime.date, deadline: Deadline = DEFAULT_DEADLINE) -> str | None:
    """None if a proposal for `plan_year` may still be registered or sent on `on`; otherwise the reason."""
    day = registration_deadline(plan_year, deadline)
    if on >= day:
        return (
            f"Đã hết hạn đăng ký kế hoạch khuyến công quốc gia năm {plan_year}: Sở Công Thương phải gửi "
            f"Cục trước ngày {day:%d/%m/%Y} ({deadline.legal_basis})."
        )
    return None


def first_open_plan_year(on: datetime.date, deadline: Deadline = DEFAULT_DEADLINE) -> int:
    """The first plan year whose registration is still open on `on`."""
    year = on.year + 1
    while deadline_problem(year, on, deadline) is not None:
        year += 1
    return year
