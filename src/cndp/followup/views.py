"""Screens of the follow-up (màn hình): the registries (leaders, sessions, notices, tasks, reports,
extensions), the paste-and-review of a notice's tasks, a task's page with the units' reports, the
agency's confirmation and the extensions. Reports, the digest and the province page: `report_views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core import generic
from cndp.core.permissions import can, require, user_province_id
from cndp.core.services import ScopeViolation, ServiceError
from cndp.core.views import act, form_errors, stored_file
from cndp.followup import filtersets, forms, parsing, selectors, services, tables
from cndp.followup.choices import State
from cndp.followup.models import (
    Assignment,
    DeadlineExtension,
    Leader,
    Notice,
    ProgressReport,
    Task,
    WorkingSession,
)


class LeaderViews(generic.Registry):
    model = Leader
    table = tables.LeaderTable
    filterset = filtersets.LeaderFilterSet
    form = forms.LeaderForm
    detail_fields = ["full_name", "position", "email", "user", "rank", "is_active"]
    url_prefix = "leaders"


class WorkingSessionViews(generic.Registry):
    model = WorkingSession
    queryset = WorkingSession.objects.select_related("leader", "province")
    table = tables.WorkingSessionTable
    filterset = filtersets.WorkingSessionFilterSet
    form = forms.WorkingSessionForm
    detail_fields = WorkingSession.FIELDS
    related_tables = [(_("Thông báo kết luận"), "notices", tables.NoticeTable)]
    url_prefix = "sessions"


class NoticeEditView(generic.ObjectEditView):
    """The notice's form sends its PDF (multipart)."""

    template_name = "followup/notice_edit.html"


class NoticeViews(generic.Registry):
    model = Notice
    queryset = Notice.objects.select_related("session", "session__leader", "session__province")
    table = tables.NoticeTable
    filterset = filtersets.NoticeFilterSet
    form = forms.NoticeForm
    detail_fields = Notice.FIELDS
    detail_template = "followup/notice_detail.html"
    url_prefix = "notices"
    view_classes = {"edit": NoticeEditView}

    @classmethod
    def detail_extra(cls, obj) -> dict:
        tasks = list(selectors.task_list().filter(notice=obj).order_by("pk"))
        return {"tasks": tasks}


class TaskEditView(generic.ObjectEditView):
    """Add or edit a task through `services.task_save` (its units and their calendar obligations)."""

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.get_form(instance)
        if form.is_valid():
            task = form.save(commit=False)
            try:
                services.task_save(
                    task=task,
                    lead_unit=form.cleaned_data["lead_unit"],
                    coordinating_units=list(form.cleaned_data["coordinating_units"]),
                    user=request.user,
                )
            except ScopeViolation as exc:
                for field, message in exc.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            except (ServiceError, PermissionDenied) as exc:
                form.add_error(None, str(exc) or _("Bạn không có quyền ghi nhiệm vụ."))
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã lưu «%(obj)s».") % {"obj": task})
                return redirect(task.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class TaskDetailView(generic.ObjectDetailView):
    """A task's page: its units with their reports and the forms of the user's part (report, confirm,
    return, extend)."""

    def context(self, **extra):
        ctx = super().context(**extra)
        if extra.get("tab") == "detail" and extra.get("object") is not None:
            ctx.update(task_page_extra(self.request, extra["object"]))
        return ctx


class TaskViews(generic.Registry):
    model = Task
    queryset = selectors.task_list()
    table = tables.TaskTable
    filterset = filtersets.TaskFilterSet
    form = forms.TaskForm
    allow_delete = False  # a task's units owe reports on the calendar: it is kept
    detail_fields = Task.FIELDS
    detail_template = "followup/task_detail.html"
    url_prefix = "tasks"
    form_takes_user = False
    view_classes = {"edit": TaskEditView, "detail": TaskDetailView}

    @classmethod
    def get_queryset(cls):
        return selectors.task_list(timezone.localdate()).order_by(*Task._meta.ordering)


class ProgressReportViews(generic.Registry):
    model = ProgressReport
    queryset = ProgressReport.objects.select_related("assignment__unit", "assignment__task", "by")
    table = tables.ProgressReportTable
    filterset = filtersets.ProgressReportFilterSet
    allow_delete = False
    detail_fields = [
        "assignment",
        "reported_on",
        "text",
        "percent",
        "done",
        "by",
        "verdict",
        "verdict_comment",
    ]
    url_prefix = "reports"


class DeadlineExtensionViews(generic.Registry):
    model = DeadlineExtension
    queryset = DeadlineExtension.objects.select_related("task", "by")
    table = tables.DeadlineExtensionTable
    filterset = filtersets.DeadlineExtensionFilterSet
    allow_delete = False
    detail_fields = [
        "task",
        "old_kind",
        "old_deadline",
        "new_deadline",
        "reason",
        "agreed_by",
        "agreed_on",
        "by",
    ]
    url_prefix = "extensions"


def task_page_extra(request, task: Task) -> dict:
    """What the task's page adds: units, reports, extensions, and the forms the user may use."""
    user = request.user
    detail = selectors.task_detail(task)
    reportable = [a for a in detail["assignments"] if services.may_report(user, a)]
    agency_writer = can(user, "change", Task) and user_province_id(user) is None
    return {
        **detail,
        "reportable": reportable if task.state == State.OPEN else [],
        "report_form": forms.ReportForm(initial={"percent": task.percent}),
        "may_confirm": agency_writer and task.state == State.REPORTED,
        "may_extend": agency_writer and task.state != State.DONE,
        "return_form": forms.ReturnForm(),
        "extension_form": forms.ExtensionForm(),
        "gov": task.gov_status(timezone.localdate()),
    }


# ---- pasting a notice's tasks ---------------------------------------------------------------------------


def _unit_refs(notice: Notice) -> tuple[list[parsing.UnitRef], int | None]:
    """Every unit a notice may name, with its names and abbreviations; the province's Department also
    answers to "UBND tỉnh", "Sở Công Thương" (the province's tasks)."""
    province = notice.session.province
    refs, province_lead = [], None
    for unit in forms.unit_queryset().select_related("province"):
        names = [unit.name]
        if unit.short_name:
            names.append(unit.short_name)
        if unit.kind == "doit" and unit.province_id == province.pk:
            province_lead = unit.pk
            names += [
                "Sở Công Thương",
                "UBND tỉnh",
                "Ủy ban nhân dân tỉnh",
                f"UBND tỉnh {province.short_name}",
            ]
        elif unit.kind in ("doit", "extension_centre"):
            continue  # another province's units are not named in this notice by their short names
        refs.append(parsing.UnitRef(unit.pk, tuple(names)))
    return refs, province_lead


def _review_initial(parsed: list[parsing.ParsedTask]) -> list[dict]:
    return [
        {
            "keep": True,
            "place": t.place,
            "content": t.content,
            "lead_unit": t.lead,
            "coordinating_units": t.coordinators,
            "deadline_kind": t.deadline.kind,
            "deadline": t.deadline.date,
            "lead_text": t.lead_text,
            "coordinators_text": t.coordinators_text,
            "deadline_text": t.deadline.text,
        }
        for t in parsed
    ]


def _notice_for_tasks(request, pk) -> Notice:
    require(request.user, "add", Task)
    if user_province_id(request.user) is not None:
        raise PermissionDenied  # the agency enters the notices' tasks
    notice = get_object_or_404(Notice.objects.select_related("session__province", "session__leader"), pk=pk)
    require(request.user, "view", notice)
    return notice


@login_required
def notice_paste(request, pk):
    """Dán nội dung thông báo → the tasks read from it, each to confirm (nothing is saved yet)."""
    notice = _notice_for_tasks(request, pk)
    form = forms.PasteForm(request.POST or None, initial={"text": notice.text})
    formset = None
    if request.method == "POST" and form.is_valid():
        refs, province_lead = _unit_refs(notice)
        parsed = parsing.parse_notice(form.cleaned_data["text"], refs, province_lead=province_lead)
        if not parsed:
            messages.error(request, _("Không đọc được nhiệm vụ nào: kiểm tra các mục đánh số 1., a), -."))
        formset = forms.ReviewFormSet(initial=_review_initial(parsed), prefix="t")
    return render(
        request,
        "followup/notice_paste.html",
        {"notice": notice, "form": form, "formset": formset, "text": request.POST.get("text", "")},
    )


@login_required
@require_POST
def notice_tasks_save(request, pk):
    """Lưu các nhiệm vụ đã xác nhận — in one transaction; an invalid row keeps everything unsaved."""
    notice = _notice_for_tasks(request, pk)
    formset = forms.ReviewFormSet(request.POST, prefix="t")
    text = request.POST.get("text", "")
    if formset.is_valid():
        inputs = [
            services.TaskInput(
                content=f.cleaned_data["content"],
                lead_unit=f.cleaned_data["lead_unit"],
                place=f.cleaned_data["place"],
                coordinating_units=list(f.cleaned_data["coordinating_units"]),
                deadline_kind=f.cleaned_data["deadline_kind"],
                deadline=f.cleaned_data["deadline"],
            )
            for f in formset.forms
            if f.cleaned_data.get("keep")
        ]
        try:
            made = services.notice_tasks_create(notice=notice, tasks=inputs, user=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            if text and not notice.text:
                notice.text = text
                notice._history_user = request.user
                notice.save(update_fields=["text"])
            messages.success(
                request, _("Đã lưu %(n)s nhiệm vụ của «%(notice)s».") % {"n": len(made), "notice": notice}
            )
            return redirect(notice.get_absolute_url())
    else:
        errors = [form_errors(f) for f in formset.forms if f.errors]
        messages.error(
            request, _("Chưa lưu: sửa các dòng có lỗi (%(e)s).") % {"e": "; ".join(e for e in errors if e)}
        )
    form = forms.PasteForm(initial={"text": text})
    return render(
        request,
        "followup/notice_paste.html",
        {"notice": notice, "form": form, "formset": formset, "text": text},
        status=400,
    )


@login_required
def notice_file(request, pk):
    """The notice's PDF, to those who may see the notice."""
    notice = get_object_or_404(Notice.objects.select_related("session"), pk=pk)
    require(request.user, "view", notice)
    return stored_file(notice.file, filename=f"{notice.number.replace('/', '-')}.pdf")


# ---- a task's progress, confirmation, extension --------------------------------------------------------


def _task(request, pk, action="view") -> Task:
    task = get_object_or_404(Task.objects.select_related("notice", "province"), pk=pk)
    require(request.user, action, task)
    return task


@login_required
@require_POST
def task_report(request, pk):
    """A unit's progress report on its part (only the lead or a coordinating unit of the task)."""
    assignment = get_object_or_404(Assignment.objects.select_related("task", "unit"), pk=pk)
    require(request.user, "view", assignment.task)
    if not services.may_report(request.user, assignment):
        raise PermissionDenied
    form = forms.ReportForm(request.POST, request.FILES)
    return act(
        request,
        assignment.task,
        lambda data: services.report_submit(
            assignment=assignment,
            user=request.user,
            text=data["text"],
            percent=data["percent"],
            done=data["done"],
            document=data.get("document"),
        ),
        lambda data, result: _("Đã ghi báo cáo của %(u)s.") % {"u": assignment.unit},
        form=form,
        invalid=form_errors,
    )


@login_required
@require_POST
def task_confirm(request, pk):
    task = _task(request, pk, "change")
    return act(
        request,
        task,
        lambda data: services.task_confirm(task=task, user=request.user),
        _("Đã xác nhận hoàn thành nhiệm vụ."),
    )


@login_required
@require_POST
def task_return(request, pk):
    task = _task(request, pk, "change")
    form = forms.ReturnForm(request.POST)
    return act(
        request,
        task,
        lambda data: services.task_return(task=task, user=request.user, comment=data["comment"]),
        _("Đã trả lại báo cáo hoàn thành."),
        form=form,
        invalid=form_errors,
    )


@login_required
@require_POST
def task_extend(request, pk):
    task = _task(request, pk, "change")
    form = forms.ExtensionForm(request.POST)
    return act(
        request,
        task,
        lambda data: services.deadline_extend(
            task=task,
            user=request.user,
            new_deadline=data["new_deadline"],
            reason=data["reason"],
            agreed_by=data["agreed_by"],
            agreed_on=data.get("agreed_on"),
        ),
        lambda data, result: _("Đã gia hạn đến %(d)s.") % {"d": f"{data['new_deadline']:%d/%m/%Y}"},
        form=form,
        invalid=form_errors,
    )


@login_required
def report_document(request, pk):
    """A progress report's document, to those who may see the task."""
    report = get_object_or_404(ProgressReport.objects.select_related("assignment__task"), pk=pk)
    require(request.user, "view", report)
    return stored_file(report.document)
