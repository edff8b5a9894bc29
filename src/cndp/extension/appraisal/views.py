"""Appraisal and selection screens: a reviewer's sheet recorded from the project's page, the selection
proposed within the fund and confirmed by the officer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.views import act, form_errors
from cndp.extension.appraisal import forms, selectors, services
from cndp.extension.models import Appraisal, Project
from cndp.extension.projects import caps, lifecycle
from cndp.extension.projects import selectors as project_selectors
from cndp.extension.projects.views import project_or_404


@login_required
@require_POST
def appraisal_add(request, pk):
    project = project_or_404(request, pk)
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
            "overview": project_selectors.year_overview(year),
        },
    )
