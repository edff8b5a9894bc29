"""Test helpers for the congress module: a congress in session with as many summoned delegates as a test
needs (written in bulk: a 300-delegate check-in desk is set up in well under a second)."""

from __future__ import annotations

import datetime

from cndp.accounts.models import Unit
from cndp.congress.choices import CongressStatus
from cndp.congress.models import Congress, Delegate
from cndp.core.demo import vietnamese_names
from cndp.core.text import name_sort_key
from cndp.party.models import Member

# Names a check-in desk must tell apart: a full name that is the start of longer ones, and namesakes.
# "Lương Bích Xuyến" is the one name no generated name comes near.
TRICKY_NAMES = [
    "Đỗ Minh An",
    "Đỗ Minh Anh",
    "Đỗ Minh Oanh",
    "Đỗ Minh Ánh",
    "Trần Thị Hà",
    "Trần Thị Hà",
    "Lương Bích Xuyến",
]


def congress_in_session(
    *, ordinal: int = 12, total: int = 300, present: int = 0, names=TRICKY_NAMES
) -> Congress:
    """A congress in session of the agency's Party Committee with `total` official delegates: `names`
    first (codes DH<ordinal>-001…), then generated ones; the last `present` of them already checked in."""
    committee = Unit.objects.get(code="dang-bo-cuc")
    cells = list(Unit.objects.filter(kind="party_cell", parent=committee).order_by("code"))
    congress = Congress.objects.create(
        organisation=committee,
        ordinal=ordinal,
        term_start=2025,
        term_end=2030,
        opens_on=datetime.date(2025, 6, 10),
        status=CongressStatus.IN_SESSION,
    )
    generated = [n for n, _g in vietnamese_names(max(total - len(names), 0), seed=ordinal, taken=set(names))]
    all_names = [*names, *generated][:total]
    members = []
    for i, full_name in enumerate(all_names):
        member = Member(
            full_name=full_name,
            gender="male",
            cell=cells[i % len(cells)],
            admitted_on=datetime.date(2000, 1, 1),
            official_on=datetime.date(2001, 1, 1),
            name_sort_key=name_sort_key(full_name),
        )
        member.search_folded = member.search_text()
        members.append(member)
    members = Member.objects.bulk_create(members)
    delegates = []
    for i, member in enumerate(members, start=1):
        delegate = Delegate(
            congress=congress,
            member=member,
            full_name=member.full_name,
            name_sort_key=member.name_sort_key,
            cell=member.cell,
            is_official=True,
            code=f"DH{ordinal:02d}-{i:03d}",
            present=i > total - present,
        )
        delegate.search_folded = delegate.search_text()
        delegates.append(delegate)
    Delegate.objects.bulk_create(delegates)
    return congress
