"""Hash chain of the ballot-entry log (chuỗi băm sổ nhập phiếu) — plain Python, no Django.

Each record's hash is SHA-256 over the previous hash and the record's canonical JSON, so changing,
removing or reordering any past record breaks every hash after it. The records carry the entries
themselves (what a clerk typed for a ballot, what the head decided), so the log can be replayed into
the entries and settlements the database must hold.

A seal (niêm phong) stores the head of the log — its length and last hash, with the number and a
digest of the entries it freezes — when a clerk finishes, when the head settles a ballot, at the count
and at the certification. `audit` replays the log against the stored entries and checks every seal:
an edited, deleted (also the last N) or inserted record or entry is found. The head at the count is
printed in the minutes in a form read aloud (`readable`: 4 groups of 4 characters).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

GENESIS = "0" * 64

# Crockford's base 32: digits and capitals without I, L, O, U (nothing to misread or mishear).
READABLE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# Seal events, and which of them freeze entries (their count and digest are checked against the rows).
SEAL_EVENTS = ("finish", "settle", "count", "certify", "recount")
FREEZING_EVENTS = ("finish", "count", "certify")


def canonical(record) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link(prev_hash: str, record: dict) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(record)).encode("utf-8")).hexdigest()


def digest(value) -> str:
    """SHA-256 of a JSON value in canonical form (the digest of a set of entries in a seal)."""
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def readable(hex_digest: str, groups: int = 4, size: int = 4) -> str:
    """The first 80 bits of a hash as e.g. ``7K3F-9QX2-MM4T-0B8D``, for a secretary to read aloud."""
    if not hex_digest:
        return ""
    n = groups * size
    value = int(hex_digest, 16) >> (len(hex_digest) * 4 - 5 * n)
    chars = [READABLE_ALPHABET[(value >> (5 * (n - 1 - i))) & 31] for i in range(n)]
    return "-".join("".join(chars[i : i + size]) for i in range(0, n, size))


def verify(entries: list[tuple[str, dict, str]]) -> int | None:
    """entries: (prev_hash, record, hash) in sequence order. Returns None when the chain holds, else
    the index of the first broken record."""
    expected_prev = GENESIS
    for index, (prev_hash, record, digest_) in enumerate(entries):
        if prev_hash != expected_prev or link(prev_hash, record) != digest_:
            return index
        expected_prev = digest_
    return None


# ---- what the database holds, and what the log says it should hold -----------------------------

# (session, clerk, number) → payload; (session, number) → payload
Entries = Mapping[tuple[int, str, int], dict]
Settlements = Mapping[tuple[int, int], dict]


@dataclass(frozen=True)
class LogRow:
    seq: int
    prev_hash: str
    record: dict
    hash: str


@dataclass(frozen=True)
class Finding:
    """One difference between the log, the seals and the stored rows.

    kind: ``broken`` (the chain fails at `seq`: a record edited, deleted or inserted), ``truncated``
    (a seal counts `sealed` records, the log has `left`), ``seal`` (the record a seal names has another
    hash), ``out_of_turn`` (a record the services never write at that point, e.g. an entry after the
    clerk finished), ``entry_changed`` / ``entry_missing`` / ``entry_extra`` and ``settlement_changed``
    / ``settlement_missing`` / ``settlement_extra`` (a stored row differs from the log's replay),
    ``sealed_entries`` (entries frozen by a seal are no longer what was sealed).
    """

    kind: str
    seq: int | None = None
    session: int | None = None
    clerk: str | None = None
    number: int | None = None
    event: str | None = None
    sealed: int | None = None
    left: int | None = None


def clerk_scope(entries: Entries, session: int, clerk: str) -> dict:
    """One clerk's entries of one counting session, keyed by ballot number (as text)."""
    return {str(n): p for (s, c, n), p in entries.items() if s == session and c == clerk}


def session_scope(entries: Entries, settlements: Settlements, session: int) -> dict:
    """Everything a count reads: both clerks' entries and the head's settlements of one session."""
    return {
        "A": clerk_scope(entries, session, "A"),
        "B": clerk_scope(entries, session, "B"),
        "settled": {str(n): p for (s, n), p in settlements.items() if s == session},
    }


def scope_size(scope: dict) -> int:
    if "settled" in scope:
        return sum(len(part) for part in scope.values())
    return len(scope)


def seal(
    *,
    event: str,
    session: int,
    seq: int,
    head: str,
    entries: Entries,
    settlements: Settlements,
    clerk: str | None = None,
) -> dict:
    """The seal of the log's head (stored on the election): length, last hash, and for the events that
    freeze entries, their number and digest."""
    out = {"event": event, "session": session, "seq": seq, "hash": head}
    if clerk:
        out["clerk"] = clerk
    if event in FREEZING_EVENTS:
        scope = (
            clerk_scope(entries, session, clerk)
            if event == "finish"
            else session_scope(entries, settlements, session)
        )
        out["entries"], out["digest"] = scope_size(scope), digest(scope)
    elif event == "settle":
        out["entries"] = sum(1 for (s, _n) in settlements if s == session)
    return out


def replay(records: Iterable[tuple[int, dict]]) -> tuple[dict, dict, list[Finding]]:
    """Rebuild the entries and settlements from the log's records (seq, record), with the records
    written out of turn (an entry after its clerk finished, a settlement after the count, …)."""
    entries: dict[tuple[int, str, int], dict] = {}
    settlements: dict[tuple[int, int], dict] = {}
    finished: set[tuple[int, str]] = set()
    counted: set[int] = set()
    odd: list[Finding] = []
    for seq, record in records:
        action, session = record.get("action"), record.get("session")
        clerk, number = record.get("clerk"), record.get("number")
        if action in ("enter", "remove"):
            if (session, clerk) in finished or session in counted:
                odd.append(Finding("out_of_turn", seq=seq, session=session, clerk=clerk, number=number))
            if action == "enter":
                entries[(session, clerk, number)] = record.get("payload")
            else:
                entries.pop((session, clerk, number), None)
        elif action == "finish":
            finished.add((session, clerk))
        elif action == "settle":
            if not {(session, "A"), (session, "B")} <= finished or session in counted:
                odd.append(Finding("out_of_turn", seq=seq, session=session, number=number))
            settlements[(session, number)] = record.get("payload")
        elif action == "count":
            if not {(session, "A"), (session, "B")} <= finished or session in counted:
                odd.append(Finding("out_of_turn", seq=seq, session=session))
            counted.add(session)
        elif action in ("certify", "recount") and session not in counted:
            odd.append(Finding("out_of_turn", seq=seq, session=session))
    return entries, settlements, odd


def _compare(expected: Mapping, stored: Mapping, kind: str) -> list[Finding]:
    found = []
    for key in sorted(set(expected) | set(stored), key=lambda k: tuple(str(x) for x in k)):
        if key not in stored:
            what = "missing"
        elif key not in expected:
            what = "extra"
        elif stored[key] != expected[key]:
            what = "changed"
        else:
            continue
        if kind == "entry":
            session, clerk, number = key
        else:
            (session, number), clerk = key, None
        found.append(Finding(f"{kind}_{what}", session=session, clerk=clerk, number=number))
    return found


def audit(
    log: Sequence[LogRow], entries: Entries, settlements: Settlements, seals: Sequence[dict]
) -> list[Finding]:
    """Every difference between the log, the seals and the stored entries (empty: all hold).

    The chain is checked first (a broken chain makes a replay meaningless), then every seal against
    the log (a shortened log is found here), then the stored rows against the replay and the seals.
    """
    rows = list(log)
    for index, row in enumerate(rows):
        if row.seq != index + 1:
            return [Finding("broken", seq=index + 1)]
    broken = verify([(r.prev_hash, r.record, r.hash) for r in rows])
    if broken is not None:
        return [Finding("broken", seq=broken + 1)]
    found: list[Finding] = []
    for s in reversed(seals):  # the latest seal first: it tells how much of the log is gone
        seq = s.get("seq", 0)
        if seq > len(rows):
            found.append(Finding("truncated", event=s.get("event"), sealed=seq, left=len(rows)))
        elif seq < 1 or rows[seq - 1].hash != s.get("hash"):
            found.append(Finding("seal", seq=seq, event=s.get("event")))
    if found:
        return found
    expected_entries, expected_settlements, found = replay((r.seq, r.record) for r in rows)
    found += _compare(expected_entries, entries, "entry")
    found += _compare(expected_settlements, settlements, "settlement")
    for s in seals:
        if "digest" not in s:
            continue
        session, clerk = s.get("session"), s.get("clerk")
        scope = (
            clerk_scope(entries, session, clerk)
            if s.get("event") == "finish"
            else session_scope(entries, settlements, session)
        )
        if digest(scope) != s["digest"]:
            found.append(
                Finding(
                    "sealed_entries",
                    session=session,
                    clerk=clerk,
                    event=s.get("event"),
                    sealed=s.get("entries"),
                    left=scope_size(scope),
                )
            )
    return found
