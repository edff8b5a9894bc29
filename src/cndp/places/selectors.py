"""Reads over administrative units (tra cứu đơn vị hành chính)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from cndp.places.choices import ProvinceVersion
from cndp.places.models import Province, ProvinceName, Region


def province_list_valid_at(date: datetime.date) -> QuerySet[Province]:
    """The provincial units in force on `date` (63 before 1/7/2025, 34 from then on)."""
    return Province.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=date),
        Q(valid_to__isnull=True) | Q(valid_to__gte=date),
    ).order_by("code")


def province_at(code: str, date: datetime.date) -> Province | None:
    """The unit with `code` in force on `date`."""
    return province_list_valid_at(date).filter(code=code).first()


def province_name_at(province: Province, date: datetime.date) -> str:
    """The name the unit carried on `date` (dated renames, e.g. Huế from 1/1/2025)."""
    for entry in ProvinceName.objects.filter(province=province):
        if (entry.valid_from is None or entry.valid_from <= date) and (
            entry.valid_to is None or date <= entry.valid_to
        ):
            return entry.name
    return province.name


def province_successor(old: Province) -> Province:
    """The 34-version unit an old (63-version) unit became part of; a new unit is its own successor."""
    if old.version == ProvinceVersion.V34:
        return old
    return old.successor


def province_predecessors(new: Province) -> QuerySet[Province]:
    """The old units a new one was formed from (itself if it is an old unit)."""
    if new.version == ProvinceVersion.V63:
        return Province.objects.filter(pk=new.pk)
    return Province.objects.filter(version=ProvinceVersion.V63, successor=new).order_by("code")


def province_current(province: Province) -> Province:
    """The unit in force today that covers `province` (used to key old records to the new map)."""
    return province_successor(province)


def region_members(region: Region, version: str = ProvinceVersion.V34) -> dict[Province, list[Province]]:
    """Members of a region in a version: for the 34, each new unit with the old members it comes from.

    A new unit may be only partly in a region (Quảng Ngãi = Quảng Ngãi + Kon Tum, and only Kon Tum is in
    Tây Nguyên): the list of old members shows that.
    """
    old_members = list(region.provinces.select_related("successor").order_by("code"))
    if version == ProvinceVersion.V63:
        return {p: [p] for p in old_members}
    result: dict[Province, list[Province]] = {}
    for old in old_members:
        result.setdefault(old.successor, []).append(old)
    return dict(sorted(result.items(), key=lambda item: item[0].code))


def region_membership_of(province: Province) -> list[dict]:
    """Regions a unit belongs to, with whether it belongs wholly or partly (through some predecessors)."""
    predecessors = list(province_predecessors(province))
    ids = {p.pk for p in predecessors}
    out = []
    regions = Region.objects.filter(provinces__in=ids).prefetch_related("provinces").distinct()
    for region in regions.order_by("grouping", "name"):
        inside = [p for p in region.provinces.all() if p.pk in ids]
        out.append(
            {"region": region, "via": sorted(inside, key=lambda p: p.code), "whole": len(inside) == len(ids)}
        )
    return out


def province_merge_sizes(version: str) -> list[tuple[Province, int]]:
    """Each unit of a version with the number of old units that form its unit of 1/7/2025 (1 = kept as it
    was; 2–3 = merged): the 34 by their predecessors, the 63 by their successor's. One query."""
    if version == ProvinceVersion.V63:
        queryset = Province.objects.filter(version=version).annotate(size=Count("successor__predecessors"))
    else:
        queryset = Province.objects.filter(version=version).annotate(size=Count("predecessors"))
    return [(p, p.size) for p in queryset.order_by("code")]
