from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cndp.places.models import Province, ProvinceName, Region


class ProvinceNameInline(admin.TabularInline):
    model = ProvinceName
    extra = 0


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "version", "valid_from", "valid_to", "successor")
    list_filter = ("version", "kind")
    search_fields = ("name", "code", "search_folded")
    inlines = [ProvinceNameInline]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "grouping", "confirmed", "valid_from", "valid_to")
    list_filter = ("grouping", "confirmed")
    filter_horizontal = ("provinces",)
