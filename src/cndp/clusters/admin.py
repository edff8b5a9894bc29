from django.contrib import admin

from cndp.clusters.models import Cluster, ClusterCondition, ClusterDecision, ClusterReport, SecondaryProject
from cndp.core.admin import ServiceHistoryAdmin


@admin.register(ClusterCondition)
class ClusterConditionAdmin(ServiceHistoryAdmin):
    """The dated Decree 32 conditions; UNCONFIRMED rows (confirmed unticked) are visible here."""

    list_display = (
        "key",
        "applies_to",
        "min_area",
        "max_area",
        "share",
        "unleased",
        "area_level",
        "valid_from",
        "valid_to",
        "confirmed",
        "legal_basis",
    )
    list_filter = ("key", "confirmed")


@admin.register(Cluster)
class ClusterAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "province_current", "status", "occupancy", "flagged")
    list_filter = ("status", "kind", "flagged")
    search_fields = ("code", "name", "search_folded")
    readonly_fields = ("status", "established_on", "established_area", "occupancy", "flagged", "flags")

    def save_model(self, request, obj, form, change):
        from cndp.clusters.services import cluster_save

        cluster_save(cluster=obj, user=request.user)


@admin.register(ClusterDecision)
class ClusterDecisionAdmin(ServiceHistoryAdmin):
    list_display = ("cluster", "kind", "number", "date", "issuer", "recorded_by")
    list_filter = ("kind",)


@admin.register(SecondaryProject)
class SecondaryProjectAdmin(ServiceHistoryAdmin):
    list_display = ("name", "investor", "cluster", "status", "workers")
    search_fields = ("name", "investor", "search_folded")


@admin.register(ClusterReport)
class ClusterReportAdmin(ServiceHistoryAdmin):
    list_display = ("__str__", "form", "period_end", "province")
    list_filter = ("form", "period")
