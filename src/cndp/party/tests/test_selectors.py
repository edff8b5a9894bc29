"""Selectors: counts at a date derived from the events (the seed's 2015 numbers, the later history), per
cell with the Charter's minimum, the probations about to end, and query counts that do not grow."""

import datetime

import pytest
from django.utils import timezone

from cndp.accounts.models import Unit
from cndp.party.models import Member
from cndp.party.rules import Kind
from cndp.party.selectors import cell_counts, member_counts, members_at, probation_due
from cndp.party.services import member_event_record

from .factories import admin, cell, make_member

pytestmark = pytest.mark.django_db

D = datetime.date
SEED = D(2015, 6, 10)


def test_seed_numbers_come_from_the_events(demo):
    seed = member_counts(SEED)
    assert (seed.cells, seed.members, seed.official, seed.probationary, seed.staff) == (8, 56, 43, 13, 79)
    assert round(seed.ratio, 1) == 70.9
    rows = cell_counts(SEED)
    assert len(rows) == 8
    assert sum(r.total for r in rows) == 56
    assert sum(r.official for r in rows) == 43
    assert not any(r.below_minimum for r in rows)
    assert all(r.official >= 3 for r in rows)


def test_the_later_history_shows_and_2015_is_unchanged(demo):
    moved = Member.objects.get(events__kind=Kind.TRANSFER_OUT)
    before = {m.member.pk for m in members_at(D(2018, 3, 14))}
    after = {m.member.pk for m in members_at(D(2018, 3, 15))}
    assert moved.pk in before and moved.pk not in after
    changed = Member.objects.get(events__kind=Kind.CELL_CHANGE)
    old_cell = changed.events.get(kind=Kind.ADMITTED).cell_id
    assert {m.cell_id for m in members_at(D(2019, 6, 30)) if m.member == changed} == {old_cell}
    assert {m.cell_id for m in members_at(D(2019, 7, 1)) if m.member == changed} == {changed.cell_id}
    away = [m for m in members_at(D(2022, 1, 1)) if m.temporary_away]
    assert len(away) == 1 and away[0].member.events.filter(kind=Kind.TEMPORARY_OUT).exists()
    assert not any(m.temporary_away for m in members_at(D(2022, 6, 30)))
    transferred_in = Member.objects.get(events__kind=Kind.TRANSFER_IN)
    assert transferred_in not in [m.member for m in members_at(D(2020, 2, 9))]
    assert transferred_in in [m.member for m in members_at(D(2020, 2, 10))]
    seed = member_counts(SEED)
    assert (seed.members, seed.official, seed.probationary) == (56, 43, 13)


def test_members_at_is_in_vietnamese_name_order_and_filters_by_the_cell_of_that_date(demo):
    rows = members_at(SEED)
    keys = [r.member.name_sort_key for r in rows]
    assert keys == sorted(keys)
    changed = Member.objects.get(events__kind=Kind.CELL_CHANGE)
    old_cell = changed.events.get(kind=Kind.ADMITTED).cell_id
    assert changed in [r.member for r in members_at(SEED, cell_ids=[old_cell])]
    assert changed not in [r.member for r in members_at(SEED, cell_ids=[changed.cell_id])]
    assert changed in [r.member for r in members_at(D(2020, 1, 1), cell_ids=[changed.cell_id])]
    assert all(r.cell_id == old_cell for r in members_at(SEED, cell_ids=[old_cell]))


def test_members_leave_the_counts_when_they_leave(demo):
    member = make_member(official_on=D(2011, 3, 1), cell_code="cb-kc")
    day = D(2021, 1, 1)
    base = member_counts(day)
    member_event_record(user=admin(), member=member, kind=Kind.REMOVED, date=D(2020, 12, 31))
    after = member_counts(day)
    assert after.members == base.members - 1
    assert after.official == base.official - 1
    assert after.probationary == base.probationary


def test_suspended_and_exempted_members_still_count(demo):
    member = make_member(official_on=D(2011, 3, 1), cell_code="cb-kc")
    member_event_record(user=admin(), member=member, kind=Kind.SUSPENDED, date=D(2020, 1, 1))
    member_event_record(user=admin(), member=member, kind=Kind.EXEMPTED, date=D(2020, 2, 1))
    row = next(r for r in cell_counts(D(2020, 3, 1)) if r.cell.code == "cb-kc")
    assert (row.suspended, row.exempted) == (1, 1)
    [state] = [m for m in members_at(D(2020, 3, 1)) if m.member == member]
    assert (state.status, state.suspended, state.exempted, state.temporary_away) == (
        "official",
        True,
        True,
        False,
    )


def test_cells_below_three_official_members_are_flagged(demo):
    small = Unit.objects.create(
        code="cb-thu", name="Chi bộ Thử nghiệm", kind="party_cell", parent=cell().parent
    )
    make_member(official_on=D(2011, 3, 1), cell_code="cb-thu")
    make_member(official_on=D(2011, 3, 1), cell_code="cb-thu")
    make_member(admitted_on=D(2019, 1, 1), cell_code="cb-thu")
    row = next(r for r in cell_counts(D(2019, 6, 1)) if r.cell == small)
    assert (row.official, row.probationary, row.total, row.below_minimum) == (2, 1, 3, True)
    make_member(official_on=D(2011, 3, 1), cell_code="cb-thu")
    row = next(r for r in cell_counts(D(2019, 6, 1)) if r.cell == small)
    assert (row.official, row.below_minimum) == (3, False)
    empty = Unit.objects.create(code="cb-rong", name="Chi bộ Rỗng", kind="party_cell", parent=cell().parent)
    assert next(r for r in cell_counts(D(2019, 6, 1)) if r.cell == empty).below_minimum


def test_probation_due_lists_the_ending_and_the_ended_not_recognised(demo):
    today = timezone.localdate()
    soon = make_member(admitted_on=today - datetime.timedelta(days=340), birth_date=D(1995, 1, 1))
    ended = make_member(admitted_on=today - datetime.timedelta(days=500), birth_date=D(1995, 1, 1))
    later = make_member(admitted_on=today - datetime.timedelta(days=200), birth_date=D(1995, 1, 1))
    due = probation_due(today)
    members = [d.member for d in due]
    assert soon in members and ended in members and later not in members
    assert [d.ends_on for d in due] == sorted(d.ends_on for d in due)
    ended_row = next(d for d in due if d.member == ended)
    assert ended_row.overdue and ended_row.days_overdue > 100
    soon_row = next(d for d in due if d.member == soon)
    assert not soon_row.overdue and 0 < soon_row.days_left <= 30
    # the demo's recent admission is due too
    assert any(d.member.staff is not None for d in due)
    member_event_record(user=admin(), member=ended, kind=Kind.OFFICIAL, date=today)
    assert ended not in [d.member for d in probation_due(today)]
    assert later in [d.member for d in probation_due(today, within_days=200)]


def _grow(n):
    for i in range(n):
        member = make_member(
            official_on=D(2011, 3, 1) if i % 2 else None, cell_code=["cb-vp", "cb-kh", "cb-kc"][i % 3]
        )
        if i % 5 == 0:
            member_event_record(
                user=admin(), member=member, kind=Kind.CELL_CHANGE, date=D(2015, 1, 1), cell=cell("cb-cs")
            )


@pytest.mark.parametrize(
    ("call", "size"),
    [
        (lambda: members_at(SEED), len),
        (lambda: members_at(SEED, cell_ids=[cell("cb-cs").pk]), len),
        (lambda: member_counts(SEED), lambda counts: counts.members),
        (lambda: cell_counts(SEED), lambda rows: sum(r.total for r in rows)),
        (lambda: probation_due(timezone.localdate()), len),
    ],
    ids=["members_at", "members_at_cells", "member_counts", "cell_counts", "probation_due"],
)
def test_query_count_does_not_grow_with_members(call, size, demo, django_assert_max_num_queries):
    cell("cb-cs")  # warm
    with django_assert_max_num_queries(10) as small:
        before = size(call())
    _grow(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = size(call())
    # the selector read the rows the query count is about: some at first, the new members after
    assert 0 < before < after
