"""Project screens: the project registry (list with filters and Excel, detail with the transition history,
the next steps, the appraisal sheets, the ledger and the reports, edit through the services), a
transition, a ledger entry, the beneficiaries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core import generic
from cndp.core.permissions import can, in_scope, require
from cndp.core.services import ServiceError
from cndp.core.views import act, form_errors
from cndp.extension.appraisal import forms as appraisal_forms
from cndp.extension.appraisal import selectors as appraisal_selectors
from cndp.extension.models import (
    OUTPUTS,
    Appraisal,
    Beneficiary,
    LedgerEntry,
    ProgressReport,
    Project,
    ProjectDocument,
)
from cndp.extension.progress import forms as progress_forms
from cndp.extension.progress import selectors as progress_selectors
from cndp.extension.projects import caps, filtersets, forms, lifecycle, selectors, services, tables

PROJECT_DETAIL_FIELDS = [
    "code",
    "plan_year",
    "name",
    "programme",
    "implementing_unit",
    "coordinating_units_label",
    "province",
    "province_current",
    "commune",
    "craft_village",
    "activity_type",
    "trade",
    "priority_areas_label",
    "technology_line",
    "is_pilot",
    "objectives",
    "scale",
    "start_date",
    "end_date",
    "extension_funds",
    "counterpart_funds",
    "total_funds",
    "approved_funds",
    "planned_trainees",
    "planned_models",
    "planned_machines",
    "planned_products",
    "planned_jobs",
    "percent_complete",
    "status",
    "registered_on",
    "score",
]


def _error_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for messages_ in exc.message_dict.values() for m in messages_]
    return list(exc.messages)


class ProjectEditView(generic.ObjectEditView):
    """Create and edit through services.project_create / project_update (caps, deadline, scope)."""

    def get_instance(self):
        instance = super().get_instance()
        if instance.pk and not forms.may_edit(self.request.user, instance):
            raise ServiceError(
                _("Đề án đang ở trạng thái «%(s)s», không sửa được nội dung.")
                % {"s": instance.get_status_display()}
            )
        return instance

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ServiceError as exc:
            messages.error(request, str(exc))
            return redirect("extension:project_detail", pk=kwargs["pk"])

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.get_form(instance)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if instance.pk:
                    obj = services.project_update(
                        project=instance,
                        user=request.user,
                        coordinating_units=data["coordinating_units"],
                        priority_areas=data["priority_areas"],
                        **form.service_fields(),
                    )
                else:
                    obj = services.project_create(
                        user=request.user,
                        coordinating_units=data["coordinating_units"],
                        priority_areas=data["priority_areas"],
                        **form.service_fields(),
                    )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu «%(obj)s».") % {"obj": obj})
                return redirect(obj.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class ProjectDetailView(generic.ObjectDetailView):
    def _may(self, obj, action):
        # «Sửa» only while the proposal's data may still be edited by this user.
        return super()._may(obj, action) and (action != "change" or forms.may_edit(self.request.user, obj))

    def context(self, **extra):
        ctx = super().context(**extra)
        if extra.get("tab") == "detail":
            ctx.update(project_panels(self.request, extra["object"]))
        return ctx


def project_panels(request, project: Project) -> dict:
    """What the project page shows beside its data: history of transitions and the next steps, the cap in
    force, the appraisal sheets and rank, the ledger and its totals."""
    user = request.user
    today = timezone.localdate()
    roles = services.user_roles(user)
    may_change = can(user, "change", project) and in_scope(user, project)
    steps = lifecycle.allowed_transitions(project.status, roles) if may_change else []
    cap = selectors.cap_for(project)
    rubric = appraisal_selectors.rubric_in_force(timezone.localdate())
    appraisals = (
        list(project.appraisals.select_related("reviewer").prefetch_related("scores__criterion"))
        if can(user, "view", Appraisal)
        else None
    )
    entries = (
        list(project.ledger.select_related("recorded_by"))
        if can(user, "view", LedgerEntry) and project.approved_funds is not None
        else None
    )
    return {
        "transitions": selectors.project_transitions(project),
        "steps": [
            (step, forms.TransitionForm(initial={"target": step.target}, prefix=step.target))
            for step in steps
        ],
        "cap": cap,
        "cap_limit": cap.amount_limit(project.technology_line) if cap else None,
        "deadline": caps.registration_deadline(project.plan_year, selectors.deadline_for(project.plan_year)),
        "beneficiaries": project.beneficiaries.all(),
        "may_edit_project": may_change and forms.may_edit(user, project),
        "can_add_beneficiary": can(user, "add", Beneficiary) and may_change and forms.may_edit(user, project),
        "appraisals": appraisals,
        "rank": appraisal_selectors.project_rank(project),
        "appraisal_form": appraisal_forms.AppraisalForm(rubric=rubric)
        if can(user, "add", Appraisal) and project.status in (lifecycle.SUBMITTED, lifecycle.AGENCY_APPRAISED)
        else None,
        "ledger_entries": entries,
        "totals": selectors.project_totals(project) if entries is not None else None,
        "reports": [
            (r, progress_selectors.report_standing(r, today))
            for r in progress_selectors.project_reports(project)
        ]
        if can(user, "view", ProgressReport)
        else None,
        "documents": list(progress_selectors.project_documents(project))
        if can(user, "view", ProjectDocument)
        else None,
        "outputs": [
            (
                Project._meta.get_field(f"planned_{name}").verbose_name,
                getattr(project, f"planned_{name}"),
                getattr(project, f"achieved_{name}"),
            )
            for name in OUTPUTS
        ],
        "document_form": progress_forms.DocumentForm(prefix="doc")
        if can(user, "add", ProjectDocument) and in_scope(user, project)
        else None,
        "ledger_form": forms.LedgerForm(initial={"on": timezone.localdate()})
        if can(user, "add", LedgerEntry) and may_change and (project.status in lifecycle.DISBURSING)
        else None,
    }


class ProjectViews(generic.Registry):
    model = Project
    queryset = selectors.project_list()
    list_queryset = selectors.project_list_rows()
    table = tables.ProjectTable
    filterset = filtersets.ProjectFilterSet
    form = forms.ProjectForm
    form_takes_user = True
    allow_delete = False  # a proposal is withdrawn (recorded), never deleted
    detail_fields = PROJECT_DETAIL_FIELDS
    detail_template = "extension/project_detail.html"

    view_classes = {"edit": ProjectEditView, "detail": ProjectDetailView}


def project_or_404(request, pk, action="view") -> Project:
    project = get_object_or_404(selectors.project_list(), pk=pk)
    require(request.user, action, project)
    return project


@login_required
@require_POST
def project_transition(request, pk):
    project = project_or_404(request, pk, "change")
    target = request.POST.get("target", "")
    return act(
        request,
        project,
        lambda data: services.project_transition(
            project=project,
            target=target,
            user=request.user,
            comment=data["comment"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
        ),
        _("Đã chuyển đề án sang «%(s)s».") % {"s": lifecycle.label(target)},
        form=forms.TransitionForm(request.POST, prefix=target),
        invalid=form_errors,
    )


@login_required
@require_POST
def ledger_add(request, pk):
    project = project_or_404(request, pk)
    require(request.user, "add", LedgerEntry)
    return act(
        request,
        project,
        lambda data: services.disbursement_record(project=project, user=request.user, **data),
        lambda _data, entry: _("Đã ghi: %(e)s.") % {"e": entry},
        form=forms.LedgerForm(request.POST),
        invalid=form_errors,
    )


class BeneficiaryViews(generic.Registry):
    model = Beneficiary
    queryset = Beneficiary.objects.select_related("project")
    table = tables.BeneficiaryTable
    filterset = filtersets.BeneficiaryFilterSet
    form = forms.BeneficiaryForm
    form_takes_user = True
    detail_fields = [
        "project",
        "name",
        "kind",
        "tax_code",
        "address",
        "labour",
        "women_owned",
        "ethnic_minority_owned",
    ]
    url_prefix = "beneficiaries"
