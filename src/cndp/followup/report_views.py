"""Reports of the follow-up (tổng hợp, báo cáo): tasks by Government status per unit, province or leader
over a period with the share done on time (screen, Excel, PDF — the periodic follow-up report), the
weekly digest of a leader (page; the e-mail is `tasks.weekly_digest`), and a province's open tasks."""

from __future__ import annotations

import datetime

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.excel import build_workbook, workbook_response
from cndp.core.forms import Form
from cndp.core.numbers import percent_of
from cndp.core.pdf import render_pdf
from cndp.core.permissions import require, user_province_id
from cndp.followup import selectors, statuses
from cndp.followup.choices import GovStatus
from cndp.followup.filtersets import TaskFilterSet
from cndp.followup.models import Leader, Task
from cndp.places.models import Province

BY_CHOICES = (
    ("unit", gettext_lazy("Đơn vị chủ trì")),
    ("province", gettext_lazy("Tỉnh, thành phố")),
    ("leader", gettext_lazy("Lãnh đạo giao")),
    ("status", gettext_lazy("Chỉ theo tình trạng")),
)


class ReportForm(Form):
    by = django_forms.ChoiceField(label=gettext_lazy("Tổng hợp theo"), choices=BY_CHOICES, required=False)


def _share(value) -> str:
    return "—" if value is None else percent_of(round(value * 1000), 1000)


def _rows(request, today):
    """(chosen dimension, rows, filter set, table of tasks) for the report within the user's scope."""
    form = ReportForm(request.GET or None)
    by = form.cleaned_data.get("by") if form.is_valid() else ""
    by = by or "unit"
    base = Task.objects.restrict(request.user)
    filterset = TaskFilterSet(
        request.GET or None,
        queryset=base.annotate(gov=selectors.gov_status_expression(today)),
        request=request,
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    rows = selectors.summary(queryset, by, today)
    for row in rows:
        row["share_text"] = _share(row["share"])
    return form, by, rows, filterset


def _filters_text(filterset) -> str:
    parts = []
    if filterset.is_bound and filterset.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if value not in (None, "", [], ()) and name != "by":
                label = filterset.form.fields[name].label or name
                if isinstance(value, list):
                    choices = dict(filterset.form.fields[name].choices)
                    value = ", ".join(str(choices.get(v, v)) for v in value)
                elif isinstance(value, datetime.date):
                    value = f"{value:%d/%m/%Y}"
                parts.append(f"{label}: {value}")
    return "; ".join(parts) if parts else _("Toàn bộ nhiệm vụ")


@login_required
def report(request):
    """Tổng hợp tình hình thực hiện kết luận — screen, Excel (?export=xlsx), PDF (?export=pdf)."""
    require(request.user, "view", Task)
    today = timezone.localdate()
    form, by, rows, filterset = _rows(request, today)
    statuses_labels = [(s, GovStatus(s).label) for s in statuses.GOV_STATUSES]
    by_label = dict(BY_CHOICES)[by]
    title = _("Báo cáo tình hình thực hiện kết luận của Lãnh đạo Bộ")
    subtitle = _("Tại ngày %(d)s — %(f)s") % {"d": f"{today:%d/%m/%Y}", "f": _filters_text(filterset)}
    export = request.GET.get("export")
    if export == "xlsx":
        header = [
            str(by_label),
            *(str(label) for _s, label in statuses_labels),
            _("Tổng số"),
            _("Tỷ lệ đúng hạn"),
        ]
        body = [
            [
                row["label"] or _("Tổng cộng"),
                *(row[s] for s in statuses.GOV_STATUSES),
                row["total"],
                row["share_text"],
            ]
            for row in rows
        ]
        return workbook_response(build_workbook(title, header, body, subtitle), "bao-cao-theo-doi-ket-luan")
    if export == "pdf":
        overdue = list(
            selectors.task_list(today)
            .filter(
                id__in=(
                    filterset.qs
                    if filterset.is_bound and filterset.is_valid()
                    else Task.objects.restrict(request.user)
                ).values("pk")
            )
            .filter(completed_on__isnull=True, deadline__lt=today)
            .order_by("deadline", "pk")[:300]
        )
        pdf = render_pdf(
            "followup/report_pdf.html",
            {
                "title": title,
                "subtitle": subtitle,
                "rows": rows,
                "by_label": by_label,
                "statuses": statuses_labels,
                "overdue": overdue,
                "today": today,
            },
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="bao-cao-theo-doi-ket-luan.pdf"'
        return response
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "followup/report.html",
        {
            "form": form,
            "filterset": filterset,
            "rows": rows,
            "by": by,
            "by_label": by_label,
            "statuses": statuses_labels,
            "subtitle": subtitle,
            "xlsx_query": _with(query, "xlsx"),
            "pdf_query": _with(query, "pdf"),
        },
    )


def _with(query, export: str) -> str:
    q = query.copy()
    q["export"] = export
    return q.urlencode()


def _parse_day(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@login_required
def digest(request):
    """Bản tin tuần của lãnh đạo — the page of the weekly e-mail: a leader's tasks that became overdue,
    were completed or extended in the week (by unit and province). A leader's own account opens theirs;
    the agency chooses the leader."""
    require(request.user, "view", Task)
    require(request.user, "view", Leader)  # the agency and the leaders (a province officer: 403)
    own = Leader.objects.filter(user=request.user).first()
    leaders = list(Leader.objects.filter(is_active=True).order_by("rank", "pk"))
    chosen = request.GET.get("leader")
    leader = None
    if chosen and chosen.isdigit():
        leader = next((x for x in leaders if x.pk == int(chosen)), None)
        if leader is None:
            leader = get_object_or_404(Leader, pk=int(chosen))
    leader = leader or own or (leaders[0] if leaders else None)
    if leader is None:
        raise Http404
    day = _parse_day(request.GET.get("day"), timezone.localdate())
    result = selectors.leader_digest(leader, day, as_of=timezone.localdate())
    week = datetime.timedelta(days=7)
    return render(
        request,
        "followup/digest.html",
        {
            "digest": result,
            "digest_counts": {p: result.count(p) for p in ("overdue", "completed", "extended")},
            "leaders": leaders,
            "leader": leader,
            "day": day,
            "previous": (result.start - week).isoformat(),
            "next": (result.start + week).isoformat(),
        },
    )


@login_required
def province_tasks(request):
    """Nhiệm vụ liên quan đến tỉnh — every open task that concerns the province, across notices. A
    province officer sees their own province; the agency chooses (`?province=<id>`)."""
    require(request.user, "view", Task)
    provinces = list(Province.objects.filter(version="34").order_by("code"))
    scope = user_province_id(request.user)
    chosen = request.GET.get("province", "")
    if scope is not None:
        if chosen and chosen != str(scope):
            raise Http404
        province = next(p for p in provinces if p.pk == scope)
    elif chosen.isdigit():
        province = next((p for p in provinces if p.pk == int(chosen)), None)
        if province is None:
            raise Http404
    else:
        province = provinces[0]
    today = timezone.localdate()
    # restricted too: an officer of a unit of the Ministry sees only its unit's tasks there
    tasks = list(selectors.province_open_tasks(province.pk, today).restrict(request.user))
    for task in tasks:
        task.days_late = statuses.days_late(task.deadline, task.completed_on, today)
        task.due_soon = statuses.is_due_soon(task.deadline, task.completed_on, today)
    if request.GET.get("export") == "xlsx":
        header = [
            _("Thông báo"),
            _("Vị trí"),
            _("Nội dung nhiệm vụ"),
            _("Chủ trì"),
            _("Phối hợp"),
            _("Thời hạn"),
            _("Tình trạng"),
            _("Quá hạn (ngày)"),
        ]
        body = [
            [
                t.notice.number,
                t.place,
                t.content,
                t.lead_unit.name,
                t.coordinating_names,
                f"{t.deadline:%d/%m/%Y}" if t.deadline else t.get_deadline_kind_display(),
                GovStatus(t.gov).label,
                t.days_late,
            ]
            for t in tasks
        ]
        title = _("Nhiệm vụ chưa hoàn thành liên quan đến %(p)s") % {"p": province.name}
        return workbook_response(build_workbook(title, header, body, f"{today:%d/%m/%Y}"), "nhiem-vu-tinh")
    return render(
        request,
        "followup/province_tasks.html",
        {
            "province": province,
            "groups": selectors.group_by_notice(tasks),
            "count": len(tasks),
            "today": today,
        },
    )
