"""Demo elections of the seed congress (10/6/2015): the counting board, the 7-seat Executive Committee
with 9 candidates and 42 ballots entered by two clerks (one mismatch settled by the head), results and
minutes; then the delegation to the Ministry's congress. The congress then closes (read-only).

So that a visitor can run a double entry, a second congress (lần thứ V, 2025–2030) is left in session
with its delegation election counting: 12 ballots issued, nothing entered yet. The two clerks (người nhập
phiếu A and B) get the demo password and `cndp demo` prints their logins (`logins()`)."""

from __future__ import annotations

import datetime
import random

from cndp.accounts.models import User
from cndp.congress import services as congress_services
from cndp.congress.demo import OPENING
from cndp.congress.models import Congress, Delegate
from cndp.core.demo import DEMO_PASSWORD
from cndp.elections import services
from cndp.elections.choices import ElectionKind, ElectionStatus
from cndp.elections.models import Election, EntryLog


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


def _clerk_password(user) -> None:
    """A clerk's staff account was created without a password: give it the demo one (once)."""
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


LIVE_ORDINAL = 5


def _live_congress(officer, clerks) -> Election:
    """Đại hội lần thứ V in session, its delegation election counting with the same two clerks."""
    from cndp.accounts.models import Unit
    from cndp.congress.choices import CongressStatus

    committee = Unit.objects.get(code="dang-bo-cuc")
    congress, created = Congress.objects.get_or_create(
        organisation=committee,
        ordinal=LIVE_ORDINAL,
        defaults={
            "term_start": 2025,
            "term_end": 2030,
            "kind": "members",
            "opens_on": datetime.date(2025, 6, 10),
            "venue": "Hội trường Cục Công nghiệp địa phương, Hà Nội",
        },
    )
    election = Election.objects.filter(congress=congress, kind=ElectionKind.DELEGATES).first()
    if election is not None:
        return election
    if congress.status == CongressStatus.PREPARING:
        congress_services.summons_build(congress=congress, user=officer)
        congress.status = CongressStatus.IN_SESSION
        congress._history_user = officer
        congress.save(update_fields=["status"])
    for delegate in Delegate.objects.filter(congress=congress, present=False, exclusion=""):
        congress_services.delegate_check(delegate=delegate, user=officer)
    head_user = User.objects.get(username="kiemphieu")
    services.board_member_add(
        congress=congress,
        delegate=Delegate.objects.get(congress=congress, member__staff=head_user),
        account=head_user,
        is_head=True,
        user=officer,
    )
    for clerk in clerks:
        services.board_member_add(
            congress=congress,
            delegate=Delegate.objects.get(congress=congress, member__staff=clerk),
            account=clerk,
            is_head=False,
            user=officer,
        )
    board = {head_user.pk, *(c.pk for c in clerks)}
    pool = (
        Delegate.objects.filter(congress=congress, is_official=True, present=True)
        .exclude(member__staff_id__in=board)
        .order_by("code")[:4]
    )
    election = Election.objects.create(congress=congress, kind=ElectionKind.DELEGATES, seats=3)
    for delegate in pool:
        services.candidate_add(election=election, delegate=delegate, user=officer)
    voters = congress.delegates.filter(is_official=True, present=True).count()
    services.list_adopt(election=election, user=officer, votes_for=voters, votes_against=0, votes_abstain=0)
    services.counting_start(
        election=election, user=head_user, ballots_issued=12, clerk_a=clerks[0], clerk_b=clerks[1]
    )
    election.refresh_from_db()  # the services wrote through their own copy
    return election


def logins() -> list[tuple[str, str, str]]:
    """(username, part, full name) of the clerks of the election a visitor can count (printed by `cndp
    demo` beside the other demo logins, same password)."""
    election = (
        Election.objects.filter(
            congress__organisation__code="dang-bo-cuc",
            congress__ordinal=LIVE_ORDINAL,
            kind=ElectionKind.DELEGATES,
        )
        .select_related("clerk_a", "clerk_b")
        .first()
    )
    if election is None or election.clerk_a is None:
        return []
    return [
        (election.clerk_a.username, "nhập phiếu A", election.clerk_a.full_name),
        (election.clerk_b.username, "nhập phiếu B", election.clerk_b.full_name),
    ]


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
    # …and its entry log (the time of a record is not part of its hash): opened 40 minutes before the
    # count, one record every few seconds, so the minutes state a real start and end.
    records = list(EntryLog.objects.filter(election=election).order_by("seq").values_list("pk", flat=True))
    opened = when - datetime.timedelta(minutes=40)
    step = datetime.timedelta(minutes=40) / max(len(records), 1)
    for index, pk in enumerate(records):
        EntryLog.objects.filter(pk=pk).update(at=opened + step * index)
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
    clerks = [m.user for m in board if not m.is_head]
    for clerk in clerks:
        _clerk_password(clerk)
    live = _live_congress(officer, clerks)
    stdout.write(f"{live}: {live.get_status_display()} — {live.ballots_issued} phiếu chờ hai người nhập\n")
    for election in (committee, delegates):
        stdout.write(
            f"{election}: {election.get_status_display()} — trúng cử {len(election.result['elected'])}/{election.seats}\n"
        )
