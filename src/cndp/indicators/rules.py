"""Checks of a province's values for a period (kiểm tra số liệu) — plain Python, no Django.

- range: a value outside its indicator's valid range is refused;
- required: an indicator the data set marks compulsory must have a value before submission;
- relation: e.g. part ≤ whole (traditional craft villages ≤ recognised craft villages), checked when
  both sides have a value;
- outlier: a change beyond the data set's share against the previous period or the same period last
  year (a 50 % share: below half or above one and a half times the earlier value) needs a comment
  before the data set can be submitted.
Messages are Vietnamese source strings marked with `gettext_noop`; the caller translates them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

RANGE, REQUIRED, RELATION, OUTLIER = "range", "required", "relation", "outlier"
LE, GE, EQ = "<=", ">=", "=="
OPERATORS = {LE: lambda a, b: a <= b, GE: lambda a, b: a >= b, EQ: lambda a, b: a == b}


def gettext_noop(message: str) -> str:
    return message


@dataclass(frozen=True)
class Relation:
    """A validation rule between two indicators of the same unit and period: left op right."""

    left: str
    operator: str
    right: str
    message: str = ""

    def __post_init__(self):
        if self.operator not in OPERATORS:
            raise ValueError(f"unknown operator {self.operator!r}")


@dataclass(frozen=True)
class Spec:
    """What is checked for one indicator of a data set."""

    code: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    required: bool = False


@dataclass(frozen=True)
class Entry:
    """One indicator's value for the period, with the comparison values and the comment."""

    value: Decimal | None
    comment: str = ""
    previous: Decimal | None = None  # kỳ trước
    last_year: Decimal | None = None  # cùng kỳ năm trước


@dataclass(frozen=True)
class Issue:
    code: str  # the indicator it is about (the relation's left side)
    kind: str  # RANGE, REQUIRED, RELATION, OUTLIER
    message: str  # a source string (Vietnamese) with %(…)s placeholders filled from `params`
    params: tuple[tuple[str, str], ...] = ()
    blocking: bool = True  # blocks saving (range) or submission (the others)


def plain(number: Decimal) -> str:
    """1000.000000 → "1000", 0.500 → "0.5" (a stored bound shown without its trailing zeros)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def in_range(value: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> bool:
    return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)


def range_issue(spec: Spec, value: Decimal | None) -> Issue | None:
    if value is None or in_range(value, spec.minimum, spec.maximum):
        return None
    low = "" if spec.minimum is None else plain(spec.minimum)
    high = "" if spec.maximum is None else plain(spec.maximum)
    if spec.maximum is None:
        message = gettext_noop("Giá trị phải không nhỏ hơn %(min)s.")
    elif spec.minimum is None:
        message = gettext_noop("Giá trị phải không lớn hơn %(max)s.")
    else:
        message = gettext_noop("Giá trị phải trong khoảng %(min)s – %(max)s.")
    return Issue(spec.code, RANGE, message, (("min", low), ("max", high)))


def change_share(value: Decimal, earlier: Decimal | None) -> Decimal | None:
    """|value − earlier| / |earlier|, or None when there is nothing to compare with (no earlier value, or
    zero: any change from zero is flagged as an infinite share)."""
    if earlier is None:
        return None
    if earlier == 0:
        return Decimal(0) if value == 0 else Decimal("Infinity")
    return abs(value - earlier) / abs(earlier)


def outlier_against(entry: Entry, share: Decimal) -> list[str]:
    """Which comparisons ('previous', 'last_year') the value departs from by more than `share`."""
    if entry.value is None:
        return []
    out = []
    for name, earlier in (("previous", entry.previous), ("last_year", entry.last_year)):
        change = change_share(entry.value, earlier)
        if change is not None and change > share:
            out.append(name)
    return out


def check(
    specs: Iterable[Spec],
    entries: Mapping[str, Entry],
    relations: Iterable[Relation] = (),
    outlier_share: Decimal | None = None,
) -> list[Issue]:
    """Every issue of a period's values, in the order of `specs`, then relations."""
    issues: list[Issue] = []
    for spec in specs:
        entry = entries.get(spec.code, Entry(None))
        if entry.value is None:
            if spec.required:
                issues.append(Issue(spec.code, REQUIRED, gettext_noop("Chỉ tiêu bắt buộc chưa có số liệu.")))
            continue
        problem = range_issue(spec, entry.value)
        if problem:
            issues.append(problem)
        if outlier_share is not None:
            against = outlier_against(entry, outlier_share)
            if against:
                if "previous" in against and "last_year" in against:
                    message = gettext_noop(
                        "Thay đổi quá %(share)s%% so với kỳ trước và cùng kỳ năm trước: cần giải thích."
                    )
                elif "previous" in against:
                    message = gettext_noop("Thay đổi quá %(share)s%% so với kỳ trước: cần giải thích.")
                else:
                    message = gettext_noop(
                        "Thay đổi quá %(share)s%% so với cùng kỳ năm trước: cần giải thích."
                    )
                share = plain(outlier_share * 100)
                issues.append(
                    Issue(
                        spec.code, OUTLIER, message, (("share", share),), blocking=not entry.comment.strip()
                    )
                )
    for relation in relations:
        left, right = entries.get(relation.left), entries.get(relation.right)
        if left is None or right is None or left.value is None or right.value is None:
            continue
        if not OPERATORS[relation.operator](left.value, right.value):
            message = relation.message or gettext_noop("%(left)s phải %(op)s %(right)s.")
            params = (("left", relation.left), ("op", relation.operator), ("right", relation.right))
            issues.append(Issue(relation.left, RELATION, message, params))
    return issues


def submission_blockers(issues: Iterable[Issue]) -> list[Issue]:
    """The issues that stop a submission (an outlier with a comment does not)."""
    return [i for i in issues if i.blocking]
