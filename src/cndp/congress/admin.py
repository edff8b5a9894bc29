from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cndp.congress.models import CheckEvent, Comment, Congress, Delegate, DraftDocument
from cndp.core.admin import ServiceHistoryAdmin


@admin.register(Congress)
class CongressAdmin(ServiceHistoryAdmin):
    list_display = ("__str__", "kind", "opens_on", "rule_set", "quorum_rule", "status")
    readonly_fields = ("quorum_rule",)

    @admin.display(description=_("điều kiện có mặt (bộ quy tắc)"))
    def quorum_rule(self, obj):
        """The quorum rule with its UNCONFIRMED marking: for the administrator only, never on working screens."""
        if obj is None or obj.pk is None:
            return ""
        rule_set = obj.rules
        if rule_set.quorum_note:
            return f"{rule_set.quorum_label} — {rule_set.quorum_note}"
        return rule_set.quorum_label


@admin.register(Delegate)
class DelegateAdmin(ServiceHistoryAdmin):
    list_display = ("code", "full_name", "congress", "cell", "is_official", "exclusion", "present")
    list_filter = ("congress", "is_official", "present")
    search_fields = ("full_name", "code", "search_folded")


@admin.register(CheckEvent)
class CheckEventAdmin(admin.ModelAdmin):
    list_display = ("delegate", "kind", "at", "method", "recorded_by")

    def has_change_permission(self, request, obj=None):
        return False  # check events are an append-only record

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DraftDocument)
class DraftDocumentAdmin(ServiceHistoryAdmin):
    list_display = ("title", "version", "kind", "congress", "issued_on", "status")
    list_filter = ("kind", "status")


@admin.register(Comment)
class CommentAdmin(ServiceHistoryAdmin):
    list_display = ("section", "author_kind", "delegate", "cell", "submitted_at", "answer")
    list_filter = ("answer", "author_kind")
    search_fields = ("content", "search_folded")
