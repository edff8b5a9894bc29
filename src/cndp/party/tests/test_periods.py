"""Member state as dated periods (MemberPeriod): written by the services, they always agree with the
replay of the events by the plain rules (the oracle), over random histories (hypothesis); the rebuild
command gives the same rows; and every count at a date is of that date (staff, cells)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from cndp.accounts.models import Unit, User
from cndp.party import rules
from cndp.party.models import Member, MemberEvent, MemberPeriod, standing_label
from cndp.party.selectors import (
    PartyCounts,
    cell_counts,
    cells_at,
    counts_at,
    member_counts,
    organisation_cells,
    periods_at,
    staff_at,
    standing_on,
    with_standing_at,
)
from cndp.party.services import member_event_delete, member_event_record

from .factories import admin, make_member

pytestmark = pytest.mark.django_db

D = datetime.date
SEED = D(2015, 6, 10)
CELL_CODES = ["cb-vp", "cb-kh", "cb-kc"]
KINDS_AFTER_ADMISSION = [k for k in rules.KINDS if k != rules.Kind.ADMITTED]

# A step of a random history: an event the rules allow at a date after the last one (or, with `back`,
# before it: the history is rewritten in the middle), any event at all (mostly refused), or the deletion
# of one of the events.
steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("valid"),
            st.integers(min_value=0, max_value=100),
            st.integers(min_value=0, max_value=3 * 365),
            st.booleans(),
        ),
        st.tuples(
            st.just("any"),
            st.sampled_from(KINDS_AFTER_ADMISSION),
            st.integers(min_value=0, max_value=12 * 365),
            st.sampled_from([None, *CELL_CODES]),
        ),
        st.tuples(st.just("delete"), st.integers(min_value=0, max_value=20)),
    ),
    max_size=16,
)


def _allowed_events(data, day, cells) -> list[tuple[str, Unit | None]]:
    """The events the rules accept on `day` after the history `data` (a death or removal rarely:
    it ends the history), with a new cell for those that name one."""
    options = []
    for kind in KINDS_AFTER_ADMISSION:
        for cell in cells.values() if kind in rules.CELL_KINDS else [None]:
            candidate = rules.EventData(kind, day, cell.pk if cell else None)
            try:
                rules.replay([*data, candidate])
            except rules.SequenceError:
                continue
            options.append((kind, cell))
    final = [o for o in options if o[0] in rules.FINAL_KINDS]
    return [o for o in options if o[0] not in rules.FINAL_KINDS] + final[:1] if options else []


def _period_matches(period: MemberPeriod | None, state: rules.MemberState | None) -> bool:
    if state is None:
        return period is None
    if period is None:
        return False
    return (
        period.in_organisation,
        period.cell_id,
        period.status,
        period.temporary_away,
        period.exempted,
        period.suspended,
        period.has_left,
    ) == (
        state.in_organisation,
        state.cell_id if state.in_organisation else None,
        state.status,
        state.temporary_away,
        state.exempted,
        state.suspended,
        state.left_on is not None,
    )


def _check_agreement(member: Member) -> None:
    events = [e.as_data() for e in MemberEvent.objects.filter(member=member).order_by("date", "pk")]
    periods = list(MemberPeriod.objects.filter(member=member).order_by("valid_from"))
    # contiguous, non-overlapping, the last one open
    assert periods and periods[-1].valid_to is None
    assert all(a.valid_to == b.valid_from for a, b in zip(periods, periods[1:], strict=False))
    days = {D(1999, 12, 31), D(2040, 1, 1)}
    for event in events:
        days |= {event.date - datetime.timedelta(days=1), event.date, event.date + datetime.timedelta(days=1)}
    for day in sorted(days):
        found = list(periods_at(day).filter(member=member))
        assert len(found) <= 1, day
        expected = rules.state_at(events, day)
        assert _period_matches(found[0] if found else None, expected), (day, found, expected, events)
        # the member list's row (its standing and cell read with it from the periods) says the same
        [row] = with_standing_at(Member.objects.filter(pk=member.pk), day)
        assert standing_label(standing_on(row)) == standing_label(expected), (day, events)
        if expected is not None and expected.in_organisation:
            assert row.at_cell_name == Unit.objects.get(pk=expected.cell_id).name, (day, events)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    admitted=st.dates(min_value=D(2000, 1, 1), max_value=D(2012, 12, 31)),
    transferred_in=st.booleans(),
    history=steps,
)
def test_periods_written_by_the_services_agree_with_the_replay_of_the_events(
    demo, admitted, transferred_in, history
):
    user = admin()
    cells = {code: Unit.objects.get(code=code) for code in CELL_CODES}
    today = timezone.localdate()
    member = make_member(
        admitted_on=admitted,
        birth_date=D(1970, 1, 1),
        transferred_in_on=admitted + datetime.timedelta(days=40) if transferred_in else None,
    )
    _check_agreement(member)
    accepted = 0
    for step in history:
        events = list(MemberEvent.objects.filter(member=member).order_by("date", "pk"))
        data = [e.as_data() for e in events]
        if step[0] == "valid":
            _op, pick, gap, back = step
            last = max(e.date for e in data)
            day = min(
                (admitted if back else last) + datetime.timedelta(days=gap if not back else gap % 2000),
                today,
            )
            options = _allowed_events(data, day, cells)
            if not options:
                continue
            kind, cell = options[pick % len(options)]
            member_event_record(user=user, member=member, kind=kind, date=day, cell=cell)  # must be accepted
            accepted += 1
        elif step[0] == "any":
            _op, kind, offset, cell_code = step
            day = min(admitted + datetime.timedelta(days=offset), today)
            try:
                member_event_record(user=user, member=member, kind=kind, date=day, cell=cells.get(cell_code))
                accepted += 1
            except ValidationError:
                pass  # an impossible event is refused: the periods stay those of the history
        else:
            try:
                member_event_delete(user=user, event=events[step[1] % len(events)])
            except ValidationError:
                pass
        _check_agreement(member)
    target(float(accepted))
    written = list(
        MemberPeriod.objects.filter(member=member).values_list(
            "valid_from", "valid_to", "in_organisation", "cell_id", "status", "has_left"
        )
    )
    call_command("party_rebuild_states", stdout=io.StringIO())
    rebuilt = list(
        MemberPeriod.objects.filter(member=member).values_list(
            "valid_from", "valid_to", "in_organisation", "cell_id", "status", "has_left"
        )
    )
    assert rebuilt == written


def test_rebuild_restores_lost_periods_and_counts_come_back(demo):
    before = member_counts(SEED)
    MemberPeriod.objects.all().delete()
    assert member_counts(SEED).members == 0
    call_command("party_rebuild_states", stdout=io.StringIO())
    assert member_counts(SEED) == before


def test_counts_at_a_date_are_one_query(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = counts_at(SEED)
    assert (counts.members, counts.official, counts.probationary) == (56, 43, 13)
    cell = Unit.objects.get(code="cb-vp")
    with django_assert_num_queries(1):
        one = counts_at(SEED, cell_ids=[cell.pk])
    assert one.members == next(r.total for r in cell_counts(SEED) if r.cell == cell) == 9
    committee = cell.parent
    with django_assert_num_queries(1):
        organisation = counts_at(SEED, cell_ids=organisation_cells(committee))
    assert (organisation.members, organisation.official) == (56, 43)
    assert counts_at(SEED, cell_ids=organisation_cells(Unit.objects.get(code="arid"))).members == 0


def test_the_committees_figures_are_one_query_and_the_figures_of_their_parts(demo, django_assert_num_queries):
    """`member_counts` reads in one query what `counts_at`, `cells_at` and `staff_at` give, at any date
    (the query written once per date: a second reading, after a change, counts anew)."""
    days = (D(1990, 1, 1), D(2010, 1, 1), SEED, D(2019, 7, 1), timezone.localdate(), D(2040, 1, 1))
    for day in (*days, SEED):
        with django_assert_num_queries(1):
            figures = member_counts(day)
        counts = counts_at(day)
        parts = PartyCounts(
            cells=cells_at(day).count(),
            members=counts.members,
            official=counts.official,
            probationary=counts.probationary,
            staff=staff_at(day).count(),
        )
        assert figures == parts, day
    assert member_counts(SEED) == PartyCounts(cells=8, members=56, official=43, probationary=13, staff=79)
    make_member(admitted_on=D(2014, 1, 1))
    assert member_counts(SEED).members == 57


def test_hiring_someone_today_does_not_change_the_2015_ratio(demo):
    seed = member_counts(SEED)
    assert (seed.staff, round(seed.ratio, 1)) == (79, 70.9)
    User.objects.create(username="moituyen", full_name="Lê Văn Mới", is_agency_staff=True)
    assert member_counts(SEED) == seed
    today = member_counts()
    assert today.staff == member_counts(timezone.localdate() - datetime.timedelta(days=1)).staff + 1


def test_staff_who_leave_count_until_they_leave(demo):
    person = User.objects.filter(is_agency_staff=True, username__startswith="cb").first()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    staff_before = member_counts(yesterday).staff
    person.is_agency_staff = False
    person.save()
    person.refresh_from_db()
    assert person.agency_staff_to == timezone.localdate()
    assert member_counts(yesterday).staff == staff_before
    assert member_counts().staff == staff_before - 1
    assert member_counts(SEED).staff == 79


def test_cells_count_from_their_founding_to_their_dissolution(demo):
    parent = Unit.objects.get(code="cb-vp").parent
    Unit.objects.create(
        code="cb-moi", name="Chi bộ Mới", kind="party_cell", parent=parent, founded_on=D(2020, 1, 1)
    )
    old = Unit.objects.get(code="cb-cs")
    assert member_counts(SEED).cells == 8
    assert member_counts(D(2020, 1, 1)).cells == 9
    old.is_active = False
    old.save()
    assert old.dissolved_on == timezone.localdate()
    assert member_counts(SEED).cells == 8  # the 2015 figure stays
    assert member_counts().cells == 8  # one founded, one dissolved


def test_a_member_saved_outside_the_services_counts_from_its_dates(demo):
    before = counts_at(D(2012, 1, 1))
    Member.objects.create(
        full_name="Nguyễn Văn Ngoài",
        gender="male",
        cell=Unit.objects.get(code="cb-kc"),
        admitted_on=D(2010, 1, 1),
        official_on=D(2011, 1, 1),
    )
    after = counts_at(D(2012, 1, 1))
    assert (after.members, after.official) == (before.members + 1, before.official + 1)
    cell = [Unit.objects.get(code="cb-kc").pk]
    assert counts_at(D(2010, 6, 1), cell).probationary == counts_at(D(2009, 12, 31), cell).probationary + 1


def test_the_admin_shows_and_keeps_the_employment_dates(client_for):
    person = User.objects.get(username="cb001")
    page = client_for("admin").get(f"/admin/accounts/user/{person.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="agency_staff_from"' in html and 'name="agency_staff_to"' in html
    assert person.agency_staff_from is not None and person.agency_staff_from < SEED
