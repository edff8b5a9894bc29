"""Demo Party Committee as the seed describes it on 10/6/2015 (Đại hội III): 8 cells, 56 members
(43 official, 13 probationary) among the agency's 79 staff. Later dates follow from the dates:
the 13 were recognised as official when their 12 months ended."""

from __future__ import annotations

import datetime
import random

from cndp.accounts.demo import CELLS
from cndp.accounts.models import Unit, User
from cndp.core.demo import guess_gender
from cndp.party.models import Member
from cndp.party.rules import probation_ends

SEED_DATE = datetime.date(2015, 6, 10)
# members per cell, official per cell: 56 = 43 + 13, each cell ≥ 3 official (Charter Art. 24)
CELL_SIZES = [9, 8, 7, 7, 7, 6, 6, 6]
CELL_PROBATIONARY = [2, 2, 2, 2, 2, 1, 1, 1]


def load(stdout) -> None:
    rng = random.Random(56)
    cells = [Unit.objects.get(code=code) for code, _n, _a in CELLS]
    # Demo logins first, so that the party officer, the counting-board member and the leader are
    # official members; then the generated staff.
    staff = sorted(
        User.objects.filter(is_agency_staff=True), key=lambda u: (u.username.startswith("cb"), u.username)
    )
    linked = {m.staff_id: m for m in Member.objects.filter(staff__isnull=False)}
    index = 0
    for cell, size, probationary in zip(cells, CELL_SIZES, CELL_PROBATIONARY, strict=True):
        for k in range(size):
            person = staff[index]
            index += 1
            if k < size - probationary:
                admitted = datetime.date(rng.randint(1988, 2013), rng.randint(1, 12), rng.randint(1, 28))
            else:
                admitted = SEED_DATE - datetime.timedelta(days=rng.randint(20, 360))
            official = probation_ends(admitted)
            member = linked.get(person.pk) or Member(staff=person)
            if member.pk is None:
                member.admitted_on = admitted
                member.official_on = official
            member.full_name = person.full_name
            member.gender = guess_gender(person.full_name)
            member.cell = cell
            member.birth_date = member.birth_date or datetime.date(
                rng.randint(1960, 1992), rng.randint(1, 12), rng.randint(1, 28)
            )
            member.save()
    stdout.write(f"Đảng viên: {Member.objects.count()} trong {len(cells)} chi bộ\n")
