"""The demo Party Committee: every member has a history, the later events are there, and loading the demo
again adds nothing (members, events, audit records)."""

import datetime

import pytest

from cndp.core.demo import demo_load
from cndp.party.models import Member, MemberEvent
from cndp.party.selectors import member_counts

pytestmark = pytest.mark.django_db


def test_every_demo_member_has_a_history_that_matches_its_dates(demo):
    for member in Member.objects.prefetch_related("events"):
        events = list(member.events.all())
        assert events and events[0].kind == "admitted", member
        state = member.state_at(datetime.date(2030, 1, 1))
        assert (state.admitted_on, state.official_on) == (member.admitted_on, member.official_on)


def test_demo_later_events_and_reload_adds_nothing(demo):
    kinds = set(MemberEvent.objects.values_list("kind", flat=True))
    assert {
        "admitted",
        "official",
        "transfer_out",
        "transfer_in",
        "cell_change",
        "temporary_out",
        "temporary_return",
    } <= kinds
    assert MemberEvent.objects.get(kind="transfer_out").date.year == 2018
    counts = (
        Member.objects.count(),
        MemberEvent.objects.count(),
        MemberEvent.history.count(),
        Member.history.count(),
    )
    demo_load()
    assert (
        Member.objects.count(),
        MemberEvent.objects.count(),
        MemberEvent.history.count(),
        Member.history.count(),
    ) == counts
    seed = member_counts(datetime.date(2015, 6, 10))
    assert (seed.cells, seed.members, seed.official, seed.probationary, seed.staff) == (8, 56, 43, 13, 79)
