"""Writes for progress reports and documents (báo cáo tiến độ, tài liệu đề án): the schedule made at the
contract, submission by the implementing side, the agency's review, reminders and escalation of late
reports, and attached files.

Every service: keyword-only arguments, one transaction, role and province scope checked with
core.permissions.require, the rule checked by the plain module `reporting`, the acting user recorded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cndp.accounts.choices import Role
from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.text import nfc
from cndp.extension import reporting, selectors
from cndp.extension.models import OUTPUTS, ProgressReport, Project, ProjectDocument

MAX_UPLOAD = 25 * 1024 * 1024  # 25 MB per file
ALLOWED_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)


@transaction.atomic
def reports_schedule(*, project: Project, user, on: datetime.date | None = None) -> list[ProgressReport]:
    """Lập lịch báo cáo — the reports a project owes from its timeline and the calendar in force on `on`
    (the contract's day). Idempotent: reports already scheduled are kept (a submitted one is never
    touched); only missing sequence numbers are added."""
    require(user, "change", project)
    on = on or timezone.localdate()
    rule = selectors.report_rule_at(on)
    existing = set(project.reports.values_list("sequence", flat=True))
    made = []
    for due in reporting.schedule(project.start_date, project.end_date, rule):
        if due.sequence in existing:
            continue
        report = ProgressReport(
            project=project,
            sequence=due.sequence,
            kind=due.kind,
            period_end=due.period_end,
            due_on=due.due_on,
        )
        report._history_user = user
        report.full_clean()
        report.save()
        made.append(report)
    return made


@transaction.atomic
def report_submit(
    *,
    report: ProgressReport,
    user,
    percent_complete: int,
    narrative: str,
    difficulties: str = "",
    at: datetime.datetime | None = None,
    **outputs: int,
) -> ProgressReport:
    """Nộp báo cáo — the implementing side (its province's Department officer, or the agency for it)
    reports progress and the outputs achieved so far (cumulative)."""
    require(user, "change", report)
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    unknown = set(outputs) - set(OUTPUTS)
    if unknown:
        raise TypeError(f"unknown outputs: {sorted(unknown)}")
    problem = reporting.submit_problem(report.status, percent_complete, report.kind)
    if problem:
        raise ServiceError(_(problem))
    narrative = nfc(narrative or "").strip()
    if not narrative:
        raise ServiceError(_("Ghi kết quả thực hiện trong kỳ báo cáo."))
    for name in OUTPUTS:
        value = outputs.get(name, 0) or 0
        if value < 0:
            raise ServiceError(_("Số liệu kết quả không được âm."))
        setattr(report, f"achieved_{name}", value)
    report.percent_complete = percent_complete
    report.narrative = narrative
    report.difficulties = nfc(difficulties or "").strip()
    report.status = reporting.SUBMITTED
    report.submissions += 1
    report.submitted_at = at or timezone.now()
    report.submitted_by = user
    report._history_user = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_review(
    *, report: ProgressReport, user, verdict: str, comment: str = "", at: datetime.datetime | None = None
) -> ProgressReport:
    """Xem xét báo cáo — the agency accepts a submitted report or sends it back for revision (with what
    to add). An accepted report becomes the project's latest figures (progress and outputs achieved)."""
    require(user, "add", ProgressReport)  # the agency's right; a province officer may only submit
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    comment = nfc(comment or "").strip()
    problem = reporting.review_problem(report.status, verdict, comment)
    if problem:
        raise ServiceError(_(problem))
    report.status = verdict
    report.reviewed_at = at or timezone.now()
    report.reviewed_by = user
    report.review_comment = comment
    if verdict == reporting.NEEDS_REVISION:
        report.reminded_on = None  # the reminder goes again for the revision
    report._history_user = user
    report.full_clean()
    report.save()
    if verdict == reporting.ACCEPTED:
        _project_figures(report.project, user)
    return report


def _project_figures(project: Project, user) -> None:
    """The project's progress and outputs = those of its accepted report with the latest data date."""
    latest = project.reports.filter(status=reporting.ACCEPTED).order_by("-period_end", "-sequence").first()
    fields = ["percent_complete", *(f"achieved_{name}" for name in OUTPUTS)]
    for name in fields:
        setattr(project, name, getattr(latest, name) if latest else 0)
    project._history_user = user
    project.save(update_fields=fields)


# ---- reminders and escalation --------------------------------------------------------------------------


@dataclass
class Notice:
    """One e-mail to send: who, and the reports it lists."""

    recipients: list[str]
    subject: str
    lines: list[str] = field(default_factory=list)


def _emails(users) -> list[str]:
    return sorted({u.email for u in users if u.email})


def _officers():
    """Active province and agency officers with their units (one query)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, groups__name__in=[Role.PROVINCE_OFFICER, Role.AGENCY_OFFICER])
        .select_related("unit")
        .prefetch_related("groups")
        .distinct()
    )


@transaction.atomic
def reports_follow_up(*, today: datetime.date | None = None) -> list[Notice]:
    """Nhắc hạn và báo trễ hạn — for every owed report of a running project: a reminder to its province's
    officers when it enters the reminder window; when late, escalation to the province's Department
    (level 1) and then to the agency (level 2). Each notice is recorded on the report so it goes once.
    Returns the e-mails to send (grouped per recipient set), which the task sends."""
    today = today or timezone.localdate()
    rule = selectors.report_rule_at(today)
    officers = _officers()
    by_province: dict[int, list] = defaultdict(list)
    agency = []
    for user in officers:
        names = {g.name for g in user.groups.all()}
        if Role.AGENCY_OFFICER in names:
            agency.append(user)
        if Role.PROVINCE_OFFICER in names and user.unit and user.unit.province_id:
            by_province[user.unit.province_id].append(user)
    reminders: dict[int, list[str]] = defaultdict(list)
    province_late: dict[int, list[str]] = defaultdict(list)
    agency_late: list[str] = []
    changed = []
    for report in selectors.reports_owed(today).select_for_update(of=("self",)):
        project = report.project
        line = _("%(code)s — %(name)s — %(kind)s, hạn %(due)s") % {
            "code": project.code,
            "name": project.name,
            "kind": report.label.lower(),
            "due": report.due_on.strftime("%d/%m/%Y"),
        }
        if reporting.needs_reminder(report.status, report.due_on, today, rule, report.reminded_on):
            reminders[project.province_current_id].append(line)
            report.reminded_on = today
            changed.append(report)
        level = reporting.escalation_due(report.status, report.due_on, today, rule, report.escalation)
        if level:
            days = (today - report.due_on).days
            late = _("%(line)s (quá hạn %(d)s ngày)") % {"line": line, "d": days}
            province_late[project.province_current_id].append(late)
            if level == 2:
                agency_late.append(f"{late} — {project.province_current.name}")
            report.escalation = level
            report.escalated_on = today
            if report not in changed:
                changed.append(report)
    for report in changed:
        report._history_user = None
        report.save(update_fields=["reminded_on", "escalation", "escalated_on"])
    notices = []
    with translation.override(settings.LANGUAGE_CODE):
        for province_id, lines in sorted(reminders.items()):
            notices.append(
                Notice(
                    _emails(by_province[province_id]),
                    _("[CNĐP] %(n)s báo cáo tiến độ đề án khuyến công sắp đến hạn") % {"n": len(lines)},
                    lines,
                )
            )
        for province_id, lines in sorted(province_late.items()):
            notices.append(
                Notice(
                    _emails(by_province[province_id]),
                    _("[CNĐP] %(n)s báo cáo tiến độ đề án khuyến công quá hạn") % {"n": len(lines)},
                    lines,
                )
            )
        if agency_late:
            notices.append(
                Notice(
                    _emails(agency),
                    _("[CNĐP] %(n)s báo cáo tiến độ quá hạn đã báo Sở Công Thương nhưng chưa nộp")
                    % {"n": len(agency_late)},
                    agency_late,
                )
            )
    return [n for n in notices if n.recipients]


# ---- documents -----------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    project: Project,
    user,
    kind: str,
    title: str,
    file,
    number: str = "",
    issued_on: datetime.date | None = None,
    report: ProgressReport | None = None,
) -> ProjectDocument:
    """Đính kèm tài liệu — kept with its size and SHA-256; refused over 25 MB or of an unlisted type."""
    require(user, "view", project)
    require(user, "add", ProjectDocument)
    if report is not None and report.project_id != project.pk:
        raise ServiceError(_("Báo cáo không thuộc đề án này."))
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(ALLOWED_EXTENSIONS):
        raise ServiceError(
            _("Tệp «%(f)s» không đúng loại cho phép (%(x)s).")
            % {"f": getattr(file, "name", ""), "x": ", ".join(ALLOWED_EXTENSIONS)}
        )
    if getattr(file, "size", 0) > MAX_UPLOAD:
        raise ServiceError(_("Tệp lớn hơn 25 MB."))
    size, digest = ProjectDocument.digest(file.chunks() if hasattr(file, "chunks") else [file.read()])
    if size == 0:
        raise ServiceError(_("Tệp rỗng."))
    file.seek(0)
    document = ProjectDocument(
        project=project,
        report=report,
        kind=kind,
        title=nfc(title).strip(),
        number=nfc(number or "").strip(),
        issued_on=issued_on,
        file=file,
        size=size,
        sha256=digest,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    document._history_user = user
    document.full_clean()
    document.save()
    return document
