from django.contrib import admin

from cndp.core.admin import ServiceHistoryAdmin
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    FundingCap,
    LedgerEntry,
    PriorityArea,
    Programme,
    ProgrammeTarget,
    Project,
    ProjectTransition,
    Rubric,
    RubricCriterion,
    Trade,
)

DATED = ("valid_from", "valid_to")


class ProgrammeTargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 0
    exclude = ("search_folded",)


@admin.register(Programme)
class ProgrammeAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "scope", "province", "phase_start", "phase_end", *DATED)
    list_filter = ("scope",)
    search_fields = ("code", "name", "search_folded")
    inlines = [ProgrammeTargetInline]


@admin.register(ActivityType)
class ActivityTypeAdmin(ServiceHistoryAdmin):
    list_display = ("order", "code", "name", *DATED, "legal_basis")
    list_display_links = ("code", "name")
    search_fields = ("code", "name", "search_folded")


@admin.register(FundingCap)
class FundingCapAdmin(ServiceHistoryAdmin):
    list_display = (
        "activity_type",
        "province",
        "share_percent",
        "max_amount",
        "per",
        "line_multiplier",
        *DATED,
        "confirmed",
    )
    list_filter = ("activity_type", "confirmed")
    search_fields = ("search_folded", "legal_basis")
    autocomplete_fields = ("province",)


@admin.register(Trade)
class TradeAdmin(ServiceHistoryAdmin):
    list_display = ("order", "code", "name", *DATED)
    list_display_links = ("code", "name")
    search_fields = ("code", "name", "search_folded")


@admin.register(PriorityArea)
class PriorityAreaAdmin(ServiceHistoryAdmin):
    list_display = ("kind", "code", "name", *DATED)
    list_filter = ("kind",)
    search_fields = ("code", "name", "search_folded")


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0
    exclude = ("search_folded",)


@admin.register(Rubric)
class RubricAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "scale", "pass_score", "min_reviewers", *DATED)
    inlines = [RubricCriterionInline]


@admin.register(AnnualFund)
class AnnualFundAdmin(ServiceHistoryAdmin):
    list_display = ("year", "programme", "amount", "decision")
    list_filter = ("programme",)


@admin.register(Project)
class ProjectAdmin(ServiceHistoryAdmin):
    """Read in the admin; written through the application's services (caps, lifecycle, scope)."""

    list_display = ("code", "name", "plan_year", "province", "activity_type", "extension_funds", "status")
    list_filter = ("plan_year", "status", "activity_type")
    search_fields = ("code", "search_folded")
    list_select_related = ("province", "activity_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(admin.ModelAdmin):
    list_display = ("project", "source", "target", "actor", "at", "decision_number")
    list_select_related = ("project", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the lifecycle record is append-only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ProjectTransitionAdmin):
    list_display = ("project", "kind", "amount", "on", "document_number", "recorded_by")
    list_select_related = ("project", "recorded_by")
