"""Progress reports and documents screens (báo cáo tiến độ, tài liệu đề án): the report list with where
each stands (late ones first to the eye), a report's page with submission and review, file upload and
download within the user's scope, and the registry of the registration deadline rules."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core import generic
from cndp.core.permissions import can, in_scope, require
from cndp.core.views import act, form_errors, stored_file
from cndp.extension import services
from cndp.extension.models import ProgressReport, Project, ProjectDocument
from cndp.extension.progress import filtersets, forms, selectors, tables
from cndp.extension.progress import rules as reporting
from cndp.obligations import services as obligation_services


def report_panels(user, report: ProgressReport) -> dict:
    """What a report's page shows beside its data: where it stands today, the submit form for the
    implementing side, the review form for the agency, its documents and the upload form."""
    today = timezone.localdate()
    obligation = report.obligation
    may_submit = (
        can(user, "change", report)
        and in_scope(user, report)
        and report.status in reporting.OPEN
        and obligation is not None
        and obligation_services.may_submit(user, obligation)  # only the owing side
    )
    may_review = can(user, "add", ProgressReport) and report.status == reporting.SUBMITTED
    initial = {"percent_complete": report.percent_complete, **report.outputs()}
    if report.status == reporting.NEEDS_REVISION:
        initial.update(narrative=report.narrative, difficulties=report.difficulties)
    return {
        "standing": selectors.report_standing(report, today),
        "submit_form": forms.ReportSubmitForm(initial=initial, prefix="submit") if may_submit else None,
        "review_form": forms.ReportReviewForm(prefix="review") if may_review else None,
        "documents": list(report.documents.select_related("uploaded_by")),
        "document_form": forms.DocumentForm(initial={"kind": "report"}, prefix="doc")
        if can(user, "add", ProjectDocument) and in_scope(user, report)
        else None,
    }


class ProgressReportDetailView(generic.ObjectDetailView):
    def context(self, **extra):
        ctx = super().context(**extra)
        if extra.get("tab") == "detail":
            ctx.update(report_panels(self.request.user, extra["object"]))
        return ctx


class ProgressReportViews(generic.Registry):
    model = ProgressReport
    queryset = selectors.report_list()
    list_queryset = selectors.report_list_page()
    table = tables.ProgressReportTable
    filterset = filtersets.ProgressReportFilterSet
    allow_delete = False  # reports are scheduled from the contract; never deleted
    url_prefix = "progress-reports"
    detail_template = "extension/report_detail.html"
    detail_fields = ProgressReport.DETAIL_FIELDS
    view_classes = {"detail": ProgressReportDetailView}


def _report(request, pk, action="view") -> ProgressReport:
    report = get_object_or_404(selectors.report_list(), pk=pk)
    require(request.user, action, report)
    return report


@login_required
@require_POST
def report_submit(request, pk):
    report = _report(request, pk, "change")
    form = forms.ReportSubmitForm(request.POST, prefix="submit")
    return act(
        request,
        report,
        lambda data: services.report_submit(
            report=report,
            user=request.user,
            percent_complete=data["percent_complete"],
            narrative=data["narrative"],
            difficulties=data["difficulties"],
            **form.outputs(),
        ),
        _("Đã nộp «%(r)s».") % {"r": report},
        form=form,
        invalid=lambda form: _("Báo cáo chưa hợp lệ: %(e)s") % {"e": form_errors(form)},
    )


@login_required
@require_POST
def report_review(request, pk):
    report = _report(request, pk)
    require(request.user, "add", ProgressReport)
    return act(
        request,
        report,
        lambda data: services.report_review(
            report=report, user=request.user, verdict=data["verdict"], comment=data["comment"]
        ),
        _("Đã ghi kết quả xem xét «%(r)s».") % {"r": report},
        form=forms.ReportReviewForm(request.POST, prefix="review"),
        invalid=lambda form: _("Kết quả xem xét chưa hợp lệ: %(e)s") % {"e": form_errors(form)},
    )


@login_required
@require_POST
def document_add(request, pk):
    """Upload a document to a project (and, with `report`, to one of its progress reports)."""
    project = get_object_or_404(Project, pk=pk)
    require(request.user, "view", project)
    report = None
    if request.POST.get("report", "").isdecimal():  # not isdigit(): "²" is a digit int() refuses
        report = get_object_or_404(ProgressReport, pk=int(request.POST["report"]), project=project)
    return act(
        request,
        report.get_absolute_url() if report else project.get_absolute_url() + "#documents",
        lambda data: services.document_add(project=project, user=request.user, report=report, **data),
        lambda _data, document: _("Đã đính kèm «%(d)s».") % {"d": document},
        form=forms.DocumentForm(request.POST, request.FILES, prefix="doc"),
        invalid=lambda form: _("Tài liệu chưa hợp lệ: %(e)s") % {"e": form_errors(form)},
    )


@login_required
def document_download(request, pk):
    """The file, only to those who may see its project (another province's officer gets 404)."""
    document = get_object_or_404(ProjectDocument.objects.select_related("project"), pk=pk)
    require(request.user, "view", document)
    return stored_file(document.file, filename=document.filename)
