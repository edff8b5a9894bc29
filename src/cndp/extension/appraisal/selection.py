"""Appraisal scores and the selection within the fund (chấm điểm thẩm định, lựa chọn trong nguồn kinh phí)
— plain Python, no Django.

A rubric is a list of criteria with weights and a scale (e.g. 0–10). A reviewer's score is the weighted
mean of the criteria, brought to 100; a project's score is the mean of its reviewers' scores. Projects
are ranked by score; the proposal takes them greedily by rank while the fund lasts (a project that does
not fit is passed over and the next one tried), and an officer confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    key: object
    weight: Decimal
    name: str = ""


def score_problem(
    scores: Mapping[object, Decimal | int], criteria: Sequence[Criterion], scale: int
) -> str | None:
    """None if every criterion has a score within 0..scale; otherwise the reason."""
    for c in criteria:
        if c.key not in scores or scores[c.key] is None:
            return f"Chưa chấm tiêu chí «{c.name or c.key}»."
        value = Decimal(scores[c.key])
        if value < 0 or value > scale:
            return f"Điểm tiêu chí «{c.name or c.key}» phải từ 0 đến {scale}."
    return None


def weighted_score(
    scores: Mapping[object, Decimal | int], criteria: Sequence[Criterion], scale: int
) -> Decimal:
    """A reviewer's score out of 100: Σ weight × score / scale ÷ Σ weight × 100, two decimals."""
    total_weight = sum((Decimal(c.weight) for c in criteria), Decimal(0))
    if not total_weight or not scale:
        return Decimal(0)
    raw = sum((Decimal(c.weight) * Decimal(scores.get(c.key, 0)) for c in criteria), Decimal(0))
    return (raw * 100 / (total_weight * scale)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def average(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Candidate:
    key: object
    score: Decimal
    amount: int  # the extension funds requested
    code: str = ""


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first: higher score, then the smaller request (more projects for the fund), then the code."""
    return sorted(candidates, key=lambda c: (-c.score, c.amount, c.code, str(c.key)))


def ranks(candidates: Iterable[Candidate]) -> dict[object, int]:
    """Competition ranking (1, 2, 2, 4) by score."""
    out: dict[object, int] = {}
    previous, position = None, 0
    for i, c in enumerate(ranked(candidates), start=1):
        if c.score != previous:
            position, previous = i, c.score
        out[c.key] = position
    return out


@dataclass
class Proposal:
    fund: int
    chosen: list[Candidate] = field(default_factory=list)
    passed_over: list[Candidate] = field(default_factory=list)  # did not fit in what was left
    below_pass: list[Candidate] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.chosen)

    @property
    def left(self) -> int:
        return self.fund - self.total


def propose(candidates: Iterable[Candidate], fund: int, pass_score: Decimal = Decimal(0)) -> Proposal:
    """Greedy by rank within `fund`; candidates under `pass_score` are never chosen."""
    proposal = Proposal(fund=fund)
    left = fund
    for c in ranked(candidates):
        if c.score < pass_score:
            proposal.below_pass.append(c)
        elif c.amount <= left:
            proposal.chosen.append(c)
            left -= c.amount
        else:
            proposal.passed_over.append(c)
    return proposal
