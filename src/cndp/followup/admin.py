"""The follow-up in the admin: leaders, sessions and notices are edited through the shared service
(scope, audit); tasks, their units, reports and extensions are read only here (their services keep the
calendar obligations in step)."""

from django.contrib import admin

from cndp.core.admin import ServiceHistoryAdmin
from cndp.followup.models import (
    Assignment,
    DeadlineExtension,
    Leader,
    Notice,
    ProgressReport,
    Task,
    WorkingSession,
)


@admin.register(Leader)
class LeaderAdmin(ServiceHistoryAdmin):
    list_display = ("full_name", "position", "email", "is_active")
    exclude = ("search_folded",)


@admin.register(WorkingSession)
class WorkingSessionAdmin(ServiceHistoryAdmin):
    list_display = ("date", "leader", "province", "topic")
    list_filter = ("leader",)
    exclude = ("search_folded",)


@admin.register(Notice)
class NoticeAdmin(ServiceHistoryAdmin):
    list_display = ("number", "date", "session", "signer")
    exclude = ("search_folded",)


class ReadOnlyAdmin(ServiceHistoryAdmin):
    exclude = ("search_folded",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("place", "notice", "lead_unit", "province", "deadline", "state")
    list_filter = ("state", "deadline_kind")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("task", "unit", "role", "percent")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("reported_on", "assignment", "percent", "done", "verdict")


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ReadOnlyAdmin):
    list_display = ("task", "old_deadline", "new_deadline", "agreed_by", "agreed_on")
