"""Phân tích số liệu: an indicator for a period ranked by province (as it was, or rolled up to today's 34),
by region or for the country, drawn on the province map (63 units before 1/7/2025, 34 after or rolled up
on request; a click opens the unit's series); the series of one unit or region over periods; each table to
Excel, the period report to PDF. Anyone who may view values opens them (aggregates are the agency's
published figures; a province officer's drafts of other provinces never enter them: only approved and
submitted values are stored as such, see the core's selectors)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.excel import build_workbook, workbook_response
from cndp.core.forms import Form
from cndp.core.pdf import render_pdf
from cndp.core.permissions import require
from cndp.indicators import analysis, periods, selectors
from cndp.indicators.forms import PeriodField
from cndp.indicators.models import DataValue, Indicator
from cndp.places.choices import RegionGrouping

BY_CHOICES = [
    (analysis.BY_PROVINCE, gettext_lazy("Tỉnh, thành phố (như tại kỳ số liệu)")),
    (analysis.BY_PROVINCE34, gettext_lazy("Quy về 34 tỉnh, thành phố hiện nay")),
    *[
        (f"region:{value}", gettext_lazy("Vùng: %(grouping)s") % {"grouping": label})
        for value, label in RegionGrouping.choices
        if value in selectors.REGION_GROUPINGS
    ],
    (analysis.BY_COUNTRY, gettext_lazy("Cả nước")),
]


class AnalysisForm(Form):
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Chỉ tiêu"), queryset=Indicator.objects.order_by("code"), to_field_name="code"
    )
    period = PeriodField(label=gettext_lazy("Kỳ"), max_length=7, required=False)
    by = forms.ChoiceField(
        label=gettext_lazy("Tổng hợp theo"), choices=BY_CHOICES, initial=analysis.BY_PROVINCE
    )


def _choices(request):
    """The indicator, period and grouping asked (defaults: GTSX, its latest approved period, by province);
    an unknown value in the address falls back to the default, no error page."""
    data = {"indicator": "GTSX", "by": analysis.BY_PROVINCE, **request.GET.dict()}
    form = AnalysisForm(data)
    if not form.is_valid():
        data = {"indicator": "GTSX", "by": analysis.BY_PROVINCE}
        form = AnalysisForm(data)
        form.is_valid()
    indicator = form.cleaned_data["indicator"]
    period = form.cleaned_data.get("period")
    if period is None or period.type != indicator.period_type:
        period = analysis.latest_period(indicator, timezone.localdate())
        form = AnalysisForm({**data, "period": period.label})
        form.is_valid()
    return form, indicator, period, form.cleaned_data["by"]


def _fmt(value, decimals):
    return None if value is None else round(float(value), decimals)


@login_required
def analysis_page(request):
    """Bảng xếp hạng và bản đồ của một chỉ tiêu, một kỳ."""
    require(request.user, "view", DataValue)
    form, indicator, period, by = _choices(request)
    rows = analysis.published_aggregate(indicator=indicator, period=period, by=by)
    ranked = analysis.ranking(rows)
    title = _("%(name)s, %(period)s") % {"name": indicator.name, "period": period.label}
    grouping = dict(BY_CHOICES)[by]
    header = [_("Hạng"), _("Mã"), _("Tên"), indicator.unit, _("Đủ số liệu"), _("Số đơn vị hợp thành")]
    table = [
        [
            r.rank,
            r.row.key,
            r.row.name,
            _fmt(r.row.value, indicator.decimals),
            _("có") if r.row.complete else _("chưa"),
            r.row.components,
        ]
        for r in ranked
    ]
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        wb = build_workbook(title, header, table, subtitle=str(grouping))
        return workbook_response(wb, f"xep-hang-{indicator.code}-{period.code}")
    ctx = {
        "form": form,
        "indicator": indicator,
        "period": period,
        "by": by,
        "grouping": grouping,
        "ranked": ranked,
        "title": title,
        "map": analysis.period_map(indicator, period, by, rows),
        "previous": period.previous,
        "next": period.shift(1),
        "today": timezone.localdate(),
    }
    if fmt == "pdf":
        content = render_pdf("indicators/analysis_pdf.html", ctx)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="bao-cao-{indicator.code}-{period.code}.pdf"'
        return response
    query = request.GET.copy()
    query["indicator"], query["period"], query["by"] = indicator.code, period.code, by
    ctx["query"] = query.urlencode()
    return render(request, "indicators/analysis.html", ctx)


class SeriesForm(AnalysisForm):
    key = forms.CharField(label=gettext_lazy("Mã tỉnh hoặc tên vùng"), max_length=120, required=False)
    first = PeriodField(label=gettext_lazy("Từ kỳ"), max_length=7, required=False)


@login_required
def series_page(request):
    """Diễn biến của một chỉ tiêu qua các kỳ cho một tỉnh, một vùng hoặc cả nước."""
    require(request.user, "view", DataValue)
    data = request.GET.copy()
    data.setdefault("indicator", "GTSX")
    data.setdefault("by", analysis.BY_COUNTRY)
    form = SeriesForm(data)
    if not form.is_valid():
        form = SeriesForm({"indicator": "GTSX", "by": analysis.BY_COUNTRY})
        form.is_valid()
    indicator, by = form.cleaned_data["indicator"], form.cleaned_data["by"]
    key = form.cleaned_data.get("key") or (selectors.COUNTRY_KEY if by == analysis.BY_COUNTRY else "")
    last = form.cleaned_data.get("period")
    if last is None or last.type != indicator.period_type:
        last = analysis.latest_period(indicator, timezone.localdate())
    first = form.cleaned_data.get("first")
    if first is None or first.type != indicator.period_type or first > last:
        first = last.shift(-(23 if indicator.period_type == periods.MONTH else 9))
    points = analysis.series(indicator, by, key, first, last) if key else []
    name = next((p.row.name for p in points if p.row), key)
    title = _("%(name)s — %(unit)s") % {"name": indicator.name, "unit": name}
    header = [_("Kỳ"), indicator.unit, _("Đủ số liệu"), _("Số đơn vị hợp thành")]
    table = [
        [
            p.period.label,
            _fmt(p.row.value, indicator.decimals) if p.row else None,
            (_("có") if p.row.complete else _("chưa")) if p.row else "",
            p.row.components if p.row else 0,
        ]
        for p in points
    ]
    if request.GET.get("format") == "xlsx":
        return workbook_response(build_workbook(title, header, table), f"dien-bien-{indicator.code}-{key}")
    chart = {
        "labels": [p.period.short_label for p in points],
        "values": [_fmt(p.row.value, indicator.decimals) if p.row else None for p in points],
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "name": str(name),
    }
    query = request.GET.copy()
    query.update({"indicator": indicator.code, "by": by, "key": key})
    return render(
        request,
        "indicators/series.html",
        {
            "form": form,
            "indicator": indicator,
            "key": key,
            "name": name,
            "points": points,
            "chart": chart,
            "title": title,
            "query": query.urlencode(),
        },
    )
