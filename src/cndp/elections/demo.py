"""Demo elections of the seed congress (10/6/2015): the counting board, the 7-seat Executive Committee
with 9 candidates and 42 ballots entered by two clerks (one mismatch settled by the head), results and
minutes; then the delegation to the Ministry's congress."""

from __future__ import annotations

import datetime
import random

from cndp.accounts.models import User
from cndp.congress import services as congress_services
from cndp.congress.demo import OPENING
from cndp.congress.models import Congress, Delegate
from cndp.elections import services
from cndp.elections.choices import ElectionKind, ElectionStatus
from cndp.elections.models import Election


def _board(congress, officer):
    if congress.counting_board.exists():
        return list(congress.counting_board.select_related("user"))
    head_user = User.objects.get(username="kiemphieu")
    head = Delegate.objects.get(congress=congress, member__staff=head_user)
    others = list(
        Delegate.objects.filter(
            congress=congress, is_official=True, present=True, member__staff__isnull=False
        )
        .exclude(pk=head.pk)
        .exclude(member__staff__username__in=["danguy", "lanhdao", "chuyenvien"])
        .order_by("code")[:2]
    )
    services.board_member_add(congress=congress, delegate=head, account=head_user, is_head=True, user=officer)
    for d in others:
        services.board_member_add(
            congress=congress, delegate=d, account=d.member.staff, is_head=False, user=officer
        )
    return list(congress.counting_board.select_related("user"))


def _run_election(congress, officer, board, kind, seats, candidates, ballots_text, mismatch=None):
    election = Election.objects.filter(congress=congress, kind=kind, round_number=1).first()
    if election and election.status != ElectionStatus.PREPARING:
        return election
    election = election or Election.objects.create(congress=congress, kind=kind, seats=seats)
    for delegate in candidates:
        if not election.candidates.filter(delegate=delegate).exists():
            services.candidate_add(election=election, delegate=delegate, user=officer)
    voters = congress.delegates.filter(is_official=True, present=True).count()
    services.list_adopt(election=election, user=officer, votes_for=voters, votes_against=0, votes_abstain=0)
    head = next(m for m in board if m.is_head)
    clerk_a, clerk_b = [m.user for m in board if not m.is_head]
    services.counting_start(
        election=election, user=head.user, ballots_issued=len(ballots_text), clerk_a=clerk_a, clerk_b=clerk_b
    )
    for number, text in enumerate(ballots_text, start=1):
        services.ballot_enter(election=election, user=clerk_a, number=number, text=text)
        typed_b = mismatch[1] if mismatch and mismatch[0] == number else text
        services.ballot_enter(election=election, user=clerk_b, number=number, text=typed_b)
    services.clerk_finish(election=election, user=clerk_a)
    services.clerk_finish(election=election, user=clerk_b)
    if mismatch:
        services.ballot_settle(
            election=election,
            user=head.user,
            number=mismatch[0],
            text=ballots_text[mismatch[0] - 1],
            note="Đối chiếu phiếu giấy",
        )
    services.election_count(election=election, user=head.user)
    services.election_certify(election=election, user=head.user)
    # The demo replays a past congress: date the count and the announcement on its day.
    when = OPENING + datetime.timedelta(hours=2, minutes=10 * election.pk % 60)
    Election.objects.filter(pk=election.pk).update(
        counted_at=when, certified_at=when + datetime.timedelta(minutes=15)
    )
    election.refresh_from_db()
    return election


def _ballots(rng, n_ballots, n_candidates, weights, crossed_counts):
    """Plausible surplus ballots: each crosses `k` names, the less popular more often."""
    out = []
    for _ in range(n_ballots):
        k = rng.choice(crossed_counts)
        chosen: set[int] = set()
        while len(chosen) < k:
            chosen.add(rng.choices(range(1, n_candidates + 1), weights=weights)[0])
        out.append(" ".join(str(i) for i in sorted(chosen)))
    return out


def load(stdout) -> None:
    congress = Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3)
    officer = User.objects.get(username="danguy")
    board = _board(congress, officer)
    board_delegates = {m.delegate_id for m in board}
    pool = list(
        Delegate.objects.filter(congress=congress, is_official=True, present=True)
        .exclude(pk__in=board_delegates)
        .order_by("code")
    )
    rng = random.Random(2015)
    committee_candidates = pool[:9]
    # Ballot order is Vietnamese name order; weights make two names the least kept.
    committee = _run_election(
        congress,
        officer,
        board,
        ElectionKind.COMMITTEE,
        7,
        committee_candidates,
        _ballots(rng, 42, 9, [1, 1, 2, 1, 6, 1, 1, 7, 1], [2, 2, 2, 2, 3]),
        mismatch=(17, "1 2"),
    )
    delegates = _run_election(
        congress,
        officer,
        board,
        ElectionKind.DELEGATES,
        3,
        pool[9:13],
        _ballots(rng, 42, 4, [1, 3, 1, 5], [1, 1, 1, 2]),
    )
    if not congress.is_closed:  # bế mạc: from now on the congress is read-only
        congress_services.congress_close(congress=congress, user=officer)
    for election in (committee, delegates):
        stdout.write(
            f"{election}: {election.get_status_display()} — trúng cử {len(election.result['elected'])}/{election.seats}\n"
        )
