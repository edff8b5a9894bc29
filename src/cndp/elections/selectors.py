"""Reads for elections: who may vote, the list on the ballot, the clerks' entries compared, the
request for the counting engine (the same JSON `cndp tally` reads)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cndp.elections import chain
from cndp.elections.choices import ElectionKind
from cndp.elections.models import BallotEntry, Candidate, CountingBoardMember, Election, EntryLog, Settlement

AT_WORK = ("list_adopted", "counting", "counted")


def elections_at_work(user) -> list[Election]:
    """Elections between the adopted list and the certified result in which `user` counts: a member of
    the congress's counting board or one of its two clerks (the counting board's home page). One query
    for the elections' keys (every home page asks it, and most users count in none), one more for the
    elections themselves when there are some."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    boards = CountingBoardMember.objects.filter(user=user).values("congress_id")
    keys = list(
        Election.objects.filter(status__in=AT_WORK)
        .filter(Q(congress__in=boards) | Q(clerk_a=user) | Q(clerk_b=user))
        .exclude(congress__status="closed")
        .order_by("-congress__opens_on", "pk")
        .values_list("pk", flat=True)[:10]
    )
    if not keys:
        return []
    found = Election.objects.filter(pk__in=keys).select_related("congress__organisation").in_bulk()
    return [found[key] for key in keys]


def board_member(congress, user) -> CountingBoardMember | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return CountingBoardMember.objects.filter(congress=congress, user=user).first()


def present_official(congress) -> int:
    return congress.delegates.filter(is_official=True, present=True).count()


def voters_available(election: Election) -> int:
    """Who may receive a ballot: official members present (or, at the new committee's first session, its
    members in office)."""
    if election.base_override is not None:
        return election.base_override
    return present_official(election.congress)


def active_candidates(election: Election) -> QuerySet[Candidate]:
    return election.candidates.filter(withdrawn=False).order_by("ballot_order", "name_sort_key", "pk")


def comparison(election: Election) -> list[dict]:
    """Clerk A's and clerk B's entry of every ballot number, side by side, with the head's settlement."""
    entries = BallotEntry.objects.filter(election=election, session=election.session)
    by_clerk: dict[str, dict[int, dict]] = {"A": {}, "B": {}}
    for entry in entries:
        by_clerk[entry.clerk][entry.number] = entry.payload
    settled = {
        s.number: s.payload for s in Settlement.objects.filter(election=election, session=election.session)
    }
    numbers = sorted(set(by_clerk["A"]) | set(by_clerk["B"]))
    rows = []
    for number in numbers:
        a, b = by_clerk["A"].get(number), by_clerk["B"].get(number)
        rows.append(
            {
                "number": number,
                "a": a,
                "b": b,
                "agree": a is not None and a == b,
                "settled": settled.get(number),
            }
        )
    return rows


def final_ballots(election: Election) -> list[dict]:
    """The ballots to count: where both clerks agree, their entry; elsewhere the head's decision."""
    out = []
    for row in comparison(election):
        payload = row["a"] if row["agree"] else row["settled"]
        if payload is not None:
            out.append(payload)
    return out


def election_base(election: Election) -> dict:
    if election.base_override is not None:
        return {"summoned": election.base_override, "excluded": {}}
    delegates = election.congress.delegates.filter(is_official=True)
    excluded: dict[str, int] = {}
    for category in delegates.exclude(exclusion="").values_list("exclusion", flat=True):
        excluded[category] = excluded.get(category, 0) + 1
    return {"summoned": delegates.count(), "excluded": excluded}


def election_tally_request(election: Election, ballots: list[dict] | None = None) -> dict:
    """The counting engine's request — anonymous ballot records only (no voter, no clerk)."""
    congress = election.congress
    candidates = list(active_candidates(election))
    kind = election.kind
    return {
        "election": f"{election.get_kind_display()} {congress.organisation.name} {congress.term_label}"
        + (f" — lần {election.round_number}" if election.round_number > 1 else ""),
        "rules": congress.rules.code,
        "congress": congress.kind,
        "kind": kind if kind in ElectionKind.values else "committee",
        "seats": election.seats,
        "base": election_base(election),
        "candidates": [{"id": c.tally_id, "name": c.full_name} for c in candidates],
        "ballots_issued": election.ballots_issued or 0,
        "ballots": final_ballots(election) if ballots is None else ballots,
    }


def election_progress(election: Election) -> dict:
    """How many ballots each clerk has entered (counts only: contents stay private until both are done)."""
    entries = BallotEntry.objects.filter(election=election, session=election.session)
    return {
        "A": entries.filter(clerk="A").count(),
        "B": entries.filter(clerk="B").count(),
        "A_done": election.clerk_a_done,
        "B_done": election.clerk_b_done,
    }


def stored_entries(election: Election) -> tuple[dict, dict]:
    """Every stored entry and settlement of the election, all sessions, keyed as the log replays them."""
    entries = {
        (e.session, e.clerk, e.number): e.payload
        for e in BallotEntry.objects.filter(election=election).only("session", "clerk", "number", "payload")
    }
    settlements = {
        (s.session, s.number): s.payload
        for s in Settlement.objects.filter(election=election).only("session", "number", "payload")
    }
    return entries, settlements


def entry_log(election: Election) -> list[chain.LogRow]:
    return [
        chain.LogRow(seq=row.seq, prev_hash=row.prev_hash, record=row.record, hash=row.hash)
        for row in EntryLog.objects.filter(election=election).order_by("seq")
    ]


def chain_audit(election: Election) -> list[chain.Finding]:
    """Replay the entry log against the stored entries and every seal (empty list: everything holds)."""
    entries, settlements = stored_entries(election)
    return chain.audit(entry_log(election), entries, settlements, election.chain_seals or [])
