"""Việc chạy nền in the administration site: read-only (a job is written only by its services), filtered by
state, kind and user — where an administrator looks for the jobs that failed, and why."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cndp.core.jobs import kinds
from cndp.core.jobs.models import Job


class KindFilter(admin.SimpleListFilter):
    title = _("loại việc")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        keys = Job.objects.order_by("kind").values_list("kind", flat=True).distinct()
        return [(key, kinds.label(key)) for key in keys]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("number", "label", "kind_label", "owner", "state", "created", "finished")
    list_display_links = ("number", "label")
    list_filter = ("state", KindFilter, ("owner", admin.RelatedOnlyFieldListFilter))
    search_fields = ("label", "file_name", "owner__username", "owner__full_name")
    list_select_related = ("owner",)
    date_hierarchy = "created"
    readonly_fields = [field.name for field in Job._meta.fields]
    exclude = ()

    @admin.display(description=_("mã việc"), ordering="pk")
    def number(self, job):
        return f"#{job.pk}"

    @admin.display(description=_("loại việc"), ordering="kind")
    def kind_label(self, job):
        return kinds.label(job.kind)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
