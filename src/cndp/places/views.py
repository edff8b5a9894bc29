"""Registries of provinces and regions (danh mục tỉnh, vùng)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cndp.core import generic
from cndp.places import filtersets, forms, selectors, tables
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
