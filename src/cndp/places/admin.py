from django.contrib import admin

from cndp.core.admin import ServiceHistoryAdmin
from cndp.places.models import Province, ProvinceName, Region


class ProvinceNameInline(admin.TabularInline):
    model = ProvinceName
    extra = 0


@admin.register(Province)
class ProvinceAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "kind", "version", "valid_from", "valid_to", "successor")
    list_filter = ("version", "kind")
    search_fields = ("name", "code", "search_folded")
    inlines = [ProvinceNameInline]


@admin.register(Region)
class RegionAdmin(ServiceHistoryAdmin):
    list_display = ("name", "grouping", "confirmed", "valid_from", "valid_to")
    list_filter = ("grouping", "confirmed")
    filter_horizontal = ("provinces",)
