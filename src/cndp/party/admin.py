from django.contrib import admin

from cndp.core.admin import ServiceHistoryAdmin
from cndp.party.models import Member, MemberEvent


class MemberEventInline(admin.TabularInline):
    """The history is read here; it is written only through the services (the member's page)."""

    model = MemberEvent
    fields = ("date", "kind", "cell", "decision_number", "decision_date", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(ServiceHistoryAdmin):
    list_display = ("full_name", "cell", "admitted_on", "official_on")
    list_filter = ("cell",)
    search_fields = ("full_name", "search_folded")
    readonly_fields = ("cell", "admitted_on", "official_on")
    inlines = [MemberEventInline]

    def has_add_permission(self, request):
        return False  # through the member form or the import, which create the history too


@admin.register(MemberEvent)
class MemberEventAdmin(ServiceHistoryAdmin):
    list_display = ("member", "kind", "date", "cell", "decision_number")
    list_filter = ("kind",)
    search_fields = ("member__full_name", "decision_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
