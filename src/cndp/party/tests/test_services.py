"""Services of the party module: members created with their first events, events recorded only when the
whole history stays possible, the member's cell and dates following the events, rights and audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cndp.party.models import Member, MemberEvent
from cndp.party.rules import Kind, probation_ends
from cndp.party.services import member_create, member_event_delete, member_event_record

from .factories import admin, cell, make_member

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = timezone.localdate


def kinds(member):
    return [(e.kind, e.date, e.cell.code if e.cell else None) for e in member.events.select_related("cell")]


# ---- member_create ------------------------------------------------------------------------------------


def test_member_create_writes_the_member_and_its_first_events(demo):
    member = member_create(
        user=demo["party_officer"],
        full_name="Lê  Thị   Hồng",
        gender="female",
        birth_date=D(1985, 4, 2),
        cell=cell("cb-kc"),
        admitted_on=D(2012, 9, 2),
        official_on=D(2013, 9, 2),
        card_number="093 456",
    )
    assert member.full_name == "Lê Thị Hồng"
    assert (member.admitted_on, member.official_on, member.cell.code) == (
        D(2012, 9, 2),
        D(2013, 9, 2),
        "cb-kc",
    )
    assert kinds(member) == [("admitted", D(2012, 9, 2), "cb-kc"), ("official", D(2013, 9, 2), None)]
    assert member.history.first().history_user == demo["party_officer"]
    assert {e.history.first().history_user for e in member.events.all()} == {demo["party_officer"]}
    assert member.status_at(D(2013, 1, 1)) == "probationary"
    assert member.status_at(D(2013, 9, 2)) == "official"


def test_member_admitted_elsewhere_then_transferred_in(demo):
    member = make_member(
        admitted_on=D(2014, 1, 10),
        transferred_in_on=D(2014, 8, 1),
        cell_code="cb-ccn",
        official_on=D(2015, 1, 10),
    )
    assert kinds(member) == [
        ("admitted", D(2014, 1, 10), None),
        ("transfer_in", D(2014, 8, 1), "cb-ccn"),
        ("official", D(2015, 1, 10), None),
    ]
    assert member.status_at(D(2014, 7, 31)) is None  # a member of the Party, not of this committee yet
    assert member.status_at(D(2014, 8, 1)) == "probationary"
    assert member.cell.code == "cb-ccn"


@pytest.mark.parametrize("role", ["agency_officer", "province_officer", "counting_board", "leader"])
def test_member_create_refused_without_the_right(role, demo):
    with pytest.raises(PermissionDenied):
        member_create(
            user=demo[role],
            full_name="Phạm Văn Cấm",
            gender="male",
            birth_date=D(1980, 1, 1),
            cell=cell(),
            admitted_on=D(2010, 1, 1),
        )
    assert not Member.objects.filter(full_name="Phạm Văn Cấm").exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"official_on": D(2010, 12, 31)}, "official_on", "chỉ được công nhận chính thức từ ngày 01/01/2011"),
        ({"admitted_on": D(1997, 12, 31)}, "admitted_on", "chỉ được kết nạp từ ngày 01/01/1998"),
        ({"admitted_on": D(1925, 1, 1), "birth_date": None}, "admitted_on", "trước ngày thành lập Đảng"),
        ({"admitted_on": TODAY() + datetime.timedelta(days=1)}, "admitted_on", "không được sau ngày hôm nay"),
        ({"transferred_in_on": D(2009, 6, 1)}, "transferred_in_on", "sự kiện đầu tiên phải là kết nạp"),
        ({"gender": "x"}, "gender", ""),
        ({"full_name": ""}, "full_name", ""),
    ],
)
def test_member_create_refusals_name_the_field(changes, field, words, demo):
    data = {
        "user": admin(),
        "full_name": "Trần Văn Kiểm",
        "gender": "male",
        "birth_date": D(1980, 1, 1),
        "cell": cell(),
        "admitted_on": D(2010, 1, 1),
        **changes,
    }
    with pytest.raises(ValidationError) as caught:
        member_create(**data)
    assert field in caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field])
    assert not Member.objects.filter(full_name="Trần Văn Kiểm").exists()


def test_card_numbers_are_unique(demo):
    make_member(card_number="01234567")
    with pytest.raises(ValidationError) as caught:
        make_member(card_number="01234567")
    assert "card_number" in caught.value.message_dict


# ---- member_event_record ------------------------------------------------------------------------------


def test_recording_events_moves_the_member_and_the_counts_follow(demo):
    member = make_member(official_on=D(2011, 3, 1))
    officer = demo["party_officer"]
    member_event_record(
        user=officer, member=member, kind=Kind.CELL_CHANGE, date=D(2015, 1, 5), cell=cell("cb-kh")
    )
    member.refresh_from_db()
    assert member.cell.code == "cb-kh"
    event = member_event_record(
        user=officer,
        member=member,
        kind=Kind.TRANSFER_OUT,
        date=D(2018, 3, 15),
        decision_number="  112-QĐ/ĐU ",
        decision_date=D(2018, 3, 9),
        note="Chuyển về Bộ",
    )
    assert event.decision_number == "112-QĐ/ĐU"
    assert event.history.first().history_user == officer
    member.refresh_from_db()
    assert member.cell.code == "cb-kh"  # the last cell, kept after leaving
    assert member.status_at(D(2018, 3, 14)) == "official"
    assert member.status_at(D(2018, 3, 15)) is None


@pytest.mark.parametrize("role", ["agency_officer", "province_officer", "counting_board", "leader"])
def test_recording_an_event_is_refused_without_change_member(role, demo):
    member = Member.objects.filter(official_on__isnull=False).first()
    before = member.events.count()
    with pytest.raises(PermissionDenied):
        member_event_record(user=demo[role], member=member, kind=Kind.SUSPENDED, date=D(2020, 1, 1))
    assert member.events.count() == before


def test_early_recognition_is_refused_naming_the_date(demo):
    member = make_member(admitted_on=D(2024, 2, 29))
    with pytest.raises(ValidationError) as caught:
        member_event_record(
            user=demo["party_officer"], member=member, kind=Kind.OFFICIAL, date=D(2025, 2, 27)
        )
    assert caught.value.message_dict == {
        "date": [
            "Chưa đủ 12 tháng dự bị: đảng viên kết nạp ngày 29/02/2024 chỉ được công nhận chính thức "
            "từ ngày 28/02/2025."
        ]
    }
    member_event_record(user=demo["party_officer"], member=member, kind=Kind.OFFICIAL, date=D(2025, 2, 28))
    member.refresh_from_db()
    assert member.official_on == D(2025, 2, 28) == probation_ends(D(2024, 2, 29))


@pytest.mark.parametrize(
    ("kind", "date", "cell_code", "field", "words"),
    [
        (Kind.ADMITTED, D(2012, 1, 1), "cb-vp", "kind", "không thể kết nạp lần nữa"),
        (Kind.TRANSFER_IN, D(2012, 1, 1), "cb-kh", "kind", "đang sinh hoạt trong Đảng bộ"),
        (Kind.CELL_CHANGE, D(2012, 1, 1), None, "cell", "Phải chọn chi bộ mới"),
        (Kind.SUSPENDED, D(2012, 1, 1), "cb-kh", "cell", "Chỉ ghi chi bộ khi"),
        (Kind.TEMPORARY_RETURN, D(2012, 1, 1), None, "kind", "không sinh hoạt tạm thời nơi khác"),
        (Kind.EXEMPTED, D(2009, 1, 1), None, "date", "đứng trước ngày kết nạp"),
        (Kind.SUSPENDED, TODAY() + datetime.timedelta(days=3), None, "date", "không được sau ngày hôm nay"),
        ("promoted", D(2012, 1, 1), None, "kind", ""),
    ],
)
def test_impossible_events_are_refused_on_their_field(kind, date, cell_code, field, words, demo):
    member = make_member(official_on=D(2011, 3, 1))
    with pytest.raises(ValidationError) as caught:
        member_event_record(
            user=demo["party_officer"],
            member=member,
            kind=kind,
            date=date,
            cell=cell(cell_code) if cell_code else None,
        )
    assert words in " ".join(caught.value.message_dict[field])
    assert member.events.count() == 2


def test_nothing_after_death(demo):
    member = make_member(official_on=D(2011, 3, 1))
    member_event_record(user=demo["party_officer"], member=member, kind=Kind.DECEASED, date=D(2020, 5, 1))
    with pytest.raises(ValidationError) as caught:
        member_event_record(
            user=demo["party_officer"], member=member, kind=Kind.TRANSFER_OUT, date=D(2020, 6, 1)
        )
    assert "Đảng viên đã «Từ trần» ngày 01/05/2020" in caught.value.message_dict["date"][0]


def test_a_backdated_event_that_breaks_the_later_history_is_refused(demo):
    member = make_member(official_on=D(2011, 3, 1))
    member_event_record(
        user=demo["party_officer"],
        member=member,
        kind=Kind.CELL_CHANGE,
        date=D(2019, 7, 1),
        cell=cell("cb-kh"),
    )
    with pytest.raises(ValidationError) as caught:
        member_event_record(
            user=demo["party_officer"], member=member, kind=Kind.TRANSFER_OUT, date=D(2018, 1, 1)
        )
    message = caught.value.message_dict["__all__"][0]
    assert message.startswith("Lịch sử của đảng viên sẽ không hợp lệ")
    assert "Chuyển chi bộ trong Đảng bộ» ngày 01/07/2019" in message


def test_a_member_saved_without_events_gets_its_history_on_the_first_event(demo):
    member = Member.objects.create(
        full_name="Đinh Văn Cũ",
        gender="male",
        cell=cell(),
        admitted_on=D(2001, 1, 1),
        official_on=D(2002, 1, 1),
    )
    assert member.status_at(D(2005, 1, 1)) == "official"  # the dates stand for the history
    member_event_record(user=demo["party_officer"], member=member, kind=Kind.EXEMPTED, date=D(2020, 1, 1))
    assert [e[0] for e in kinds(member)] == ["admitted", "official", "exempted"]


# ---- member_event_delete ------------------------------------------------------------------------------


def test_deleting_a_wrong_event_restores_the_member(demo):
    member = make_member(official_on=D(2011, 3, 1))
    event = member_event_record(
        user=demo["party_officer"],
        member=member,
        kind=Kind.CELL_CHANGE,
        date=D(2019, 7, 1),
        cell=cell("cb-kh"),
    )
    pk = event.pk
    member_event_delete(user=demo["party_officer"], event=event)
    member.refresh_from_db()
    assert member.cell.code == "cb-vp"
    assert not MemberEvent.objects.filter(pk=pk).exists()
    assert MemberEvent.history.filter(id=pk, history_type="-").get().history_user == demo["party_officer"]


def test_deleting_an_event_the_history_needs_is_refused(demo):
    member = make_member(official_on=D(2011, 3, 1))
    admitted = member.events.get(kind=Kind.ADMITTED)
    with pytest.raises(ValidationError):
        member_event_delete(user=demo["party_officer"], event=admitted)
    only = make_member().events.get()
    with pytest.raises(ValidationError):
        member_event_delete(user=demo["party_officer"], event=only)
    with pytest.raises(PermissionDenied):
        member_event_delete(user=demo["leader"], event=member.events.get(kind=Kind.OFFICIAL))
    assert member.events.count() == 2
