"""Counting one secret-ballot election (kiểm phiếu bầu cử trong Đảng) — the engine behind `cndp tally`.

Contract: `shared/specs/election-tally.md`; rules: `shared/domain/party-elections.md`.

Pure Python, deterministic, no Django and no I/O: the web module and the `cndp tally` command call the
same three functions.

    request = parse_request(data)      # a JSON-like dict → TallyRequest, or TallyError naming the field
    result = count(request)            # → TallyResult
    result_to_dict(result)             # → the result JSON of the contract

Every decision uses integers: the base (số đảng viên / đại biểu chính thức được triệu tập trừ số được trừ)
is `summoned − Σ excluded`, a candidate is over the threshold (trúng cử nếu đạt quá một nửa) iff
`votes × 2 > base`, i.e. `votes ≥ base // 2 + 1`. Percentages are for display only, rounded half up to
two decimals with integer arithmetic.

Ballots (phiếu bầu) carry no voter identity. A list with surplus (có số dư) is voted by crossing out
names (gạch tên); a list without surplus by agree / disagree boxes (đồng ý / không đồng ý).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import chain

__all__ = [
    "DEFAULT_RULES",
    "RULE_SETS",
    "BallotCounts",
    "Base",
    "Candidate",
    "CandidateResult",
    "CrossedBallot",
    "FrozenInstanceError",
    "InvalidBallot",
    "JsonObject",
    "MarkedBallot",
    "Record",
    "RuleSet",
    "TallyError",
    "TallyRequest",
    "TallyResult",
    "Tie",
    "count",
    "json_object",
    "parse_request",
    "percent",
    "result_to_dict",
    "tally",
]


# ---------------------------------------------------------------------------------------------------------
# Immutable value types
# ---------------------------------------------------------------------------------------------------------


class FrozenInstanceError(AttributeError):
    """Raised on assigning to (or deleting) a field of an engine value: they are immutable."""


_set = object.__setattr__


class Record:
    """Base of the engine's value types: frozen, slotted, compared and hashed by their fields.

    They behave like frozen, slotted dataclasses — `fields`, keyword construction, `==`, `hash`, `repr`,
    `replace()`, pattern matching, pickling — but are written out by hand, because importing `dataclasses`
    (which imports `inspect`) and generating a dozen classes costs about 25 ms at start-up: more than half
    of what a whole bare Python process takes to count a national-size election, and `cndp tally` must stay
    within twice that (see `benchmarks/tally.py`).

    A subclass lists its fields, in order, in `__slots__` and sets them in `__init__` with `_set`.
    """

    __slots__ = ()
    fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.fields = tuple(cls.__slots__)
        cls.__match_args__ = cls.fields

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r} of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r} of {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple:
        return (self.__class__, self._values())

    def replace(self, **changes: object) -> Record:
        """A copy with some fields changed (like `dataclasses.replace`)."""
        values = {name: getattr(self, name) for name in self.fields}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return self.__class__(**values)


# ---------------------------------------------------------------------------------------------------------
# Rule sets (a congress is always counted under the regulation of its date)
# ---------------------------------------------------------------------------------------------------------


class RuleSet(Record):
    """The settings of one election regulation (quy chế bầu cử).

    Points the sources leave UNCONFIRMED (e.g. `added_name` as an invalid reason) are settings here, not
    code: both regulations count the same way today.

    - `exclusions`: the categories excluded from the base, per congress type (reference §1.2);
    - `board_invalid_reasons`: what the counting board (ban kiểm phiếu) records from what it sees on paper;
    - `surplus_limited_kinds`, `max_surplus` (num, den): lists of these kinds may have a surplus of at most
      num/den of the seats (190-QĐ/TW Art. 14: 30 %).
    """

    __slots__ = (
        "name",
        "regulation",
        "exclusions",
        "board_invalid_reasons",
        "surplus_limited_kinds",
        "max_surplus",
    )
    name: str
    regulation: str
    exclusions: tuple[tuple[str, tuple[str, ...]], ...]
    board_invalid_reasons: tuple[str, ...]
    surplus_limited_kinds: tuple[str, ...]
    max_surplus: tuple[int, int]

    def __init__(
        self,
        name: str,
        regulation: str,
        exclusions: tuple[tuple[str, tuple[str, ...]], ...],
        board_invalid_reasons: tuple[str, ...],
        surplus_limited_kinds: tuple[str, ...],
        max_surplus: tuple[int, int],
    ) -> None:
        _set(self, "name", name)
        _set(self, "regulation", regulation)
        _set(self, "exclusions", exclusions)
        _set(self, "board_invalid_reasons", board_invalid_reasons)
        _set(self, "surplus_limited_kinds", surplus_limited_kinds)
        _set(self, "max_surplus", max_surplus)

    def exclusion_categories(self, congress: str) -> tuple[str, ...]:
        return dict(self.exclusions)[congress]


_EXCLUSIONS = (
    # đại hội đảng viên: sinh hoạt tạm thời nơi khác; miễn công tác và sinh hoạt đảng vắng mặt;
    # bị đình chỉ sinh hoạt, khởi tố, truy tố, tạm giam; vắng mặt suốt đại hội có lý do được đồng ý
    ("members", ("temporary_activity", "exempted_absent", "suspended_or_prosecuted", "approved_absence")),
    # đại hội đại biểu: ủy viên cấp ủy triệu tập vắng mặt suốt đại hội; đại biểu chính thức vắng mặt
    # suốt đại hội không có đại biểu dự khuyết thay thế
    ("delegates", ("convening_committee_absent", "absent_without_alternate")),
)


def surplus_exceeds(rule_set: RuleSet, kind: str, seats: int, candidates: int) -> bool:
    """Is the list's surplus (số dư) over the limit of its kind? A committee or standing committee may
    have a surplus of at most `max_surplus` of the seats (30 %), except that a surplus of one is always
    allowed: the rules require more candidates than seats for these lists, and 30 % of a 3-seat committee
    would allow none (counting contract, amended: 4 candidates for 3 seats are valid)."""
    surplus = candidates - seats
    num, den = rule_set.max_surplus
    return kind in rule_set.surplus_limited_kinds and surplus > 1 and den * surplus > num * seats


RULE_SETS: dict[str, RuleSet] = {
    "244-QD/TW-2014": RuleSet(
        name="244-QD/TW-2014",
        regulation="Quyết định 244-QĐ/TW, 09/6/2014",
        exclusions=_EXCLUSIONS,
        board_invalid_reasons=("not_issued", "added_name"),
        surplus_limited_kinds=("committee", "standing_committee"),
        max_surplus=(3, 10),
    ),
    "190-QD/TW-2024": RuleSet(
        name="190-QD/TW-2024",
        regulation="Quyết định 190-QĐ/TW, 10/10/2024",
        exclusions=_EXCLUSIONS,
        board_invalid_reasons=("not_issued", "added_name"),
        surplus_limited_kinds=("committee", "standing_committee"),
        max_surplus=(3, 10),
    ),
}
DEFAULT_RULES = "190-QD/TW-2024"

CONGRESSES = ("members", "delegates")
KINDS = (
    "committee",
    "standing_committee",
    "secretary",
    "deputy_secretary",
    "inspection_committee",
    "delegates",
    "alternates",
)
MARKS = ("agree", "disagree", "both", "none")
#: invalid reasons the engine finds itself
ENGINE_INVALID_REASONS = ("too_many", "none_kept")
#: the order of `invalid_by_reason` (the order of 244 Art. 17 cl. 2, then the written-in name)
INVALID_REASON_ORDER = ("not_issued", "too_many", "none_kept", "added_name")

STATUSES = ("elected", "tied", "not_elected", "below_threshold")
OUTCOMES = ("complete", "tie", "shortfall")

# ---------------------------------------------------------------------------------------------------------
# Errors and JSON helpers
# ---------------------------------------------------------------------------------------------------------


class TallyError(ValueError):
    """A request that is malformed or breaks a rule that makes the count impossible.

    `str(error)` is one line: `<field path>: <message>`, e.g. `ballots[17].crossed: unknown candidate "c9"`.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class JsonObject(dict):
    """A JSON object in which a key appeared more than once (the last value kept, as `json` does).

    `json_object` returns one only in that case, so that `parse_request` can name the field instead of
    silently counting the last of two values.
    """

    __slots__ = ("duplicate_keys",)


def json_object(pairs: list[tuple[str, object]]) -> dict:
    """`object_pairs_hook` for `json.loads`: a plain dict, or a `JsonObject` when a key is repeated."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen and key not in repeated:
                repeated.append(key)
            seen.add(key)
        obj = JsonObject(pairs)
        obj.duplicate_keys = tuple(repeated)
    return obj


def _q(value: object) -> str:
    """A value quoted for a one-line message (JSON style: "c9", 3, true, null; newlines escaped)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _got(value: object) -> str:
    """What a wrong value is, for a message: `null`, `a boolean true`, `a string "7"`, `a list`…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean {_q(value)}"
    if isinstance(value, int):
        return f"an integer {value}"
    if isinstance(value, float):
        return f"a number {_q(value)}"
    if isinstance(value, str):
        return f"a string {_q(value)}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{_q(key)}]"


def _one_of(values: tuple[str, ...]) -> str:
    quoted = [_q(v) for v in values]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _object(value: object, path: str, allowed: tuple[str, ...] | None = None) -> dict:
    """`value` as a dict; unknown keys (when `allowed` is given) and repeated keys are errors."""
    if type(value) is not dict:
        if isinstance(value, JsonObject):
            raise TallyError(_key_path(path, value.duplicate_keys[0]), "the key appears more than once")
        if not isinstance(value, dict):
            raise TallyError(path, f"must be an object, got {_got(value)}")
    if allowed is not None:
        for key in value:
            if key not in allowed:
                if not isinstance(key, str):
                    raise TallyError(path, f"keys must be strings, got {_q(key)}")
                raise TallyError(_key_path(path, key), "unknown field")
    return value


def _get(obj: dict, key: str, path: str) -> object:
    try:
        return obj[key]
    except KeyError:
        raise TallyError(_key_path(path, key), "missing") from None


def _int(value: object, path: str, minimum: int | None = None) -> int:
    # bool is an int subclass in Python, but `true` is not a count
    if type(value) is not int:
        raise TallyError(path, f"must be an integer, got {_got(value)}")
    if minimum is not None and value < minimum:
        raise TallyError(path, f"must be at least {minimum}, got {value}")
    return value


def _str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise TallyError(path, f"must be a string, got {_got(value)}")
    return value


def _choice(value: object, path: str, choices: tuple[str, ...], what: str) -> str:
    _str(value, path)
    if value not in choices:
        raise TallyError(path, f"unknown {what} {_q(value)} (expected {_one_of(choices)})")
    return value


def _list(value: object, path: str) -> list:
    if not isinstance(value, list | tuple):
        raise TallyError(path, f"must be a list, got {_got(value)}")
    return value


# ---------------------------------------------------------------------------------------------------------
# Request
# ---------------------------------------------------------------------------------------------------------


class Candidate(Record):
    """A name on the ballot (ứng cử viên), in ballot order."""

    __slots__ = ("id", "name")
    id: str
    name: str

    def __init__(self, id: str, name: str) -> None:
        _set(self, "id", id)
        _set(self, "name", name)


class Base(Record):
    """The threshold base: official members (delegates) summoned minus the excluded, by category."""

    __slots__ = ("summoned", "excluded")
    summoned: int
    excluded: tuple[tuple[str, int], ...]

    def __init__(self, summoned: int, excluded: tuple[tuple[str, int], ...] = ()) -> None:
        _set(self, "summoned", summoned)
        _set(self, "excluded", excluded)

    @property
    def value(self) -> int:
        """`summoned − Σ excluded`: the denominator of "more than half" (quá một nửa)."""
        return self.summoned - sum(n for _, n in self.excluded)


class CrossedBallot(Record):
    """A ballot of a list with surplus: the ids of the names crossed out (gạch tên)."""

    __slots__ = ("crossed",)
    crossed: frozenset[str]

    def __init__(self, crossed: frozenset[str]) -> None:
        _set(self, "crossed", crossed)


class MarkedBallot(Record):
    """A ballot of a list without surplus: a mark per candidate; a candidate not listed is `none`."""

    __slots__ = ("marks",)
    marks: tuple[tuple[str, str], ...]

    def __init__(self, marks: tuple[tuple[str, str], ...]) -> None:
        _set(self, "marks", marks)

    @property
    def agreed(self) -> tuple[str, ...]:
        """The ids ticked "agree" (đồng ý) only; "both" and "none" give no vote."""
        return tuple(cid for cid, mark in self.marks if mark == "agree")


class InvalidBallot(Record):
    """A ballot the counting board ruled invalid from what it saw on paper (`not_issued`, `added_name`)."""

    __slots__ = ("reason",)
    reason: str

    def __init__(self, reason: str) -> None:
        _set(self, "reason", reason)


Ballot = CrossedBallot | MarkedBallot | InvalidBallot


class TallyRequest(Record):
    """One election to count. Build it with `parse_request`, which checks every rule of the contract."""

    __slots__ = (
        "election",
        "rules",
        "congress",
        "kind",
        "seats",
        "base",
        "candidates",
        "ballots_issued",
        "ballots",
    )
    election: str
    rules: str
    congress: str
    kind: str
    seats: int
    base: Base
    candidates: tuple[Candidate, ...]
    ballots_issued: int
    ballots: tuple[Ballot, ...]

    def __init__(
        self,
        election: str,
        rules: str,
        congress: str,
        kind: str,
        seats: int,
        base: Base,
        candidates: tuple[Candidate, ...],
        ballots_issued: int,
        ballots: tuple[Ballot, ...],
    ) -> None:
        _set(self, "election", election)
        _set(self, "rules", rules)
        _set(self, "congress", congress)
        _set(self, "kind", kind)
        _set(self, "seats", seats)
        _set(self, "base", base)
        _set(self, "candidates", candidates)
        _set(self, "ballots_issued", ballots_issued)
        _set(self, "ballots", ballots)

    @property
    def has_surplus(self) -> bool:
        """A list with surplus (có số dư: more candidates than seats) is voted by crossing names out."""
        return len(self.candidates) > self.seats


def parse_request(data: object) -> TallyRequest:
    """Check a request (a dict as decoded from JSON) against the contract and build a `TallyRequest`.

    Raises `TallyError(field_path, message)` for the first problem, in the order of the request's fields.
    """
    if not isinstance(data, dict):
        raise TallyError("request", f"must be a JSON object, got {_got(data)}")
    if isinstance(data, JsonObject):
        raise TallyError(_key_path("", data.duplicate_keys[0]), "the key appears more than once")
    root = data
    for key in root:
        if key not in TallyRequest.fields:
            if not isinstance(key, str):
                raise TallyError("request", f"keys must be strings, got {_q(key)}")
            raise TallyError(_key_path("", key), "unknown field")

    rules = _choice(root.get("rules", DEFAULT_RULES), "rules", tuple(RULE_SETS), "rule set")
    rule_set = RULE_SETS[rules]
    election = _str(_get(root, "election", ""), "election")
    congress = _choice(_get(root, "congress", ""), "congress", CONGRESSES, "congress type")
    kind = _choice(_get(root, "kind", ""), "kind", KINDS, "kind of election")
    seats = _int(_get(root, "seats", ""), "seats", minimum=1)
    base = _parse_base(_get(root, "base", ""), rule_set.exclusion_categories(congress), congress)
    candidates = _parse_candidates(_get(root, "candidates", ""))

    if seats > len(candidates):
        raise TallyError("seats", f"{seats} seats but only {len(candidates)} candidates")
    surplus = len(candidates) - seats
    num, den = rule_set.max_surplus
    if surplus_exceeds(rule_set, kind, seats, len(candidates)):
        raise TallyError(
            "candidates",
            f"{len(candidates)} candidates for {seats} seats is a surplus of {surplus}, over "
            f"{num * 100 // den} % of the seats for a {kind.replace('_', ' ')} "
            f"(at most {num * seats // den})",
        )

    ballots_issued = _int(_get(root, "ballots_issued", ""), "ballots_issued", minimum=0)
    if ballots_issued > base.summoned:
        raise TallyError(
            "ballots_issued", f"{ballots_issued} ballots issued but only {base.summoned} summoned"
        )
    raw_ballots = _list(_get(root, "ballots", ""), "ballots")
    if len(raw_ballots) > ballots_issued:
        raise TallyError(
            "ballots",
            f"{len(raw_ballots)} ballots collected but only {ballots_issued} issued; the count stops",
        )
    ballots = _parse_ballots(raw_ballots, candidates, surplus > 0, rule_set)

    return TallyRequest(
        election=election,
        rules=rules,
        congress=congress,
        kind=kind,
        seats=seats,
        base=base,
        candidates=candidates,
        ballots_issued=ballots_issued,
        ballots=ballots,
    )


def _parse_base(value: object, categories: tuple[str, ...], congress: str) -> Base:
    obj = _object(value, "base", ("summoned", "excluded"))
    summoned = _int(_get(obj, "summoned", "base"), "base.summoned", minimum=0)
    raw = _object(_get(obj, "excluded", "base"), "base.excluded")
    excluded = []
    for key, count_ in raw.items():
        if key not in categories:
            raise TallyError(
                _key_path("base.excluded", key) if isinstance(key, str) else "base.excluded",
                f"unknown exclusion category {_q(key)} for a {congress}' congress "
                f"(expected {_one_of(categories)})",
            )
        excluded.append((key, _int(count_, _key_path("base.excluded", key), minimum=0)))
    base = Base(summoned=summoned, excluded=tuple(excluded))
    if base.value <= 0:
        raise TallyError(
            "base",
            f"must be more than 0 (summoned {summoned} − excluded {summoned - base.value} = {base.value})",
        )
    return base


def _parse_candidates(value: object) -> tuple[Candidate, ...]:
    raw = _list(value, "candidates")
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(raw):
        path = f"candidates[{i}]"
        obj = _object(item, path, ("id", "name"))
        cid = _str(_get(obj, "id", path), f"{path}.id")
        if not cid:
            raise TallyError(f"{path}.id", "must not be empty")
        if cid in seen:
            raise TallyError(f"{path}.id", f"duplicate candidate id {_q(cid)} (also candidates[{seen[cid]}])")
        seen[cid] = i
        name = _str(_get(obj, "name", path), f"{path}.name")
        if not name.strip():
            raise TallyError(f"{path}.name", "must not be empty")
        out.append(Candidate(id=cid, name=name))
    return tuple(out)


def _parse_ballots(
    raw: list, candidates: tuple[Candidate, ...], surplus: bool, rule_set: RuleSet
) -> tuple[Ballot, ...]:
    ids = frozenset(c.id for c in candidates)
    form, other = ("crossed", "marks") if surplus else ("marks", "crossed")
    list_kind = "a list with surplus" if surplus else "a list without surplus"
    reasons = rule_set.board_invalid_reasons
    out: list[Ballot] = []
    append = out.append
    for i, ballot in enumerate(raw):
        if type(ballot) is not dict or len(ballot) != 1:
            ballot = _object(ballot, f"ballots[{i}]", (form, "invalid", other))
            if other in ballot:
                raise TallyError(f"ballots[{i}]", f'{list_kind} uses "{form}", not "{other}"')
            raise TallyError(
                f"ballots[{i}]", f'must have exactly one of "{form}" or "invalid", got {len(ballot)} fields'
            )
        ((key, value),) = ballot.items()
        if key == form:
            if surplus:
                # Fast path: hashable, no repeated id, every id known (the ids are hashed once, here).
                try:
                    crossed = frozenset(value) if type(value) is list else None
                except TypeError:
                    crossed = None
                if crossed is None or len(crossed) != len(value) or not crossed <= ids:
                    crossed = _crossed(value, ids, f"ballots[{i}].crossed")
                append(CrossedBallot(crossed))
            else:
                append(MarkedBallot(_marks(value, ids, f"ballots[{i}].marks")))
        elif key == "invalid":
            if type(value) is not str or value not in reasons:
                _str(value, f"ballots[{i}].invalid")
                hint = " (the engine finds it itself)" if value in ENGINE_INVALID_REASONS else ""
                raise TallyError(
                    f"ballots[{i}].invalid",
                    f"unknown reason {_q(value)}{hint}; the counting board records {_one_of(reasons)}",
                )
            append(InvalidBallot(value))
        elif key == other:
            raise TallyError(f"ballots[{i}]", f'{list_kind} uses "{form}", not "{other}"')
        else:
            _object(ballot, f"ballots[{i}]", (form, "invalid", other))
    return tuple(out)


def _crossed(value: object, ids: frozenset[str], path: str) -> frozenset[str]:
    """The crossed-out ids of one ballot; the slow path, which names the first problem."""
    _list(value, path)
    seen = set()
    for j, cid in enumerate(value):
        if not isinstance(cid, str):
            raise TallyError(f"{path}[{j}]", f"must be a candidate id (a string), got {_got(cid)}")
        if cid not in ids:
            raise TallyError(path, f"unknown candidate {_q(cid)}")
        if cid in seen:
            raise TallyError(path, f"candidate {_q(cid)} crossed out twice")
        seen.add(cid)
    return frozenset(value)  # a tuple given by a Python caller


def _marks(value: object, ids: frozenset[str], path: str) -> tuple[tuple[str, str], ...]:
    obj = _object(value, path)
    for cid, mark in obj.items():
        if not isinstance(cid, str) or cid not in ids:
            raise TallyError(path, f"unknown candidate {_q(cid)}")
        if type(mark) is not str or mark not in MARKS:
            raise TallyError(_key_path(path, cid), f"unknown mark {_q(mark)} (expected {_one_of(MARKS)})")
    return tuple(obj.items())


# ---------------------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------------------


class BallotCounts(Record):
    """Ballots issued (phát ra), collected (thu vào), valid (hợp lệ) and invalid (không hợp lệ).

    `invalid_by_reason` lists only the reasons that occurred, in `INVALID_REASON_ORDER`.
    """

    __slots__ = ("issued", "collected", "valid", "invalid", "invalid_by_reason")
    issued: int
    collected: int
    valid: int
    invalid: int
    invalid_by_reason: tuple[tuple[str, int], ...]

    def __init__(
        self,
        issued: int,
        collected: int,
        valid: int,
        invalid: int,
        invalid_by_reason: tuple[tuple[str, int], ...],
    ) -> None:
        _set(self, "issued", issued)
        _set(self, "collected", collected)
        _set(self, "valid", valid)
        _set(self, "invalid", invalid)
        _set(self, "invalid_by_reason", invalid_by_reason)


class CandidateResult(Record):
    """A candidate's votes (số phiếu bầu), the display percentages (tỷ lệ %) and the status.

    The percentages are rounded half up to 2 decimals and are for display only: decisions use `votes`.
    """

    __slots__ = ("id", "name", "votes", "percent_of_base", "percent_of_valid", "status")
    id: str
    name: str
    votes: int
    percent_of_base: float
    percent_of_valid: float
    status: str

    def __init__(
        self,
        id: str,
        name: str,
        votes: int,
        percent_of_base: float,
        percent_of_valid: float,
        status: str,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "votes", votes)
        _set(self, "percent_of_base", percent_of_base)
        _set(self, "percent_of_valid", percent_of_valid)
        _set(self, "status", status)


class Tie(Record):
    """Equal votes for the last remaining seat(s): no seat is assigned, the congress decides.

    `candidates` are the tied ids in ballot order; `seats` the seats they compete for.
    """

    __slots__ = ("seats", "candidates")
    seats: int
    candidates: tuple[str, ...]

    def __init__(self, seats: int, candidates: tuple[str, ...]) -> None:
        _set(self, "seats", seats)
        _set(self, "candidates", candidates)


class TallyResult(Record):
    """The count of one election (the data of the biên bản kiểm phiếu).

    `candidates` are ranked by votes, highest first, then ballot order; `elected` lists ids in rank order
    (for alternates, that order is the order of substitution).
    """

    __slots__ = (
        "election",
        "rules",
        "kind",
        "seats",
        "base",
        "votes_needed",
        "ballots",
        "candidates",
        "elected",
        "tie",
        "unfilled_seats",
        "outcome",
    )
    election: str
    rules: str
    kind: str
    seats: int
    base: int
    votes_needed: int
    ballots: BallotCounts
    candidates: tuple[CandidateResult, ...]
    elected: tuple[str, ...]
    tie: Tie | None
    unfilled_seats: int
    outcome: str

    def __init__(
        self,
        election: str,
        rules: str,
        kind: str,
        seats: int,
        base: int,
        votes_needed: int,
        ballots: BallotCounts,
        candidates: tuple[CandidateResult, ...],
        elected: tuple[str, ...],
        tie: Tie | None,
        unfilled_seats: int,
        outcome: str,
    ) -> None:
        _set(self, "election", election)
        _set(self, "rules", rules)
        _set(self, "kind", kind)
        _set(self, "seats", seats)
        _set(self, "base", base)
        _set(self, "votes_needed", votes_needed)
        _set(self, "ballots", ballots)
        _set(self, "candidates", candidates)
        _set(self, "elected", elected)
        _set(self, "tie", tie)
        _set(self, "unfilled_seats", unfilled_seats)
        _set(self, "outcome", outcome)


def percent(part: int, whole: int) -> float:
    """`part / whole × 100` rounded half up to 2 decimals, computed on integers (0.0 when `whole` is 0)."""
    if whole <= 0:
        return 0.0
    hundredths, rest = divmod(part * 10000, whole)
    if 2 * rest >= whole:
        hundredths += 1
    # an integer number of hundredths: the float prints as exactly those two decimals
    return hundredths / 100


def count(request: TallyRequest) -> TallyResult:
    """Count the ballots of a parsed request (see `parse_request`) and decide who is elected."""
    candidates = request.candidates
    n_candidates = len(candidates)
    seats = request.seats
    base = request.base.value
    votes_needed = base // 2 + 1

    invalid = dict.fromkeys(INVALID_REASON_ORDER, 0)
    counted: list = []  # the crossed (or agreed) ids of each valid ballot
    keep = counted.append
    if request.has_surplus:
        for i, ballot in enumerate(request.ballots):
            if type(ballot) is CrossedBallot:
                kept = n_candidates - len(ballot.crossed)
                if kept > seats:
                    invalid["too_many"] += 1  # bầu quá số lượng
                elif kept == 0:
                    invalid["none_kept"] += 1  # gạch hết tên
                else:
                    keep(ballot.crossed)
            elif type(ballot) is InvalidBallot:
                invalid[ballot.reason] += 1
            else:
                raise TallyError(f"ballots[{i}]", 'a list with surplus uses "crossed", not "marks"')
        crossed = Counter(chain.from_iterable(counted))
        valid = len(counted)
        votes = [valid - crossed[c.id] for c in candidates]
    else:
        for i, ballot in enumerate(request.ballots):
            if type(ballot) is MarkedBallot:
                agreed = ballot.agreed
                if len(agreed) > seats:  # cannot happen with unique ids ⊆ candidates; kept for safety
                    invalid["too_many"] += 1
                else:
                    keep(agreed)  # "both" and "none" give that name no vote; the ballot stays valid
            elif type(ballot) is InvalidBallot:
                invalid[ballot.reason] += 1
            else:
                raise TallyError(f"ballots[{i}]", 'a list without surplus uses "marks", not "crossed"')
        agree = Counter(chain.from_iterable(counted))
        valid = len(counted)
        votes = [agree[c.id] for c in candidates]

    collected = len(request.ballots)
    ballots = BallotCounts(
        issued=request.ballots_issued,
        collected=collected,
        valid=valid,
        invalid=collected - valid,
        invalid_by_reason=tuple((reason, n) for reason, n in invalid.items() if n),
    )

    # Rank: votes, highest first, then ballot order.
    ranked = sorted(range(n_candidates), key=lambda i: (-votes[i], i))
    passed = [i for i in ranked if votes[i] * 2 > base]  # quá một nửa so với cơ sở
    status = dict.fromkeys(range(n_candidates), "below_threshold")
    tie = None
    unfilled = 0
    if len(passed) <= seats:
        elected = passed
        unfilled = seats - len(passed)
        outcome = "shortfall" if unfilled else "complete"
    else:
        last = votes[passed[seats - 1]]
        if votes[passed[seats]] == last:
            # Several with equal votes compete for the last seat(s): no automatic tie-break.
            elected = [i for i in passed if votes[i] > last]
            tied = sorted(i for i in passed if votes[i] == last)
            for i in tied:
                status[i] = "tied"
            tie = Tie(seats=seats - len(elected), candidates=tuple(candidates[i].id for i in tied))
            outcome = "tie"
        else:
            elected = passed[:seats]
            outcome = "complete"
        for i in passed:
            if votes[i] < last:
                status[i] = "not_elected"
    for i in elected:
        status[i] = "elected"

    return TallyResult(
        election=request.election,
        rules=request.rules,
        kind=request.kind,
        seats=seats,
        base=base,
        votes_needed=votes_needed,
        ballots=ballots,
        candidates=tuple(
            CandidateResult(
                id=candidates[i].id,
                name=candidates[i].name,
                votes=votes[i],
                percent_of_base=percent(votes[i], base),
                percent_of_valid=percent(votes[i], valid),
                status=status[i],
            )
            for i in ranked
        ),
        elected=tuple(candidates[i].id for i in elected),
        tie=tie,
        unfilled_seats=unfilled,
        outcome=outcome,
    )


def result_to_dict(result: TallyResult) -> dict:
    """The result JSON of the contract (key order as in the contract)."""
    b = result.ballots
    return {
        "election": result.election,
        "rules": result.rules,
        "kind": result.kind,
        "seats": result.seats,
        "base": result.base,
        "votes_needed": result.votes_needed,
        "ballots": {
            "issued": b.issued,
            "collected": b.collected,
            "valid": b.valid,
            "invalid": b.invalid,
            "invalid_by_reason": dict(b.invalid_by_reason),
        },
        "candidates": [
            {
                "id": c.id,
                "name": c.name,
                "votes": c.votes,
                "percent_of_base": c.percent_of_base,
                "percent_of_valid": c.percent_of_valid,
                "status": c.status,
            }
            for c in result.candidates
        ],
        "elected": list(result.elected),
        "tie": None
        if result.tie is None
        else {"seats": result.tie.seats, "candidates": list(result.tie.candidates)},
        "unfilled_seats": result.unfilled_seats,
        "outcome": result.outcome,
    }


def tally(data: object) -> dict:
    """Parse, count and serialise in one call: the request dict → the result dict."""
    return result_to_dict(count(parse_request(data)))
