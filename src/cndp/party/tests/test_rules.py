"""The membership rules (rules.py): every event kind replayed, every impossible sequence refused with a
Vietnamese reason naming the event and the date, and properties of counts over random valid histories."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cndp.party import rules
from cndp.party.choices import MemberEventKind
from cndp.party.rules import EventData, Kind, MemberState, SequenceError

D = datetime.date
A, B = 1, 2  # cell ids

ADMIT = EventData(Kind.ADMITTED, D(2010, 3, 1), A)
OFFICIAL = EventData(Kind.OFFICIAL, D(2011, 3, 1))


def ev(kind, day, cell=None):
    return EventData(kind, day, cell)


def test_labels_are_the_choices_labels():
    """The plain labels of rules.py and the TextChoices of choices.py are the same strings (one
    translation each)."""
    assert list(rules.KIND_LABELS) == list(MemberEventKind.values)
    assert [rules.KIND_LABELS[k] for k in MemberEventKind.values] == [
        str(label) for label in MemberEventKind.labels
    ]


# ---- every kind: the state after it -------------------------------------------------------------------

BASE = [ADMIT, OFFICIAL]
AFTER = D(2012, 1, 1)

KIND_CASES = [
    # (id, history, expected state at the end of 2012-01-01 or later)
    (
        "admitted",
        [ADMIT],
        MemberState(True, "probationary", A, admitted_on=D(2010, 3, 1)),
    ),
    (
        "admitted elsewhere (no cell): a member, not here",
        [ev(Kind.ADMITTED, D(2010, 3, 1))],
        MemberState(False, "probationary", None, admitted_on=D(2010, 3, 1)),
    ),
    (
        "official",
        BASE,
        MemberState(True, "official", A, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "transfer_out",
        [*BASE, ev(Kind.TRANSFER_OUT, AFTER)],
        MemberState(
            False, "official", None, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1), left_on=AFTER
        ),
    ),
    (
        "transfer_in (after a transfer out)",
        [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.TRANSFER_IN, D(2013, 1, 1), B)],
        MemberState(True, "official", B, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "transfer_in (admitted elsewhere)",
        [ev(Kind.ADMITTED, D(2010, 3, 1)), ev(Kind.TRANSFER_IN, D(2010, 9, 1), B)],
        MemberState(True, "probationary", B, admitted_on=D(2010, 3, 1)),
    ),
    (
        "cell_change",
        [*BASE, ev(Kind.CELL_CHANGE, AFTER, B)],
        MemberState(True, "official", B, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "temporary_out",
        [*BASE, ev(Kind.TEMPORARY_OUT, AFTER)],
        MemberState(
            True, "official", A, temporary_away=True, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)
        ),
    ),
    (
        "temporary_return",
        [*BASE, ev(Kind.TEMPORARY_OUT, AFTER), ev(Kind.TEMPORARY_RETURN, D(2013, 1, 1))],
        MemberState(True, "official", A, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "exempted",
        [*BASE, ev(Kind.EXEMPTED, AFTER)],
        MemberState(True, "official", A, exempted=True, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "exemption_ended",
        [*BASE, ev(Kind.EXEMPTED, AFTER), ev(Kind.EXEMPTION_ENDED, D(2013, 1, 1))],
        MemberState(True, "official", A, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "suspended",
        [*BASE, ev(Kind.SUSPENDED, AFTER)],
        MemberState(
            True, "official", A, suspended=True, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)
        ),
    ),
    (
        "suspension_ended",
        [*BASE, ev(Kind.SUSPENDED, AFTER), ev(Kind.SUSPENSION_ENDED, D(2013, 1, 1))],
        MemberState(True, "official", A, admitted_on=D(2010, 3, 1), official_on=D(2011, 3, 1)),
    ),
    (
        "deceased",
        [*BASE, ev(Kind.EXEMPTED, D(2011, 6, 1)), ev(Kind.DECEASED, AFTER)],
        MemberState(
            False,
            "official",
            None,
            admitted_on=D(2010, 3, 1),
            official_on=D(2011, 3, 1),
            ended="deceased",
            ended_on=AFTER,
            left_on=AFTER,
        ),
    ),
    (
        "removed (a probationary member)",
        [ADMIT, ev(Kind.REMOVED, AFTER)],
        MemberState(
            False,
            "probationary",
            None,
            admitted_on=D(2010, 3, 1),
            ended="removed",
            ended_on=AFTER,
            left_on=AFTER,
        ),
    ),
]


@pytest.mark.parametrize(("history", "expected"), [c[1:] for c in KIND_CASES], ids=[c[0] for c in KIND_CASES])
def test_state_after_each_kind(history, expected):
    assert rules.state_at(history, D(2030, 1, 1)) == expected


def test_every_kind_is_covered_by_the_table():
    covered = {e.kind for _id, history, _state in KIND_CASES for e in history}
    assert covered == set(rules.KINDS)


def test_state_at_follows_the_dates():
    history = [*BASE, ev(Kind.CELL_CHANGE, D(2015, 1, 1), B), ev(Kind.TRANSFER_OUT, D(2018, 3, 15))]
    assert rules.state_at(history, D(2010, 2, 28)) is None  # before admission
    assert rules.state_at(history, D(2010, 3, 1)).status == "probationary"  # the day itself counts
    assert rules.state_at(history, D(2011, 2, 28)).status == "probationary"
    assert rules.state_at(history, D(2011, 3, 1)).status == "official"
    assert rules.state_at(history, D(2014, 12, 31)).cell_id == A
    assert rules.state_at(history, D(2015, 1, 1)).cell_id == B
    assert rules.state_at(history, D(2018, 3, 14)).in_organisation
    assert not rules.state_at(history, D(2018, 3, 15)).in_organisation


def test_events_given_out_of_order_are_replayed_by_date():
    history = [ev(Kind.TRANSFER_OUT, D(2018, 3, 15)), OFFICIAL, ADMIT]
    assert not rules.state_at(history, D(2019, 1, 1)).in_organisation
    assert rules.state_at(history, D(2012, 1, 1)).status == "official"


def test_same_day_events_keep_the_order_given():
    day = D(2012, 1, 1)
    ok = [*BASE, ev(Kind.TRANSFER_OUT, day), ev(Kind.TRANSFER_IN, day, B)]
    assert rules.state_at(ok, day).cell_id == B
    with pytest.raises(SequenceError):
        rules.replay([*BASE, ev(Kind.TRANSFER_IN, day, B), ev(Kind.TRANSFER_OUT, day)])


# ---- every refused sequence ---------------------------------------------------------------------------

REFUSED = [
    # (id, history, index of the refused event, field, words of the message)
    ("official before admitted", [ev(Kind.OFFICIAL, D(2009, 1, 1)), ADMIT], 0, "date", "sự kiện đầu tiên phải là kết nạp"),
    ("only an official event", [OFFICIAL], 0, "date", "đứng trước ngày kết nạp"),
    ("transfer in before admission", [ev(Kind.TRANSFER_IN, D(2009, 1, 1), A), ADMIT], 0, "date", "đầu tiên phải là kết nạp"),
    ("admitted twice", [ADMIT, ev(Kind.ADMITTED, D(2012, 1, 1), A)], 1, "kind", "không thể kết nạp lần nữa"),
    ("official twice", [*BASE, ev(Kind.OFFICIAL, D(2012, 1, 1))], 2, "kind", "đã được công nhận chính thức ngày 01/03/2011"),
    ("official before 12 months", [ADMIT, ev(Kind.OFFICIAL, D(2011, 2, 28))], 1, "date", "từ ngày 01/03/2011"),
    ("transfer out when not in", [ev(Kind.ADMITTED, D(2010, 3, 1)), ev(Kind.TRANSFER_OUT, AFTER)], 1, "date", "không sinh hoạt trong Đảng bộ"),
    ("transfer out twice", [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.TRANSFER_OUT, D(2013, 1, 1))], 3, "date", "không sinh hoạt trong Đảng bộ"),
    ("transfer in when in", [ADMIT, ev(Kind.TRANSFER_IN, AFTER, B)], 1, "kind", "đang sinh hoạt trong Đảng bộ"),
    ("transfer in without a cell", [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.TRANSFER_IN, D(2013, 1, 1))], 3, "cell", "phải ghi chi bộ"),
    ("cell change without a cell", [ADMIT, ev(Kind.CELL_CHANGE, AFTER)], 1, "cell", "phải ghi chi bộ"),
    ("cell change to the same cell", [ADMIT, ev(Kind.CELL_CHANGE, AFTER, A)], 1, "cell", "đã ở chi bộ này"),
    ("cell change when not in", [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.CELL_CHANGE, D(2013, 1, 1), B)], 3, "date", "không sinh hoạt"),
    ("a cell on an event that has none", [ADMIT, ev(Kind.SUSPENDED, AFTER, B)], 1, "cell", "không ghi chi bộ"),
    ("temporary out twice", [ADMIT, ev(Kind.TEMPORARY_OUT, AFTER), ev(Kind.TEMPORARY_OUT, D(2013, 1, 1))], 2, "kind", "đang sinh hoạt tạm thời"),
    ("temporary return without leaving", [ADMIT, ev(Kind.TEMPORARY_RETURN, AFTER)], 1, "kind", "không sinh hoạt tạm thời"),
    ("temporary out when not in", [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.TEMPORARY_OUT, D(2013, 1, 1))], 3, "date", "không sinh hoạt"),
    ("exempted twice", [ADMIT, ev(Kind.EXEMPTED, AFTER), ev(Kind.EXEMPTED, D(2013, 1, 1))], 2, "kind", "đang được miễn"),
    ("exemption ended without exemption", [ADMIT, ev(Kind.EXEMPTION_ENDED, AFTER)], 1, "kind", "không được miễn"),
    ("suspended twice", [ADMIT, ev(Kind.SUSPENDED, AFTER), ev(Kind.SUSPENDED, D(2013, 1, 1))], 2, "kind", "đang bị đình chỉ"),
    ("suspension ended without suspension", [ADMIT, ev(Kind.SUSPENSION_ENDED, AFTER)], 1, "kind", "không bị đình chỉ"),
    ("deceased when not in", [*BASE, ev(Kind.TRANSFER_OUT, AFTER), ev(Kind.DECEASED, D(2013, 1, 1))], 3, "date", "không sinh hoạt"),
    ("removed when not in", [ev(Kind.ADMITTED, D(2010, 3, 1)), ev(Kind.REMOVED, AFTER)], 1, "date", "không sinh hoạt"),
    ("unknown kind", [ADMIT, ev("promoted", AFTER)], 1, "kind", "không hợp lệ"),
    *[
        (f"{kind} after deceased", [*BASE, ev(Kind.DECEASED, AFTER), ev(kind, D(2013, 1, 1), B if kind in rules.CELL_KINDS else None)], 3, "date", "Đảng viên đã «Từ trần» ngày 01/01/2012")
        for kind in rules.KINDS
    ],
    *[
        (f"{kind} after removed", [*BASE, ev(Kind.REMOVED, AFTER), ev(kind, D(2013, 1, 1), B if kind in rules.CELL_KINDS else None)], 3, "date", "Đảng viên đã «Xóa tên / khai trừ» ngày 01/01/2012")
        for kind in rules.KINDS
    ],
]  # fmt: skip


@pytest.mark.parametrize(
    ("history", "index", "field", "words"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_impossible_sequences_are_refused(history, index, field, words):
    with pytest.raises(SequenceError) as caught:
        rules.state_at(history, D(2030, 1, 1))
    error = caught.value
    assert (error.index, error.field) == (index, field)
    assert words in str(error)


def test_a_refused_later_event_is_refused_at_any_date():
    """The whole history is checked, not only the part before the date asked for."""
    with pytest.raises(SequenceError):
        rules.state_at([ADMIT, ev(Kind.TEMPORARY_RETURN, D(2020, 1, 1))], D(2011, 1, 1))


def test_early_recognition_message_names_the_date():
    with pytest.raises(SequenceError) as caught:
        rules.replay([ev(Kind.ADMITTED, D(2024, 2, 29), A), ev(Kind.OFFICIAL, D(2025, 2, 27))])
    assert str(caught.value) == (
        "Chưa đủ 12 tháng dự bị: đảng viên kết nạp ngày 29/02/2024 chỉ được công nhận chính thức "
        "từ ngày 28/02/2025."
    )


def test_error_message_is_translatable():
    with pytest.raises(SequenceError) as caught:
        rules.replay([ADMIT, ev(Kind.TEMPORARY_RETURN, AFTER)])
    seen = []
    rendered = caught.value.render(lambda s: seen.append(s) or "[en] " + s)
    assert rules.KIND_LABELS[Kind.TEMPORARY_RETURN] in seen  # the event label goes through gettext too
    assert caught.value.template in seen
    assert rendered.startswith("[en] «[en] Trở lại sinh hoạt» ngày 01/01/2012")


# ---- dates and small helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("admitted", "ends"),
    [
        (D(2014, 7, 1), D(2015, 7, 1)),
        (D(2024, 2, 29), D(2025, 2, 28)),  # no 29 February next year
        (D(2023, 12, 31), D(2024, 12, 31)),
        (D(2015, 1, 31), D(2016, 1, 31)),
    ],
)
def test_probation_ends_after_twelve_months(admitted, ends):
    assert rules.probation_ends(admitted) == ends


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (D(2000, 6, 10), D(2018, 6, 9), 17),
        (D(2000, 6, 10), D(2018, 6, 10), 18),
        (D(2000, 2, 29), D(2018, 3, 1), 18),
    ],
)
def test_age_on(birth, day, age):
    assert rules.age_on(birth, day) == age


def test_earliest_admission_is_the_eighteenth_birthday():
    assert rules.earliest_admission(D(2000, 6, 10)) == D(2018, 6, 10)


def test_events_from_dates():
    assert rules.events_from_dates(D(2010, 3, 1), None, A) == [ADMIT]
    assert rules.events_from_dates(D(2010, 3, 1), D(2011, 3, 1), A) == BASE


def test_last_cell_is_the_last_cell_named():
    history = [*BASE, ev(Kind.CELL_CHANGE, D(2015, 1, 1), B), ev(Kind.TRANSFER_OUT, D(2018, 3, 15))]
    assert rules.last_cell(history) == B


@pytest.mark.parametrize(
    ("history", "today", "due"),
    [
        ([ev(Kind.ADMITTED, D(2025, 1, 20), A)], D(2025, 12, 21), True),  # ends 20/01/2026: 30 days
        ([ev(Kind.ADMITTED, D(2025, 1, 20), A)], D(2025, 12, 20), False),  # 31 days
        ([ev(Kind.ADMITTED, D(2024, 1, 20), A)], D(2025, 12, 20), True),  # ended long ago, not recognised
        ([ev(Kind.ADMITTED, D(2024, 1, 20), A), ev(Kind.OFFICIAL, D(2025, 1, 20))], D(2025, 12, 20), False),
        ([ev(Kind.ADMITTED, D(2024, 1, 20), A), ev(Kind.TRANSFER_OUT, D(2024, 6, 1))], D(2025, 1, 10), False),
    ],
)
def test_probation_due(history, today, due):
    assert rules.probation_due(rules.state_at(history, today), today) is due


def test_staff_ratio():
    assert round(rules.staff_ratio(56, 79), 1) == 70.9
    assert rules.staff_ratio(5, 0) == 0.0


# ---- properties over random valid histories ----------------------------------------------------------

START = D(1990, 1, 1)


@st.composite
def histories(draw):
    """A random valid history: an admission (here or elsewhere), then events that are possible in the
    state reached, at non-decreasing dates."""
    day = START + datetime.timedelta(days=draw(st.integers(0, 9000)))
    here = draw(st.booleans())
    events = [EventData(Kind.ADMITTED, day, draw(st.sampled_from([A, B])) if here else None)]
    state = rules.final_state(events)
    for _ in range(draw(st.integers(0, 12))):
        day = day + datetime.timedelta(days=draw(st.integers(0, 800)))
        options = []
        if state.ended:
            break
        if state.status == "probationary" and day >= rules.probation_ends(state.admitted_on):
            options.append(EventData(Kind.OFFICIAL, day))
        if not state.in_organisation:
            options.append(EventData(Kind.TRANSFER_IN, day, draw(st.sampled_from([A, B]))))
        else:
            other = B if state.cell_id == A else A
            options += [
                EventData(Kind.TRANSFER_OUT, day),
                EventData(Kind.CELL_CHANGE, day, other),
                EventData(Kind.TEMPORARY_RETURN if state.temporary_away else Kind.TEMPORARY_OUT, day),
                EventData(Kind.EXEMPTION_ENDED if state.exempted else Kind.EXEMPTED, day),
                EventData(Kind.SUSPENSION_ENDED if state.suspended else Kind.SUSPENDED, day),
                EventData(Kind.DECEASED, day),
                EventData(Kind.REMOVED, day),
            ]
        if not options:
            continue
        event = draw(st.sampled_from(options))
        events.append(event)
        state = rules.final_state(events)
    return events


dates = st.dates(min_value=D(1985, 1, 1), max_value=D(2060, 1, 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(histories(), max_size=25), dates)
def test_counts_are_consistent_whatever_the_histories(members, at):
    counts = rules.tally(rules.state_at(h, at) for h in members)
    assert min(counts.members, counts.official, counts.probationary) >= 0
    assert counts.official + counts.probationary == counts.members
    assert counts.members <= len(members)
    assert max(counts.temporary_away, counts.exempted, counts.suspended) <= counts.members


def _in_by_dates(history, at):
    """Independent reading of a valid history: in the organisation iff admitted here (or transferred in)
    on or before `at` and the last move on or before `at` brought the member in."""
    inside = False
    for event in sorted(history, key=lambda e: e.date):  # stable: same-day order kept
        if event.date > at:
            break
        if event.kind == Kind.ADMITTED:
            inside = event.cell_id is not None
        elif event.kind == Kind.TRANSFER_IN:
            inside = True
        elif event.kind in (Kind.TRANSFER_OUT, Kind.DECEASED, Kind.REMOVED):
            inside = False
    return inside


@settings(max_examples=300, deadline=None)
@given(histories(), dates)
def test_counted_at_a_date_iff_admitted_by_then_and_not_yet_out(history, at):
    state = rules.state_at(history, at)
    counted = state is not None and state.in_organisation
    assert counted == _in_by_dates(history, at)
    if at < history[0].date:
        assert state is None


@settings(max_examples=200, deadline=None)
@given(histories(), dates)
def test_official_only_after_twelve_months_and_never_back(history, at):
    state = rules.state_at(history, at)
    if state is None:
        return
    if state.status == "official":
        assert state.official_on >= rules.probation_ends(state.admitted_on)
        later = rules.state_at(history, at + datetime.timedelta(days=4000))
        assert later.status == "official"
    if state.in_organisation:
        assert state.cell_id in (A, B)
    else:
        assert not (state.temporary_away or state.exempted or state.suspended)


@settings(max_examples=200, deadline=None)
@given(histories(), st.sampled_from(rules.KINDS), st.integers(0, 4000))
def test_adding_any_event_either_replays_or_names_that_event(history, kind, days):
    day = history[-1].date + datetime.timedelta(days=days)
    cell = A if kind in rules.CELL_KINDS else None
    try:
        rules.replay([*history, EventData(kind, day, cell)])
    except SequenceError as exc:
        assert exc.index == len(history)  # the valid part is never blamed
        assert exc.field in ("date", "kind", "cell")
        assert str(exc)
