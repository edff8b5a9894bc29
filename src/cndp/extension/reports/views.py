"""The extension report page (báo cáo, thống kê khuyến công): filters, headline figures, the grouped
tables, registrations by year, phase targets and a chart by province; `?format=xlsx` and `?format=pdf`
give the same figures as a workbook and as the formal report. Anyone who may view projects may open it;
a province officer's figures cover only their province."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.core.excel import workbook_response
from cndp.core.forms import Form
from cndp.core.permissions import require
from cndp.extension.models import Project
from cndp.extension.reports import exports as report_exports
from cndp.extension.reports import rules as reports
from cndp.extension.reports import selectors as report_selectors
from cndp.places.choices import RegionGrouping

PERIOD_CHOICES = [(reports.YEAR, _("Cả năm")), (reports.HALF_YEAR, _("6 tháng đầu năm"))]
BY_CHOICES = [
    (report_selectors.BY_PROVINCE, _("Tỉnh, thành phố")),
    (report_selectors.BY_REGION, _("Vùng")),
    (report_selectors.BY_ACTIVITY, _("Nội dung hoạt động")),
    (report_selectors.BY_PROGRAMME, _("Chương trình")),
]
ROLLUP, AS_OF_PLAN = "34", "plan"
UNITS_CHOICES = [
    (ROLLUP, _("Quy về 34 tỉnh, thành phố hiện nay")),
    (AS_OF_PLAN, _("Như tại thời điểm lập kế hoạch")),
]


class ReportFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Năm kế hoạch"), coerce=int)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PERIOD_CHOICES)
    by = forms.ChoiceField(label=_("Tổng hợp theo"), choices=BY_CHOICES)
    units = forms.ChoiceField(label=_("Đơn vị hành chính"), choices=UNITS_CHOICES)
    regions = forms.ChoiceField(label=_("Cách phân vùng"), choices=RegionGrouping.choices)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


def _defaults(years: list[int]) -> dict:
    today = timezone.localdate()
    return {
        "year": today.year if today.year in years else years[0],
        "period": reports.YEAR,
        "by": report_selectors.BY_PROVINCE,
        "units": ROLLUP,
        "regions": report_selectors.DEFAULT_REGION_GROUPING,
    }


def _choices(request) -> tuple[ReportFilterForm, dict]:
    """The filter form and the values to use: what was asked where valid, the default elsewhere."""
    today = timezone.localdate()
    years = sorted(set(report_selectors.report_years(request.user)) | {today.year}, reverse=True)
    defaults = _defaults(years)
    data = {**{k: str(v) for k, v in defaults.items()}, **request.GET.dict()}
    form = ReportFilterForm(data, years=years)
    form.is_valid()
    cleaned = {k: form.cleaned_data.get(k, v) for k, v in defaults.items()}
    if form.errors:  # an unknown year or choice in the address: show the defaults instead, no error
        form = ReportFilterForm({k: str(v) for k, v in cleaned.items()}, years=years)
        form.is_valid()
    return form, cleaned


@login_required
def report(request):
    """Báo cáo, thống kê khuyến công."""
    require(request.user, "view", Project)
    form, chosen = _choices(request)
    data = report_selectors.report(
        request.user,
        chosen["year"],
        period=chosen["period"],
        by=chosen["by"],
        rollup=chosen["units"] == ROLLUP,
        region_grouping=chosen["regions"],
        today=timezone.localdate(),
    )
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return workbook_response(report_exports.report_workbook(data), report_exports.filename(data))
    if fmt == "pdf":
        response = HttpResponse(
            report_exports.report_pdf(data, timezone.localdate()), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{report_exports.filename(data)}.pdf"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    for key, value in chosen.items():
        query.setdefault(key, str(value))
    context = report_exports.report_context(data, timezone.localdate())
    context.update(
        {
            "form": form,
            "chosen": chosen,
            "headline": report_exports.headline(data),
            "chart": report_exports.chart_data(data),
            "xlsx_query": _with(query, "xlsx"),
            "pdf_query": _with(query, "pdf"),
        }
    )
    return render(request, "extension/report.html", context)


def _with(query, fmt: str) -> str:
    q = query.copy()
    q["format"] = fmt
    return q.urlencode()
