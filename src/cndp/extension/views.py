"""Industrial extension screens: the project registry (list with filters and Excel, detail with the
transition history and the next steps, edit through the services), appraisal, ledger and the selection
within the fund; registries of the reference data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cndp.core import generic
from cndp.core.permissions import can, in_scope, require
from cndp.core.services import ServiceError
from cndp.core.views import act, form_errors
from cndp.extension import caps, filtersets, forms, lifecycle, selectors, services, tables
from cndp.extension.models import (
    OUTPUTS,
    ActivityType,
    AnnualFund,
    Appraisal,
    Beneficiary,
    FundingCap,
    LedgerEntry,
    PriorityArea,
    Programme,
    ProgressReport,
    Project,
    ProjectDocument,
    Rubric,
    Trade,
)

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
    rubric = selectors.rubric_in_force(timezone.localdate())
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
        "rank": selectors.project_rank(project),
        "appraisal_form": forms.AppraisalForm(rubric=rubric)
        if can(user, "add", Appraisal) and project.status in (lifecycle.SUBMITTED, lifecycle.AGENCY_APPRAISED)
        else None,
        "ledger_entries": entries,
        "totals": selectors.project_totals(project) if entries is not None else None,
        "reports": [(r, selectors.report_standing(r, today)) for r in selectors.project_reports(project)]
        if can(user, "view", ProgressReport)
        else None,
        "documents": list(selectors.project_documents(project))
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
        "document_form": forms.DocumentForm(prefix="doc")
        if can(user, "add", ProjectDocument) and in_scope(user, project)
        else None,
        "ledger_form": forms.LedgerForm(initial={"on": timezone.localdate()})
        if can(user, "add", LedgerEntry) and may_change and (project.status in lifecycle.DISBURSING)
        else None,
    }


class ProjectViews(generic.Registry):
    model = Project
    queryset = selectors.project_list()
    table = tables.ProjectTable
    filterset = filtersets.ProjectFilterSet
    form = forms.ProjectForm
    form_takes_user = True
    allow_delete = False  # a proposal is withdrawn (recorded), never deleted
    detail_fields = PROJECT_DETAIL_FIELDS
    detail_template = "extension/project_detail.html"

    view_classes = {"edit": ProjectEditView, "detail": ProjectDetailView}


def _project(request, pk, action="view") -> Project:
    project = get_object_or_404(selectors.project_list(), pk=pk)
    require(request.user, action, project)
    return project


@login_required
@require_POST
def project_transition(request, pk):
    project = _project(request, pk, "change")
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
def appraisal_add(request, pk):
    project = _project(request, pk)
    require(request.user, "add", Appraisal)
    rubric = selectors.rubric_in_force(timezone.localdate())
    form = forms.AppraisalForm(request.POST, rubric=rubric)
    return act(
        request,
        project,
        lambda data: services.appraisal_record(
            project=project,
            reviewer=data["reviewer"],
            user=request.user,
            scores=form.scores(),
            comment=data["comment"],
            rubric=rubric,
        ),
        lambda data, _appraisal: _("Đã ghi phiếu chấm của %(r)s.") % {"r": data["reviewer"]},
        form=form,
        invalid=lambda form: _("Phiếu chấm chưa hợp lệ: %(e)s") % {"e": form_errors(form)},
    )


@login_required
@require_POST
def ledger_add(request, pk):
    project = _project(request, pk)
    require(request.user, "add", LedgerEntry)
    return act(
        request,
        project,
        lambda data: services.disbursement_record(project=project, user=request.user, **data),
        lambda _data, entry: _("Đã ghi: %(e)s.") % {"e": entry},
        form=forms.LedgerForm(request.POST),
        invalid=form_errors,
    )


@login_required
def selection(request):
    """Đề xuất lựa chọn trong nguồn kinh phí: the proposal, then the officer ticks and confirms."""
    require(request.user, "add", Appraisal)
    require(request.user, "change", Project)
    today = timezone.localdate()
    initial_year = caps.first_open_plan_year(today) - 1
    form = forms.SelectionForm(request.GET or None, initial={"year": initial_year})
    year = form.cleaned_data["year"] if form.is_valid() else initial_year
    fund = form.cleaned_data.get("fund") if form.is_valid() else None
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("project") if v.isdigit()]
        chosen = list(Project.objects.filter(pk__in=ids, plan_year=year, status=lifecycle.AGENCY_APPRAISED))
        try:
            n = services.selection_confirm(
                projects=chosen, user=request.user, comment=request.POST.get("comment", "")
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã lựa chọn %(n)s đề án.") % {"n": n})
        return redirect(f"{reverse('extension:selection')}?year={year}")
    proposal, error = None, None
    try:
        proposal = services.selection_propose(year=year, fund=fund)
    except ServiceError as exc:
        error = str(exc)
    return render(
        request,
        "extension/selection.html",
        {
            "form": form,
            "year": year,
            "proposal": proposal,
            "error": error,
            "overview": selectors.year_overview(year),
        },
    )


# ---- reference data ------------------------------------------------------------------------------------


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


class ProgrammeViews(generic.Registry):
    model = Programme
    queryset = Programme.objects.select_related("province")
    table = tables.ProgrammeTable
    filterset = filtersets.ProgrammeFilterSet
    form = forms.ProgrammeForm
    detail_fields = [
        "code",
        "name",
        "scope",
        "province",
        "phase_start",
        "phase_end",
        "valid_from",
        "valid_to",
        "legal_basis",
        "description",
    ]
    detail_template = "extension/programme_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {"targets": obj.targets.all(), "funds": obj.funds.all()}


class ActivityTypeViews(generic.Registry):
    model = ActivityType
    table = tables.ActivityTypeTable
    filterset = filtersets.ActivityTypeFilterSet
    form = forms.ActivityTypeForm
    detail_fields = ["code", "name", "order", "description", "valid_from", "valid_to", "legal_basis"]
    related_tables = [(gettext_lazy("Mức hỗ trợ tối đa"), "caps", tables.FundingCapTable)]


class FundingCapViews(generic.Registry):
    model = FundingCap
    queryset = FundingCap.objects.select_related("activity_type", "province")
    table = tables.FundingCapTable
    filterset = filtersets.FundingCapFilterSet
    form = forms.FundingCapForm
    detail_fields = [
        "activity_type",
        "province",
        "share_percent",
        "max_amount",
        "per",
        "line_multiplier",
        "multiplier_note",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confirmed",
    ]


class TradeViews(generic.Registry):
    model = Trade
    table = tables.TradeTable
    filterset = filtersets.TradeFilterSet
    form = forms.TradeForm
    detail_fields = ["code", "name", "order", "valid_from", "valid_to", "legal_basis"]


class PriorityAreaViews(generic.Registry):
    model = PriorityArea
    table = tables.PriorityAreaTable
    filterset = filtersets.PriorityAreaFilterSet
    form = forms.PriorityAreaForm
    detail_fields = ["code", "kind", "name", "order", "valid_from", "valid_to", "legal_basis"]


class RubricViews(generic.Registry):
    model = Rubric
    table = tables.RubricTable
    filterset = filtersets.RubricFilterSet
    form = forms.RubricForm
    detail_fields = [
        "code",
        "name",
        "scale",
        "pass_score",
        "min_reviewers",
        "valid_from",
        "valid_to",
        "legal_basis",
    ]
    detail_template = "extension/rubric_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {"criteria": obj.criteria.all()}


class AnnualFundViews(generic.Registry):
    model = AnnualFund
    queryset = AnnualFund.objects.select_related("programme")
    table = tables.AnnualFundTable
    filterset = filtersets.AnnualFundFilterSet
    form = forms.AnnualFundForm
    detail_fields = ["programme", "year", "amount", "decision", "note"]
