"""Disbursement ledger of a project (sổ tạm ứng, thanh toán, quyết toán) — plain Python, no Django.

Entries in the order they happened:
    advance     tạm ứng            money paid out before the vouchers
    payment     thanh toán         money paid out on vouchers
    refund      nộp trả            money paid back by the implementing unit
    settlement  quyết toán         the settled amount of extension funds (once, Circular 36/2013 Art. 18)

The bound (Circular 36/2013/TT-BCT Art. 12): at no point may the money paid out (advances + payments −
refunds) exceed the approved extension funds; once settled, it may not exceed the settled amount either
(a final payment may bring it up to that amount, refunds bring it down to it). Amounts are VND integers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cndp.core.text import format_number

ADVANCE, PAYMENT, REFUND, SETTLEMENT = "advance", "payment", "refund", "settlement"
KINDS = (ADVANCE, PAYMENT, REFUND, SETTLEMENT)
KIND_LABELS = {ADVANCE: "Tạm ứng", PAYMENT: "Thanh toán", REFUND: "Nộp trả", SETTLEMENT: "Quyết toán"}
BASIS = "Thông tư 36/2013/TT-BCT, Điều 12"


@dataclass(frozen=True)
class Entry:
    kind: str
    amount: int


@dataclass(frozen=True)
class Totals:
    approved: int
    advanced: int = 0
    paid: int = 0
    refunded: int = 0
    settled: int | None = None

    @property
    def disbursed(self) -> int:
        """Money out, net of refunds."""
        return self.advanced + self.paid - self.refunded

    @property
    def ceiling(self) -> int:
        """What may be paid out at most now: the settled amount once settled, else the approved funds."""
        return self.approved if self.settled is None else self.settled

    @property
    def remaining(self) -> int:
        return self.ceiling - self.disbursed

    @property
    def to_refund(self) -> int:
        """After settlement, what the unit still owes back (disbursed above the settled amount)."""
        return max(0, self.disbursed - self.ceiling) if self.settled is not None else 0


def _amount(amount: int, separators: dict[str, str] | None = None) -> str:
    return f"{format_number(amount, **(separators or {}))} đồng"


def totals(entries: Iterable[Entry], approved: int) -> Totals:
    """Sums of a ledger (whether or not it is valid; see ledger_problem)."""
    advanced = paid = refunded = 0
    settled = None
    for e in entries:
        if e.kind == ADVANCE:
            advanced += e.amount
        elif e.kind == PAYMENT:
            paid += e.amount
        elif e.kind == REFUND:
            refunded += e.amount
        elif e.kind == SETTLEMENT:
            settled = e.amount
    return Totals(approved, advanced, paid, refunded, settled)


def ledger_problem(
    entries: Iterable[Entry], approved: int, *, separators: dict[str, str] | None = None
) -> str | None:
    """None if the sequence of entries respects the bound at every step; otherwise the first problem, its
    amounts written with `separators` (the interface language's; Vietnamese by default)."""

    def _d(amount: int) -> str:
        return _amount(amount, separators)

    if approved is None or approved < 0:
        return "Đề án chưa có kinh phí khuyến công được phê duyệt."
    out = 0
    settled: int | None = None
    for i, e in enumerate(entries, start=1):
        if e.kind not in KIND_LABELS:
            return f"Dòng {i}: loại bút toán «{e.kind}» không tồn tại."
        if not isinstance(e.amount, int) or e.amount <= 0:
            return f"Dòng {i}: số tiền phải là số nguyên dương (đồng)."
        what = KIND_LABELS[e.kind]
        if e.kind == SETTLEMENT:
            if settled is not None:
                return f"Dòng {i}: đề án đã được quyết toán, không quyết toán lần thứ hai."
            if e.amount > approved:
                return (
                    f"Dòng {i}: số quyết toán {_d(e.amount)} vượt kinh phí khuyến công được phê duyệt "
                    f"{_d(approved)} ({BASIS})."
                )
            settled = e.amount
            continue
        ceiling = approved if settled is None else settled
        if e.kind in (ADVANCE, PAYMENT):
            if settled is not None and e.kind == ADVANCE:
                return f"Dòng {i}: đề án đã quyết toán, không tạm ứng thêm."
            if out + e.amount > ceiling:
                bound = "số đã quyết toán" if settled is not None else "kinh phí khuyến công được phê duyệt"
                return (
                    f"Dòng {i}: {what.lower()} {_d(e.amount)} làm tổng số đã cấp ({_d(out + e.amount)}) vượt "
                    f"{bound} {_d(ceiling)}; còn được cấp tối đa {_d(max(0, ceiling - out))} ({BASIS})."
                )
            out += e.amount
        else:  # refund
            if e.amount > out:
                return f"Dòng {i}: số nộp trả {_d(e.amount)} lớn hơn số đã cấp {_d(out)}."
            out -= e.amount
    return None
