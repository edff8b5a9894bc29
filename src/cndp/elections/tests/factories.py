"""Elections ready to count, for the election tests and the concurrency test."""

import datetime

from cndp.accounts.models import Unit
from cndp.congress import services as congress_services
from cndp.congress.models import Congress
from cndp.elections import selectors, services
from cndp.elections.models import Election


def election_with_board(*, officer, head_user, ordinal=8):
    """A congress with everyone checked in, a three-member board (`head_user` its head, two delegates with
    their own accounts the clerks) and an election for 3 seats from 4 candidates, its list not yet adopted."""
    congress = Congress.objects.create(
        organisation=Unit.objects.get(code="dang-bo-cuc"),
        ordinal=ordinal,
        term_start=2025,
        term_end=2030,
        opens_on=datetime.date(2015, 6, 10),
    )
    congress_services.summons_build(congress=congress, user=officer)
    for delegate in congress.delegates.all():
        congress_services.delegate_check(delegate=delegate, user=officer)
    official = list(congress.delegates.filter(is_official=True, member__staff__isnull=False).order_by("code"))
    head = congress.delegates.get(member__staff=head_user)
    clerks = [d for d in official if d.pk != head.pk][:2]
    services.board_member_add(congress=congress, delegate=head, account=head_user, is_head=True, user=officer)
    for delegate in clerks:
        services.board_member_add(
            congress=congress, delegate=delegate, account=delegate.member.staff, is_head=False, user=officer
        )
    election = Election.objects.create(congress=congress, kind="delegates", seats=3)
    pool = [d for d in official if d.pk not in {head.pk, *(c.pk for c in clerks)}][:4]
    for delegate in pool:
        services.candidate_add(election=election, delegate=delegate, user=officer)
    return {
        "congress": congress,
        "election": election,
        "officer": officer,
        "head": head_user,
        "a": clerks[0].member.staff,
        "b": clerks[1].member.staff,
        "pool": pool,
    }


def counting_election(*, officer, head_user):
    """election_with_board(), its list adopted by every voter and its counting started with as many ballots
    issued: (election, clerk A's account, clerk B's account)."""
    board = election_with_board(officer=officer, head_user=head_user)
    election = board["election"]
    voters = selectors.voters_available(election)
    services.list_adopt(election=election, user=officer, votes_for=voters, votes_against=0, votes_abstain=0)
    election = services.counting_start(
        election=election, user=head_user, ballots_issued=voters, clerk_a=board["a"], clerk_b=board["b"]
    )
    return election, board["a"], board["b"]
