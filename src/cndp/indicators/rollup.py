"""Roll-up of indicator values across units (tổng hợp số liệu) — plain Python, no Django.

The rules of the exchange contract: a row of one unit shows its stored value; a row of several units
combines by the indicator's rule —
- sum: Σ values;
- weighted mean: Σ(value × weight) / Σ weight, the weights being the weight indicator's values of the
  same unit and period;
- ratio: (Σ numerators) / (Σ denominators) × factor, recomputed from the components, never an average of
  the members' ratios;
- none: no combined value.
A row missing any value it needs (a value, a weight, a numerator, a denominator) is incomplete: its value
is None — never a partial sum. A zero denominator or a zero total weight gives None (the row is complete:
nothing is missing, the quotient just does not exist).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

SUM, WEIGHTED_MEAN, RATIO, NONE = "sum", "weighted_mean", "ratio", "none"
AGGREGATIONS = (SUM, WEIGHTED_MEAN, RATIO, NONE)
PRECISION = 34  # digits of the quotients (the JSON is not rounded; the screens round to the decimals)


@dataclass(frozen=True)
class Rule:
    """How an indicator combines (Indicator.as_rule())."""

    aggregation: str
    weight: str | None = None  # the weight indicator's code (weighted mean)
    numerator: str | None = None  # ratio: numerator / denominator × factor
    denominator: str | None = None
    factor: Decimal = Decimal(1)

    def __post_init__(self):
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"unknown aggregation {self.aggregation!r}")
        if self.aggregation == WEIGHTED_MEAN and not self.weight:
            raise ValueError("a weighted mean needs its weight indicator")
        if self.aggregation == RATIO and not (self.numerator and self.denominator):
            raise ValueError("a ratio needs its numerator and denominator indicators")

    def needs(self, code: str) -> tuple[str, ...]:
        """The indicator codes whose values a group row of `code` reads."""
        if self.aggregation == WEIGHTED_MEAN:
            return (code, self.weight)
        if self.aggregation == RATIO:
            return (self.numerator, self.denominator)
        return (code,)


@dataclass(frozen=True)
class Member:
    """One unit's values for a row: its own value and, as the rule needs, weight / numerator / denominator."""

    value: Decimal | None = None
    weight: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Result:
    value: Decimal | None
    complete: bool
    components: int


def combine(rule: Rule, members: Sequence[Member]) -> Result:
    """The row made of `members` (one per unit as stored for the period)."""
    n = len(members)
    if n == 0:
        return Result(None, False, 0)
    if n == 1:
        value = members[0].value
        return Result(value, value is not None, 1)
    if rule.aggregation == NONE:
        return Result(None, False, n)
    if rule.aggregation == SUM:
        values = [m.value for m in members]
        if any(v is None for v in values):
            return Result(None, False, n)
        return Result(sum(values, Decimal(0)), True, n)
    if rule.aggregation == WEIGHTED_MEAN:
        if any(m.value is None or m.weight is None for m in members):
            return Result(None, False, n)
        total = sum((m.weight for m in members), Decimal(0))
        if total == 0:
            return Result(None, True, n)
        with localcontext() as ctx:
            ctx.prec = PRECISION
            return Result(sum((m.value * m.weight for m in members), Decimal(0)) / total, True, n)
    # RATIO
    if any(m.numerator is None or m.denominator is None for m in members):
        return Result(None, False, n)
    denominator = sum((m.denominator for m in members), Decimal(0))
    if denominator == 0:
        return Result(None, True, n)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        numerator = sum((m.numerator for m in members), Decimal(0))
        return Result(numerator / denominator * rule.factor, True, n)
