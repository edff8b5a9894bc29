from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cndp.party.models import Member


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "cell", "admitted_on", "official_on")
    list_filter = ("cell",)
    search_fields = ("full_name", "search_folded")
