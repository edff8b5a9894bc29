"""Screens of the periodic cluster reports (báo cáo định kỳ): the list (filters, Excel), a report's page
with its rows in the layout of Circular 14/2024 and its actions (enter, compute, sign, submit, accept or
return), its PDF in the official layout, and the agency's scheduling of a period."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cndp.clusters import forms, layouts, rules, selectors, tables
from cndp.clusters.filtersets import ReportFilterSet
from cndp.clusters.models import ClusterReport
from cndp.clusters.services import reports as services
from cndp.core import generic
from cndp.core.numbers import separators
from cndp.core.pdf import render_pdf
from cndp.core.permissions import can, require
from cndp.core.services import ServiceError
from cndp.core.views import act, form_errors
from cndp.obligations import calendar
from cndp.obligations.models import Obligation
from cndp.obligations.services import may_submit

SENDERS = {
    "form01": gettext_lazy("Tổ chức, cá nhân sản xuất, kinh doanh trong cụm công nghiệp"),
    "form02": gettext_lazy("Chủ đầu tư xây dựng hạ tầng kỹ thuật cụm công nghiệp"),
    "form03": gettext_lazy("Ủy ban nhân dân cấp xã"),
    "form04": gettext_lazy("Sở Công Thương"),
}
RECEIVERS = {
    "form01": gettext_lazy("Cơ quan thống kê cấp xã; Ủy ban nhân dân cấp xã"),
    "form02": gettext_lazy("Cơ quan thống kê cấp xã; Ủy ban nhân dân cấp xã; Sở Công Thương"),
    "form03": gettext_lazy("Ủy ban nhân dân tỉnh; Sở Công Thương"),
    "form04": gettext_lazy(
        "Ủy ban nhân dân tỉnh; Bộ Công Thương (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công)"
    ),
}


def report_rows(report: ClusterReport) -> list[tuple[str, str, str, str]]:
    """(TT, chỉ tiêu, đơn vị tính, kết quả) of the form, row for row."""
    seps = separators()  # the reader's language on a screen; Vietnamese on the official form (PDF)
    if report.form in services.TYPED:
        layout = layouts.FORM02 if report.form == "form02" else layouts.FORM01
        return [
            (n, _(label), _(unit), layouts.typed_value(getattr(report, field), scale, **seps))
            for n, label, unit, field, scale in layout
        ]
    return [
        (n, _(label), "" if unit == layouts.SECTION else _(unit), layouts.printed(value, **seps))
        for n, label, unit, value in report.rows
    ]


class ReportDetailView(generic.ObjectDetailView):
    def context(self, **extra):
        ctx = super().context(**extra)
        report, user = extra.get("object"), self.request.user
        if extra.get("tab") != "detail" or report is None:
            return ctx
        obligation = report.obligation
        is_open = obligation is not None and obligation.state in calendar.OPEN
        may_change = self._may(report, "change") and is_open
        ctx.update(
            form_rows=report_rows(report),
            obligation=obligation,
            steps=list(obligation.steps.select_related("by").order_by("at", "pk")) if obligation else [],
            may_enter=may_change and report.form in services.TYPED,
            may_compute=may_change and report.form not in services.TYPED,
            may_sign=may_change and (report.form in services.TYPED or bool(report.rows)),
            may_submit=is_open and may_submit(user, obligation),
            may_review=obligation is not None
            and obligation.state == calendar.SUBMITTED
            and can(user, "add", Obligation),
            warnings=services.report_warnings(report),
            sender=SENDERS[report.form],
            receiver=RECEIVERS[report.form],
        )
        if ctx["may_enter"]:
            form_class = forms.Form02Form if report.form == "form02" else forms.Form01Form
            ctx["entry_form"] = form_class(instance=report)
        ctx["review_form"] = forms.ReviewForm()
        ctx["sign_form"] = forms.SignForm(initial={"signer": report.signed_by})
        return ctx


class ReportViews(generic.Registry):
    model = ClusterReport
    queryset = selectors.report_list()
    table = tables.ReportTable
    filterset = ReportFilterSet
    allow_delete = False  # scheduled on the calendar; never deleted
    url_prefix = "reports"
    detail_template = "clusters/report_detail.html"
    detail_fields = (
        "form",
        "period",
        "year",
        "period_end",
        "province",
        "cluster",
        "project",
        "commune",
        "signed_by",
        "signed_at",
        "applied_at",
    )
    view_classes = {"detail": ReportDetailView}


def _report(request, pk, action="view") -> ClusterReport:
    report = get_object_or_404(selectors.report_list(), pk=pk)
    require(request.user, action, report)
    return report


@login_required
@require_POST
def report_enter(request, pk):
    report = _report(request, pk, "change")
    form_class = forms.Form02Form if report.form == "form02" else forms.Form01Form
    form = form_class(request.POST, instance=ClusterReport.objects.get(pk=report.pk))
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(report.get_absolute_url())
    data = {name: form.cleaned_data[name] for name in form.fields}
    try:
        services.report_save(report=report, user=request.user, data=data)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã lưu số liệu «%(r)s».") % {"r": report})
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_compute(request, pk):
    report = _report(request, pk, "change")
    return act(
        request,
        report,
        lambda data: services.report_compute(report=report, user=request.user),
        _("Đã tổng hợp số liệu «%(r)s».") % {"r": report},
    )


@login_required
@require_POST
def report_sign(request, pk):
    report = _report(request, pk, "change")
    form = forms.SignForm(request.POST)

    def call(data):
        try:
            return services.report_sign(report=report, user=request.user, signer=data["signer"])
        except ValidationError as exc:
            raise ServiceError(" ".join(exc.messages)) from exc

    return act(request, report, call, _("Đã ký «%(r)s».") % {"r": report}, form=form, invalid=form_errors)


@login_required
@require_POST
def report_submit(request, pk):
    report = _report(request, pk)
    return act(
        request,
        report,
        lambda data: services.report_submit(report=report, user=request.user),
        _("Đã nộp «%(r)s».") % {"r": report},
    )


@login_required
@require_POST
def report_review(request, pk):
    report = _report(request, pk)
    verdict = request.POST.get("verdict", "")
    return act(
        request,
        report,
        lambda data: services.report_review(
            report=report, user=request.user, verdict=verdict, comment=request.POST.get("comment", "")
        ),
        _("Đã ghi kết quả xem xét «%(r)s».") % {"r": report},
    )


@login_required
def report_pdf(request, pk):
    """The form in the official layout of Circular 14/2024, Phụ lục I (A4, five columns, signature): a
    Vietnamese document whatever the reader's interface language (its words and its figures)."""
    report = _report(request, pk)
    with translation.override(settings.LANGUAGE_CODE):
        pdf = _report_pdf(report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bao-cao-ccn-{report.form}-{report.pk}.pdf"'
    return response


def _report_pdf(report: ClusterReport) -> bytes:
    ctx = {
        "report": report,
        "rows": report_rows(report),
        "sender": SENDERS[report.form],
        "receiver": RECEIVERS[report.form],
        "deadline": report.obligation.due_on if report.obligation_id else None,
        "today": timezone.localdate(),
        "cumulative": report.form not in services.TYPED,
        "warnings": services.report_warnings(report),
        "occupancy": rules.percent(report.occupancy) if report.occupancy is not None else "",
    }
    return render_pdf("clusters/report_pdf.html", ctx)


@login_required
def report_schedule(request):
    """Lập lịch báo cáo một kỳ (the agency)."""
    require(request.user, "add", ClusterReport)
    form = forms.ScheduleForm(
        request.POST or None, initial={"year": timezone.localdate().year, "period": "half"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.reports_schedule(
                year=form.cleaned_data["year"], period=form.cleaned_data["period"], user=request.user
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã lập lịch %(n)s báo cáo mới.") % {"n": sum(made.values())})
            return redirect("clusters:clusterreport_list")
    return render(request, "clusters/report_schedule.html", {"form": form})
