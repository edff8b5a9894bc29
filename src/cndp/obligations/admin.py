"""The administrator edits the calendar rules here; a saved rule (or its escalation steps) moves the due
dates of the open obligations it governs (services.rule_apply). Values not checked against the legal
text are marked UNCONFIRMED in the list and on the form."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cndp.core.admin import ServiceHistoryAdmin
from cndp.core.services import ServiceError
from cndp.obligations import kinds, services
from cndp.obligations.models import CalendarRule, EscalationStep, Obligation


class EscalationStepInline(admin.TabularInline):
    model = EscalationStep
    extra = 0
    exclude = ("search_folded",)


class CalendarRuleForm(admin.ModelAdmin.form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms

        if "kinds" in self.fields:
            self.fields["kinds"] = forms.MultipleChoiceField(
                label=CalendarRule._meta.get_field("kinds").verbose_name,
                choices=kinds.choices(),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=self.instance.kinds if self.instance.pk else [],
            )


@admin.register(CalendarRule)
class CalendarRuleAdmin(ServiceHistoryAdmin):
    form = CalendarRuleForm
    list_display = (
        "name",
        "kind_labels",
        "period_type",
        "due_day",
        "remind_days",
        "valid_from",
        "unconfirmed",
    )
    search_fields = ("name", "search_folded")
    inlines = [EscalationStepInline]

    @admin.display(description=_("CHƯA ĐỐI CHIẾU"), boolean=True)
    def unconfirmed(self, obj):
        return not obj.confirmed

    def save_model(self, request, obj, form, change):
        try:
            moved = services.rule_save(rule=obj, user=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
            raise PermissionDenied(str(exc)) from exc
        request._obligations_moved = moved

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        moved = services.rule_apply(rule=form.instance, user=request.user)  # the steps saved too
        moved = max(moved, getattr(request, "_obligations_moved", 0))
        if moved:
            messages.info(
                request,
                ngettext(
                    "Đã dời hạn %(n)s nghĩa vụ báo cáo theo quy định mới.",
                    "Đã dời hạn %(n)s nghĩa vụ báo cáo theo quy định mới.",
                    moved,
                )
                % {"n": moved},
            )


@admin.register(Obligation)
class ObligationAdmin(ServiceHistoryAdmin):
    list_display = ("title", "kind", "province", "due_on", "state", "escalation")
    list_filter = ("kind", "state")
    search_fields = ("title", "search_folded")
    readonly_fields = ("content_type", "object_id", "state", "submissions", "reminded_on", "escalation")
