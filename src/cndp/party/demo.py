"""Demo Party Committee as the seed describes it on 10/6/2015 (Đại hội III): 8 cells, 56 members
(43 official, 13 probationary) among the agency's 79 staff. Every member has a history of events, written
through the services; the 13 were recognised as official when their 12 months ended.

A few later events make the history visible without touching the 2015 numbers: a transfer out (2018),
a cell change (2019), a temporary activity elsewhere and the return (2021–2022), a new admission (2016),
a member admitted elsewhere who transferred in (2020), and a recent admission whose probation is about
to end (so the reminder list is not empty). Idempotent: members are keyed by their staff account, events
by (member, kind, date)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from cndp.accounts.demo import CELLS
from cndp.accounts.models import Unit, User
from cndp.core.demo import guess_gender
from cndp.party import rules
from cndp.party.models import Member, MemberEvent
from cndp.party.rules import Kind, probation_ends
from cndp.party.services import member_create, member_event_record, member_sync

SEED_DATE = datetime.date(2015, 6, 10)
# members per cell, official per cell: 56 = 43 + 13, each cell ≥ 3 official (Charter Art. 24)
CELL_SIZES = [9, 8, 7, 7, 7, 6, 6, 6]
CELL_PROBATIONARY = [2, 2, 2, 2, 2, 1, 1, 1]


def _birth_date(rng: random.Random, admitted: datetime.date) -> datetime.date:
    """Born 20 to 38 years before admission (old enough: Charter Art. 1)."""
    return datetime.date(admitted.year - rng.randint(20, 38), rng.randint(1, 12), rng.randint(1, 28))


def _seed_history(member: Member, admin) -> None:
    """A member saved before histories existed: write the events their dates imply."""
    for data in rules.events_from_dates(member.admitted_on, member.official_on, member.cell_id):
        event = MemberEvent(member=member, kind=data.kind, date=data.date, cell_id=data.cell_id)
        event._history_user = admin
        event.full_clean()
        event.save()
    member_sync(member=member, user=admin)


def _record(admin, member: Member, kind: str, date: datetime.date, **extra) -> None:
    if not MemberEvent.objects.filter(member=member, kind=kind, date=date).exists():
        member_event_record(user=admin, member=member, kind=kind, date=date, **extra)


def _new_member(
    admin, person: User, cell: Unit, rng: random.Random, admitted: datetime.date, **extra
) -> Member:
    birth = _birth_date(rng, admitted)
    existing = Member.objects.filter(staff=person).first()
    if existing is not None:
        return existing
    return member_create(
        user=admin,
        full_name=person.full_name,
        gender=guess_gender(person.full_name),
        birth_date=birth,
        cell=cell,
        admitted_on=admitted,
        staff=person,
        **extra,
    )


def load(stdout) -> None:
    rng = random.Random(56)
    admin = User.objects.get(username="quantri")
    cells = [Unit.objects.get(code=code) for code, _n, _a in CELLS]
    # Demo logins first, so that the party officer, the counting-board member and the leader are
    # official members; then the generated staff.
    staff = sorted(
        User.objects.filter(is_agency_staff=True), key=lambda u: (u.username.startswith("cb"), u.username)
    )
    linked = {m.staff_id: m for m in Member.objects.filter(staff__isnull=False)}
    seated: list[list[Member]] = []
    index = 0
    for cell, size, probationary in zip(cells, CELL_SIZES, CELL_PROBATIONARY, strict=True):
        seated.append([])
        for k in range(size):
            person = staff[index]
            index += 1
            if k < size - probationary:
                admitted = datetime.date(rng.randint(1988, 2013), rng.randint(1, 12), rng.randint(1, 28))
            else:
                admitted = SEED_DATE - datetime.timedelta(days=rng.randint(20, 360))
            birth = _birth_date(rng, admitted)
            member = linked.get(person.pk)
            if member is None:
                member = member_create(
                    user=admin,
                    full_name=person.full_name,
                    gender=guess_gender(person.full_name),
                    birth_date=birth,
                    cell=cell,
                    admitted_on=admitted,
                    official_on=probation_ends(admitted),
                    staff=person,
                )
            else:
                changed = member.full_name != person.full_name
                member.full_name = person.full_name
                member.gender = guess_gender(person.full_name)
                if changed:
                    member._history_user = admin
                    member.save()
                if not member.events.exists():
                    _seed_history(member, admin)
            seated[-1].append(member)

    # Later history (after the 2015 congress).
    _record(
        admin,
        seated[0][5],
        Kind.TRANSFER_OUT,
        datetime.date(2018, 3, 15),
        decision_number="112-QĐ/ĐU",
        decision_date=datetime.date(2018, 3, 9),
        note="Chuyển sinh hoạt đảng chính thức về Đảng bộ Tổng cục Quản lý thị trường.",
    )
    _record(
        admin,
        seated[2][1],
        Kind.CELL_CHANGE,
        datetime.date(2019, 7, 1),
        cell=cells[3],
        decision_number="87-QĐ/ĐU",
        decision_date=datetime.date(2019, 6, 25),
        note="Điều động sang Phòng Quản lý cụm công nghiệp.",
    )
    _record(
        admin,
        seated[5][2],
        Kind.TEMPORARY_OUT,
        datetime.date(2021, 9, 6),
        note="Đi học tập trung tại Học viện Chính trị quốc gia Hồ Chí Minh.",
    )
    _record(admin, seated[5][2], Kind.TEMPORARY_RETURN, datetime.date(2022, 6, 30))

    spare = staff[index : index + 3]  # the next staff accounts, the same on every run
    if len(spare) == 3:
        _new_member(
            admin,
            spare[0],
            cells[1],
            rng,
            datetime.date(2016, 11, 4),
            official_on=datetime.date(2017, 11, 4),
        )
        _new_member(
            admin,
            spare[1],
            cells[6],
            rng,
            datetime.date(2012, 5, 19),
            official_on=datetime.date(2013, 5, 19),
            transferred_in_on=datetime.date(2020, 2, 10),
        )
        # Admitted 345 days ago: the probation ends within the 30-day reminder window.
        _new_member(admin, spare[2], cells[4], rng, timezone.localdate() - datetime.timedelta(days=345))
    stdout.write(
        f"Đảng viên: {Member.objects.count()} trong {len(cells)} chi bộ; "
        f"sự kiện: {MemberEvent.objects.count()}\n"
    )
