"""Registries of provinces and regions (danh mục tỉnh, vùng)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from cndp.core import generic
from cndp.core.permissions import require
from cndp.places import filtersets, forms, maps, selectors, tables
from cndp.places.models import Province, Region


class ProvinceViews(generic.Registry):
    model = Province
    queryset = Province.objects.select_related("successor")
    table = tables.ProvinceTable
    filterset = filtersets.ProvinceFilterSet
    detail_fields = ["code", "name", "kind", "version", "valid_from", "valid_to", "successor"]
    related_tables = [(_("Các tỉnh cũ hợp thành"), "predecessors", tables.ProvinceTable)]
    detail_template = "places/province_detail.html"
    allow_delete = False

    @classmethod
    def detail_extra(cls, obj):
        return {"memberships": selectors.region_membership_of(obj)}


class RegionViews(generic.Registry):
    model = Region
    queryset = Region.objects.annotate(member_count=Count("provinces"))
    table = tables.RegionTable
    filterset = filtersets.RegionFilterSet
    form = forms.RegionForm
    detail_fields = ["grouping", "name", "valid_from", "valid_to", "confirmed", "source"]
    detail_template = "places/region_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        members = selectors.region_members(obj)
        rows = []
        for new, olds in members.items():
            new.partial = new.predecessors.count() != len(olds)
            rows.append((new, olds))
        return {"members_34": rows, "members_63": list(obj.provinces.order_by("code"))}


MERGE_COLOURS = {1: "#c9dcef", 2: "#6fa3d2", 3: "#1f5f9e", 4: "#0b2f57"}


@login_required
def province_map(request):
    """Bản đồ sắp xếp đơn vị hành chính: each unit coloured by how many old units form its 2025 unit
    (the 34-unit map, or the 63-unit map with ?version=63); a click opens the unit. One query."""
    require(request.user, "view", Province)
    version = request.GET.get("version")
    version = version if version in (maps.V63, maps.V34) else maps.V34
    rows = selectors.province_merge_sizes(version)
    counts = sorted({size for _province, size in rows})
    province_map = maps.choropleth(
        dom_id="province-map",
        version=version,
        values={p.code: size for p, size in rows},
        names={p.code: p.name for p, _size in rows},
        links={p.code: p.get_absolute_url() for p, _size in rows},
        pieces=[
            (n, gettext_now("%(n)s tỉnh cũ") % {"n": n}, MERGE_COLOURS.get(n, "#0b2f57")) for n in counts
        ],
        title=gettext_now("Số tỉnh cũ hợp thành đơn vị từ 01/7/2025"),
        filename=f"ban-do-sap-xep-{version}",
    )
    return render(
        request,
        "places/province_map.html",
        {"province_map": province_map, "rows": rows, "version": version, "versions": (maps.V34, maps.V63)},
    )
