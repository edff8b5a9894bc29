from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cndp.accounts.models import Unit, User
from cndp.core.admin import ServiceHistoryAdmin


@admin.register(Unit)
class UnitAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "kind", "parent", "province", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code", "search_folded")
    autocomplete_fields = ("parent", "head")


@admin.register(User)
class UserAdmin(ServiceHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "email", "unit", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email", "search_folded")
    ordering = ("name_sort_key",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            "CNĐP",
            {
                "fields": (
                    "full_name",
                    "unit",
                    "position",
                    "phone",
                    "is_agency_staff",
                    ("agency_staff_from", "agency_staff_to"),
                )
            },
        ),
    )
