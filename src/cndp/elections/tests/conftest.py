"""Fixtures of the election tests."""

import datetime

import pytest

from cndp.accounts.models import Unit
from cndp.congress import services as congress_services
from cndp.congress.models import Congress
from cndp.elections import services
from cndp.elections.models import Election


@pytest.fixture
def setup(demo):
    """A congress with everyone checked in, a three-member board, an election for 3 seats from 4."""
    officer = demo["party_officer"]
    congress = Congress.objects.create(
        organisation=Unit.objects.get(code="dang-bo-cuc"),
        ordinal=8,
        term_start=2025,
        term_end=2030,
        opens_on=datetime.date(2015, 6, 10),
    )
    congress_services.summons_build(congress=congress, user=officer)
    for d in congress.delegates.all():
        congress_services.delegate_check(delegate=d, user=officer)
    official = list(congress.delegates.filter(is_official=True, member__staff__isnull=False).order_by("code"))
    head_user = demo["counting_board"]
    head = congress.delegates.get(member__staff=head_user)
    clerks = [d for d in official if d.pk != head.pk][:2]
    services.board_member_add(congress=congress, delegate=head, account=head_user, is_head=True, user=officer)
    for d in clerks:
        services.board_member_add(
            congress=congress, delegate=d, account=d.member.staff, is_head=False, user=officer
        )
    election = Election.objects.create(congress=congress, kind="delegates", seats=3)
    pool = [d for d in official if d.pk not in {head.pk, *(c.pk for c in clerks)}][:4]
    for d in pool:
        services.candidate_add(election=election, delegate=d, user=officer)
    return {
        "congress": congress,
        "election": election,
        "officer": officer,
        "head": head_user,
        "a": clerks[0].member.staff,
        "b": clerks[1].member.staff,
        "pool": pool,
    }
