"""Counts of the Party Committee at a date (số lượng đảng viên), derived from dates, never typed in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from cndp.accounts.models import Unit, User
from cndp.party.models import Member


@dataclass(frozen=True)
class PartyCounts:
    cells: int
    members: int
    official: int
    probationary: int
    staff: int

    @property
    def ratio(self) -> float:
        from cndp.party.rules import staff_ratio

        return staff_ratio(self.members, self.staff)


def member_counts(at: datetime.date | None = None) -> PartyCounts:
    at = at or datetime.date.today()
    members = Member.objects.filter(admitted_on__lte=at)
    official = Q(official_on__isnull=False, official_on__lte=at)
    agg = members.aggregate(total=Count("pk"), official=Count("pk", filter=official))
    return PartyCounts(
        cells=Unit.objects.filter(kind="party_cell", is_active=True).count(),
        members=agg["total"],
        official=agg["official"],
        probationary=agg["total"] - agg["official"],
        staff=User.objects.filter(is_agency_staff=True, is_active=True).count(),
    )


@dataclass(frozen=True)
class MemberAtDate:
    """A member as they stood on a date (đảng viên tại một ngày)."""

    member: Member
    status: str  # "official" | "probationary"
    cell_id: int
    temporary_away: bool = False  # sinh hoạt tạm thời nơi khác
    exempted: bool = False  # miễn công tác và sinh hoạt đảng
    suspended: bool = False  # đình chỉ sinh hoạt

    @property
    def is_official(self) -> bool:
        return self.status == "official"


def members_at(at: datetime.date, cell_ids: list[int] | None = None) -> list[MemberAtDate]:
    """The members of the Party Committee on `at`, in Vietnamese name order, with their status."""
    from cndp.party.rules import status_at

    qs = Member.objects.select_related("cell").filter(admitted_on__lte=at).order_by("name_sort_key", "pk")
    if cell_ids:
        qs = qs.filter(cell_id__in=cell_ids)
    return [MemberAtDate(member=m, status=status_at(m.admitted_on, m.official_on, at), cell_id=m.cell_id) for m in qs]
