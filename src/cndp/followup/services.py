"""Writes of the follow-up of leaders' conclusions (theo dõi kết luận): tasks read from a notice and
confirmed, a task's units, the units' progress reports on the shared calendar, the agency's confirmation
or return of a done report, and deadline extensions. Each: keyword-only, one transaction, the role and
the province scope checked (core.permissions / core.services), the acting user recorded; the rules are
the plain modules `statuses` and `parsing`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.accounts.models import Unit
from cndp.core.permissions import can, require, user_province_id
from cndp.core.services import DOCUMENT_EXTENSIONS, ServiceError, check_upload, scope_check
from cndp.core.text import nfc
from cndp.followup import parsing, statuses
from cndp.followup.choices import DeadlineKind, ReportVerdict, Role, State
from cndp.followup.models import Assignment, DeadlineExtension, Notice, ProgressReport, Task
from cndp.followup.progress import KIND
from cndp.obligations import calendar
from cndp.obligations import selectors as calendar_selectors
from cndp.obligations import services as calendar_services
from cndp.obligations.choices import Action
from cndp.obligations.models import Obligation, ObligationStep


@dataclass
class TaskInput:
    """A task as confirmed on the review screen (or given by the API, an import, the demo)."""

    content: str
    lead_unit: Unit
    place: str = ""
    coordinating_units: list[Unit] = field(default_factory=list)
    deadline_kind: str = parsing.DATE
    deadline: datetime.date | None = None
    province_id: int | None = None  # the notice's province when empty
    leader_id: int | None = None  # the session's leader when empty


def check_file(upload, *, pdf_only: bool = False) -> None:
    """Refuse a file of an unlisted type, empty or over 25 MB."""
    check_upload(upload, allowed=(".pdf",) if pdf_only else DOCUMENT_EXTENSIONS)
    if not (getattr(upload, "size", 0) or 0):
        raise ServiceError(_("Tệp rỗng."))


def undated_due(on: datetime.date) -> datetime.date:
    """When a unit reports on a recurring or undated task: the end of the half-year (30/6 or 31/12)."""
    return datetime.date(on.year, 6, 30) if on.month <= 6 else datetime.date(on.year, 12, 31)


def _check_deadline(kind: str, deadline: datetime.date | None) -> None:
    if kind not in DeadlineKind.values:
        raise ServiceError(_("Loại thời hạn không hợp lệ."))
    if kind == parsing.DATE and deadline is None:
        raise ServiceError(_("Nhiệm vụ có thời hạn phải ghi thời hạn."))


def _schedule(assignment: Assignment, task: Task, user) -> Obligation:
    """The unit's obligation to report on its part, by the task's deadline (the half-year's end for an
    undated task), under the calendar rule for this kind (reminder, escalation steps)."""
    due = task.deadline or undated_due(max(task.notice.date, timezone.localdate()))
    rule = calendar_selectors.rule_for(KIND, task.notice.date)
    unit = assignment.unit
    title = _("%(place)s TB %(n)s — %(unit)s (%(role)s)") % {
        "place": task.place or "—",
        "n": task.notice.number,
        "unit": unit.short_name or unit.name,
        "role": assignment.get_role_display().lower(),
    }
    return calendar_services.obligation_schedule(
        kind=KIND,
        subject=assignment,
        title=title,
        period_end=due,
        due_on=due,
        basis=calendar.FINAL,  # due on the deadline itself (the rule's final_days is 0)
        unit=unit,
        province=unit.province if unit.province_id else None,
        rule=rule,
        # a recurring or undated task owes one report per half-year until it is done: the calendar
        # schedules the next half-year's when one is accepted or has ended
        recurring=task.deadline_kind != DeadlineKind.DATE,
        user=user,
    )


def _require_agency_writer(user, action: str, obj_or_model) -> None:
    require(user, action, obj_or_model)
    if user_province_id(user) is not None:
        raise PermissionDenied(_("Chỉ Cục được ghi nhiệm vụ theo kết luận."))


@transaction.atomic
def notice_tasks_create(*, notice: Notice, tasks: list[TaskInput], user) -> list[Task]:
    """Lưu các nhiệm vụ của thông báo — every task confirmed on the review screen, with its units and
    their obligations on the calendar, in one transaction: nothing is saved unless all are valid."""
    _require_agency_writer(user, "add", Task)
    require(user, "view", notice)
    session = notice.session
    made = []
    problems = []
    for i, data in enumerate(tasks, start=1):
        try:
            made.append(_task_create(notice, session, data, user))
        except ServiceError as exc:
            problems.append(_("Nhiệm vụ %(i)s: %(e)s") % {"i": i, "e": exc})
    if problems:
        transaction.set_rollback(True)
        raise ServiceError(" ".join(problems))
    return made


def _task_create(notice: Notice, session, data: TaskInput, user) -> Task:
    content = nfc(data.content).strip()
    if not content:
        raise ServiceError(_("Ghi nội dung nhiệm vụ."))
    if data.lead_unit is None:
        raise ServiceError(_("Chọn đơn vị chủ trì."))
    _check_deadline(data.deadline_kind, data.deadline)
    deadline = data.deadline if data.deadline_kind == parsing.DATE else None
    task = Task(
        notice=notice,
        place=nfc(data.place)[:40],
        content=content,
        lead_unit=data.lead_unit,
        province_id=data.province_id or session.province_id,
        leader_id=data.leader_id or session.leader_id,
        deadline_kind=data.deadline_kind,
        deadline=deadline,
        original_deadline=deadline,
    )
    task._history_user = user
    task.full_clean()
    task.save()
    _assign(task, data.lead_unit, data.coordinating_units, user)
    return task


def _assign(task: Task, lead: Unit, coordinating: list[Unit], user) -> None:
    """Set the task's units: one lead, the coordinating ones; a unit dropped loses its open obligation
    (it has reported nothing) — refused when it has reported."""
    wanted = {lead.pk: Role.LEAD, **{u.pk: Role.COORDINATING for u in coordinating if u.pk != lead.pk}}
    current = {a.unit_id: a for a in Assignment.objects.filter(task=task).select_related("unit")}
    for unit_id, assignment in current.items():
        if unit_id not in wanted:
            if assignment.reports.exists():
                raise ServiceError(
                    _("Đơn vị «%(u)s» đã báo cáo, không bỏ khỏi nhiệm vụ.") % {"u": assignment.unit}
                )
            Obligation.objects.filter(
                kind=KIND, object_id=assignment.pk, state__in=sorted(calendar.OPEN)
            ).delete()
            assignment._history_user = user
            assignment.delete()
    # The lead changes last role first, so the "one lead" constraint holds at every step.
    for unit_id, assignment in current.items():
        if unit_id in wanted and assignment.role != wanted[unit_id] and assignment.role == Role.LEAD:
            assignment.role = wanted[unit_id]
            assignment._history_user = user
            assignment.save(update_fields=["role"])
    units = {u.pk: u for u in [lead, *coordinating]}
    for unit_id, role in sorted(wanted.items(), key=lambda item: item[1] != Role.LEAD):
        assignment = current.get(unit_id)
        if assignment is None:
            assignment = Assignment(task=task, unit=units[unit_id], role=role)
            assignment._history_user = user
            assignment.full_clean(validate_constraints=False)
            assignment.save()
        elif assignment.role != role:
            assignment.role = role
            assignment._history_user = user
            assignment.save(update_fields=["role"])
        _schedule(assignment, task, user)


@transaction.atomic
def task_save(*, task: Task, lead_unit: Unit, coordinating_units: list[Unit], user) -> Task:
    """Sửa nhiệm vụ — its content, place, province, leader and units (a new task: with its deadline).
    The deadline of a saved task changes only by an extension (`deadline_extend`)."""
    _require_agency_writer(user, "change" if task.pk else "add", task if task.pk else Task)
    if task.pk:
        stored = Task.objects.select_for_update().get(pk=task.pk)
        if (task.deadline_kind, task.deadline) != (stored.deadline_kind, stored.deadline):
            raise ServiceError(_("Thời hạn chỉ thay đổi bằng gia hạn (ghi lý do và người đồng ý)."))
        if stored.state == State.DONE:
            raise ServiceError(_("Nhiệm vụ đã hoàn thành, không sửa."))
    else:
        _check_deadline(task.deadline_kind, task.deadline)
        task.original_deadline = task.deadline
    scope_check(user=user, instance=task)
    task.content = nfc(task.content)
    task.lead_unit = lead_unit
    task._history_user = user
    task.full_clean()
    task.save()
    _assign(task, lead_unit, coordinating_units, user)
    return task


# ---- progress -------------------------------------------------------------------------------------------


def may_report(user, assignment: Assignment) -> bool:
    """Only the unit assigned (lead or coordinating) reports on its part: a user of that unit, or for a
    province's unit an officer of that province."""
    if not can(user, "add", ProgressReport) or not getattr(user, "is_authenticated", False):
        return False
    unit = assignment.unit
    if user.unit_id == unit.pk:
        return True
    province_id = user_province_id(user)
    return province_id is not None and unit.province_id == province_id


def _obligation(assignment: Assignment) -> Obligation | None:
    """The unit's report owed on its part: the earliest period still open, else the latest period (a
    recurring task owes one per half-year)."""
    mine = Obligation.objects.filter(kind=KIND, object_id=assignment.pk)
    return (
        mine.filter(state__in=sorted(calendar.OPEN)).order_by("period_end", "pk").first()
        or mine.order_by("-period_end", "-pk").first()
    )


@transaction.atomic
def report_submit(
    *,
    assignment: Assignment,
    user,
    text: str,
    percent: int,
    done: bool = False,
    document=None,
    on: datetime.date | None = None,
) -> ProgressReport:
    """Báo cáo tiến độ — a unit reports on its part of a task (text, percentage, a document). Reporting
    it done (the percentage is then 100) submits the unit's obligation on the calendar; the lead unit's
    done report puts the task in wait for the agency's confirmation."""
    assignment = Assignment.objects.select_related("unit", "task__notice").get(pk=assignment.pk)
    task = Task.objects.select_for_update().get(pk=assignment.task_id)
    require(user, "view", task)
    if not may_report(user, assignment):
        raise PermissionDenied(_("Chỉ đơn vị chủ trì hoặc phối hợp của nhiệm vụ được báo cáo."))
    if task.state != State.OPEN:
        raise ServiceError(_("Nhiệm vụ đang chờ xác nhận hoặc đã hoàn thành, không nhận báo cáo mới."))
    text = nfc(text or "").strip()
    if not text:
        raise ServiceError(_("Ghi kết quả thực hiện."))
    if percent is None or not 0 <= int(percent) <= 100:
        raise ServiceError(_("Tiến độ phải từ 0 đến 100%."))
    percent = 100 if done else int(percent)
    if document:
        check_file(document)
    on = on or timezone.localdate()
    report = ProgressReport(
        assignment=assignment,
        reported_on=on,
        text=text,
        percent=percent,
        done=done,
        document=document or "",
        by=user,
    )
    report._history_user = user
    report.full_clean()
    report.save()
    assignment.percent, assignment.last_report_on = percent, on
    assignment._history_user = user
    assignment.save(update_fields=["percent", "last_report_on"])
    if assignment.role == Role.LEAD:
        task.percent = percent
        if done:
            task.state = statuses.next_state(task.state, "report_done")
        task._history_user = user
        task.save(update_fields=["percent", "state"])
    if done or task.deadline_kind != DeadlineKind.DATE:
        # a done report submits the unit's report; on a recurring or undated task every report is the
        # half-year's report, submitted for the agency to accept (the next half-year's then follows)
        obligation = _obligation(assignment) or _schedule(assignment, task, user)
        if obligation.state in calendar.OPEN:
            calendar_services.obligation_submit(obligation=obligation, user=user)
    return report


def _lead_obligation(task: Task) -> Obligation:
    lead = Assignment.objects.get(task=task, role=Role.LEAD)
    obligation = (
        Obligation.objects.filter(kind=KIND, object_id=lead.pk, state=calendar.SUBMITTED)
        .order_by("-period_end", "-pk")
        .first()
    )
    if obligation is None:
        raise ServiceError(_("Đơn vị chủ trì chưa báo cáo hoàn thành nhiệm vụ."))
    return obligation


@transaction.atomic
def task_confirm(*, task: Task, user) -> Task:
    """Xác nhận hoàn thành — the agency confirms the lead unit's done report: the calendar accepts it and
    the task is done on the day the lead unit reported it done."""
    _require_agency_writer(user, "change", task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.state != State.REPORTED:
        raise ServiceError(_("Nhiệm vụ chưa được báo cáo hoàn thành."))
    calendar_services.obligation_accept(obligation=_lead_obligation(task), user=user)  # → apply_review
    task.refresh_from_db()
    return task


@transaction.atomic
def task_return(*, task: Task, user, comment: str) -> Task:
    """Trả lại — the agency sends the lead unit's done report back with what is missing."""
    _require_agency_writer(user, "change", task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.state != State.REPORTED:
        raise ServiceError(_("Nhiệm vụ chưa được báo cáo hoàn thành."))
    calendar_services.obligation_return(obligation=_lead_obligation(task), user=user, comment=comment)
    task.refresh_from_db()
    return task


def apply_review(*, assignment_id: int, accepted: bool, user, at, comment: str = "") -> None:
    """The calendar accepted or returned a unit's report (called by the hook in `progress`): the unit's
    last done report takes the verdict; for the lead unit the task is done (on the day reported) or
    open again."""
    assignment = Assignment.objects.filter(pk=assignment_id).select_related("task").first()
    if assignment is None:
        return
    report = assignment.reports.filter(done=True).order_by("-reported_on", "-pk").first()
    if report is not None and not report.verdict:
        report.verdict = ReportVerdict.CONFIRMED if accepted else ReportVerdict.RETURNED
        report.verdict_comment = comment
        report._history_user = user
        report.save(update_fields=["verdict", "verdict_comment"])
    if assignment.role != Role.LEAD:
        return
    task = Task.objects.select_for_update().get(pk=assignment.task_id)
    target = statuses.next_state(task.state, "confirm" if accepted else "return")
    if target is None:
        return
    task.state = target
    if accepted:
        task.completed_on = report.reported_on if report is not None else timezone.localdate()
        task.confirmed_at, task.confirmed_by = at, user
    task._history_user = user
    task.save(update_fields=["state", "completed_on", "confirmed_at", "confirmed_by"])


@transaction.atomic
def deadline_extend(
    *,
    task: Task,
    user,
    new_deadline: datetime.date,
    reason: str,
    agreed_by: str,
    agreed_on: datetime.date | None = None,
) -> DeadlineExtension:
    """Gia hạn — a task's deadline moved only with the reason and who agreed; the units' open reports on
    the calendar take the new deadline (their reminders and escalations start again)."""
    _require_agency_writer(user, "change", task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    reason, agreed_by = nfc(reason or ""), nfc(agreed_by or "")
    problem = statuses.extension_problem(task.deadline, new_deadline, reason, agreed_by, task.state)
    if problem:
        raise ServiceError(_(problem))
    extension = DeadlineExtension(
        task=task,
        old_kind=task.deadline_kind,
        old_deadline=task.deadline,
        new_deadline=new_deadline,
        reason=reason,
        agreed_by=agreed_by,
        agreed_on=agreed_on or timezone.localdate(),
        by=user,
    )
    extension._history_user = user
    extension.full_clean()
    extension.save()
    if task.original_deadline is None:
        task.original_deadline = task.deadline
    task.deadline_kind, task.deadline = parsing.DATE, new_deadline
    task._history_user = user
    task.save(update_fields=["deadline_kind", "deadline", "original_deadline"])
    now = timezone.now()
    comment = _("Gia hạn đến %(d)s: %(r)s (%(who)s đồng ý)") % {
        "d": f"{new_deadline:%d/%m/%Y}",
        "r": reason,
        "who": agreed_by,
    }
    moved = set()
    for obligation in (
        Obligation.objects.select_for_update()
        .filter(
            kind=KIND,
            object_id__in=Assignment.objects.filter(task=task).values("pk"),
            state__in=sorted(calendar.OPEN),
        )
        .order_by("-period_end", "-pk")
    ):
        if obligation.object_id in moved:
            continue  # an earlier half-year's report of a recurring task stays owed as it was
        moved.add(obligation.object_id)
        obligation.period_end = obligation.due_on = new_deadline
        obligation.reminded_on, obligation.escalation, obligation.escalated_on = None, 0, None
        obligation.recurring = False  # a dated task owes one report, by its deadline
        obligation._history_user = user
        obligation.save(
            update_fields=["period_end", "due_on", "reminded_on", "escalation", "escalated_on", "recurring"]
        )
        step = ObligationStep(
            obligation=obligation, action=Action.RESCHEDULE, at=now, by=user, comment=comment
        )
        step._history_user = user
        step.save()
    return extension


__all__ = [
    "TaskInput",
    "apply_review",
    "check_file",
    "deadline_extend",
    "may_report",
    "notice_tasks_create",
    "report_submit",
    "task_confirm",
    "task_return",
    "task_save",
]
