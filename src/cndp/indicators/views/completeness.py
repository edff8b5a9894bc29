"""Đầy đủ và đúng hạn: per data set and period, which provinces submitted on time, late, not at all, or
were returned (the core's `selectors.completeness`), to Excel; and the agency's dashboard of the day —
each data set's latest due period with its counts, the submissions waiting for review, the overdue ones.
A province officer sees its own province's row only. Constant query counts (per data set, not per
province or period)."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.excel import build_workbook, workbook_response
from cndp.core.forms import Form
from cndp.core.permissions import require, restrict, user_province_id
from cndp.indicators import periods, selectors
from cndp.indicators.forms import PeriodField
from cndp.indicators.models import DataSet, Submission
from cndp.indicators.services.submissions import due_dates
from cndp.obligations import calendar

STATUS_LABELS = {
    selectors.ON_TIME: gettext_lazy("Đúng hạn"),
    selectors.LATE: gettext_lazy("Trễ hạn"),
    selectors.MISSING: gettext_lazy("Chưa nộp"),
    selectors.RETURNED: gettext_lazy("Bị trả lại"),
    selectors.NOT_DUE: gettext_lazy("Chưa đến hạn"),
}
STATUS_BADGES = {
    selectors.ON_TIME: "success",
    selectors.LATE: "warning",
    selectors.MISSING: "danger",
    selectors.RETURNED: "secondary",
    selectors.NOT_DUE: "light border",
}


def latest_due_period(dataset: DataSet, today) -> periods.Period:
    """The latest period of the data set whose due date is today or past (else the one before)."""
    period = periods.containing(dataset.period_type, today).previous
    for _step in range(3):
        if due_dates(dataset, period)[1] <= today:
            return period
        period = period.previous
    return period


class CompletenessForm(Form):
    dataset = forms.ModelChoiceField(
        label=gettext_lazy("Bộ chỉ tiêu"), queryset=DataSet.objects.order_by("code")
    )
    period = PeriodField(label=gettext_lazy("Kỳ"), max_length=7, required=False)


def _rows(dataset, period, user):
    rows = selectors.completeness(dataset, period)
    own = user_province_id(user)
    if own is not None:
        rows = [r for r in rows if own in (r.province.pk, r.province.successor_id)]
    return rows


@login_required
def completeness_page(request):
    """Tình hình nộp báo cáo số liệu của một bộ chỉ tiêu, một kỳ."""
    require(request.user, "view", Submission)
    datasets = list(DataSet.objects.select_related("rule").order_by("code"))
    data = request.GET.dict()
    if "dataset" not in data and datasets:
        data["dataset"] = str(datasets[0].pk)
    form = CompletenessForm(data)
    dataset = form.cleaned_data["dataset"] if form.is_valid() else (datasets[0] if datasets else None)
    if dataset is None:
        return render(request, "indicators/completeness.html", {"form": form, "rows": []})
    period = form.cleaned_data.get("period") if form.is_valid() else None
    if period is None or period.type != dataset.period_type:
        period = latest_due_period(dataset, timezone.localdate())
        form = CompletenessForm({"dataset": dataset.pk, "period": period.label})
        form.is_valid()
    rows = _rows(dataset, period, request.user)
    counts = Counter(r.status for r in rows)
    title = _("Tình hình nộp %(dataset)s, %(period)s") % {"dataset": dataset.name, "period": period.label}
    if request.GET.get("format") == "xlsx":
        header = [_("Mã"), _("Tỉnh, thành phố"), _("Tình hình"), _("Hạn nộp"), _("Nộp lần đầu lúc")]
        table = [
            [
                r.province.code,
                r.province.name,
                str(STATUS_LABELS[r.status]),
                r.due_on,
                timezone.localtime(r.first_submitted).replace(tzinfo=None) if r.first_submitted else None,
            ]
            for r in rows
        ]
        return workbook_response(
            build_workbook(title, header, table), f"nop-bao-cao-{dataset.code}-{period.code}"
        )
    return render(
        request,
        "indicators/completeness.html",
        {
            "form": form,
            "dataset": dataset,
            "period": period,
            "rows": rows,
            "counts": [(s, STATUS_LABELS[s], STATUS_BADGES[s], counts.get(s, 0)) for s in STATUS_LABELS],
            "labels": STATUS_LABELS,
            "badges": STATUS_BADGES,
            "title": title,
            "due_on": due_dates(dataset, period)[1],
            "previous": period.previous,
            "next": period.shift(1),
        },
    )


@login_required
def dashboard(request):
    """Bảng theo dõi trong ngày: each data set's latest due period, what waits for review, what is late."""
    require(request.user, "view", Submission)
    today = timezone.localdate()
    cards = []
    for dataset in DataSet.objects.select_related("rule").order_by("code"):
        if not dataset.is_valid_at(today):
            continue
        period = latest_due_period(dataset, today)
        rows = _rows(dataset, period, request.user)
        counts = Counter(r.status for r in rows)
        cards.append(
            {
                "dataset": dataset,
                "period": period,
                "due_on": due_dates(dataset, period)[1],
                "total": len(rows),
                "counts": [(s, STATUS_LABELS[s], STATUS_BADGES[s], counts.get(s, 0)) for s in STATUS_LABELS],
                "share": round(100 * (counts[selectors.ON_TIME] + counts[selectors.LATE]) / len(rows))
                if rows
                else 0,
            }
        )
    visible = restrict(Submission.objects.all(), request.user).select_related(
        "dataset", "province", "obligation"
    )
    waiting = visible.filter(obligation__state=calendar.SUBMITTED).order_by(
        "obligation__due_on", "province__code"
    )[:25]
    overdue = visible.filter(
        obligation__state__in=[calendar.PENDING, calendar.RETURNED], obligation__due_on__lt=today
    ).order_by("obligation__due_on", "province__code")[:25]
    return render(
        request,
        "indicators/dashboard.html",
        {"cards": cards, "waiting": waiting, "overdue": overdue, "today": today},
    )
