"""The agency edits the catalogue here (indicators, data sets, validation rules) through the core write
services; values and submissions are read-only here: they change only through their services (value
history, locking after approval, the reporting calendar's steps)."""

from django.contrib import admin

from cndp.core.admin import ServiceHistoryAdmin
from cndp.indicators.models import DataSet, DataSetIndicator, DataValue, Indicator, Submission, ValidationRule


@admin.register(Indicator)
class IndicatorAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "unit", "period_type", "aggregation", "valid_from", "valid_to")
    list_filter = ("period_type", "aggregation")
    search_fields = ("code", "name", "name_en")
    exclude = ("search_folded",)
    raw_id_fields = ("weight", "numerator", "denominator")


class DataSetIndicatorInline(admin.TabularInline):
    model = DataSetIndicator
    extra = 0
    exclude = ("search_folded",)


@admin.register(DataSet)
class DataSetAdmin(ServiceHistoryAdmin):
    list_display = ("code", "name", "period_type", "rule", "outlier_share", "valid_from", "valid_to")
    search_fields = ("code", "name")
    exclude = ("search_folded",)
    inlines = [DataSetIndicatorInline]


@admin.register(ValidationRule)
class ValidationRuleAdmin(ServiceHistoryAdmin):
    list_display = ("name", "left", "operator", "right", "active")
    exclude = ("search_folded",)


class ReadOnlyAdmin(ServiceHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataValue)
class DataValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period_start", "province", "value", "state")
    list_filter = ("state", "indicator", "period_type")
    list_select_related = ("indicator", "province")
    date_hierarchy = "period_start"


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("dataset", "province", "period_start", "obligation")
    list_select_related = ("dataset", "province", "obligation")
    list_filter = ("dataset",)
