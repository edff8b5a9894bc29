"""The national picture of industrial clusters (tình hình cụm công nghiệp cả nước): by province (today's
34 or as it was), region or kind — number, area, occupancy, operating share, wastewater coverage,
flagged — computed by the database in one grouped query (the query count does not grow with the
clusters), the ratios in plain Python (layouts.Figures)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.clusters import layouts, rules
from cndp.clusters.choices import ClusterKind
from cndp.places.models import Province, Region

BY = {
    "province": gettext_lazy("Tỉnh, thành phố (34)"),
    "province_old": gettext_lazy("Tỉnh, thành phố (khi đăng ký)"),
    "region": gettext_lazy("Vùng"),
    "kind": gettext_lazy("Loại cụm"),
}
KEY = {
    "province": "province_current_id",
    "province_old": "province_id",
    "region": "province_id",
    "kind": "kind",
}
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


def counted(queryset):
    """The clusters the picture counts: those still in the plan or established (not removed, revoked)."""
    return queryset.exclude(status__in=[rules.REMOVED, rules.REVOKED])


def figures_by(queryset, key: str) -> dict[object, layouts.Figures]:
    """One grouped aggregate query: {key value → Figures}."""
    operating = Q(status__in=sorted(rules.ACTIVE_OPERATING))
    rows = (
        counted(queryset)
        .order_by()
        .values(key)
        .annotate(
            clusters=Count("pk"),
            established=Count("pk", filter=Q(established_on__isnull=False)),
            operating=Count("pk", filter=operating),
            area=Coalesce(Sum(Coalesce("established_area", "planned_area")), ZERO),
            land=Coalesce(Sum("industrial_land", filter=operating), ZERO),
            leased=Coalesce(Sum(Least("leased_area", "industrial_land"), filter=operating), ZERO),
            wastewater=Count("pk", filter=operating & Q(wastewater="operating")),
            flagged=Count("pk", filter=Q(flagged=True)),
        )
    )
    return {row.pop(key): layouts.Figures(**row) for row in rows}


def picture(queryset, by: str = "province", grouping: str = "socio_economic") -> dict:
    """Rows (label, code, Figures) of the picture and the total, in a fixed number of queries."""
    by = by if by in BY else "province"
    groups = figures_by(queryset, KEY[by])
    total = layouts.Figures()
    for figures in groups.values():
        total.add(figures)
    rows = []
    if by == "kind":
        labels = dict(ClusterKind.choices)
        rows = [(str(labels.get(k, k)), k, f) for k, f in sorted(groups.items())]
    elif by in ("province", "province_old"):
        provinces = Province.objects.in_bulk(list(groups))
        rows = sorted(
            ((provinces[pk].name, provinces[pk].code, f) for pk, f in groups.items()),
            key=lambda r: r[1],
        )
    else:
        # A cluster counts in the region of the unit it was registered under (a 2025 unit: the region of
        # its first predecessor by code, so no cluster counts twice within one grouping).
        provinces = Province.objects.in_bulk(list(groups))
        first_old = {}
        for old in Province.objects.filter(successor__in=list(groups)).order_by("code"):
            first_old.setdefault(old.successor_id, old.pk)
        regions = list(
            Region.objects.filter(grouping=grouping).prefetch_related("provinces").order_by("name")
        )
        region_of = {}
        for region in regions:
            for old in region.provinces.all():
                region_of.setdefault(old.pk, region)
        by_region: dict[object, layouts.Figures] = defaultdict(layouts.Figures)
        for pk, figures in groups.items():
            old_pk = pk if provinces[pk].version == "63" else first_old.get(pk)
            region = region_of.get(old_pk)
            by_region[region.name if region else _("Chưa xếp vùng")].add(figures)
        rows = [(name, "", f) for name, f in sorted(by_region.items())]
    return {"by": by, "label": BY[by], "rows": rows, "total": total}


def occupancy_by_province(queryset) -> dict[str, Decimal]:
    """{34-unit code → occupancy in %} for the map (one grouped query and the province names)."""
    groups = figures_by(queryset, "province_current__code")
    return {
        code: (f.occupancy * 100).quantize(Decimal("0.1"))
        for code, f in groups.items()
        if f.occupancy is not None
    }
