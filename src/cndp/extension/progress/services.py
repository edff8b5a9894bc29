"""Writes for progress reports and documents (báo cáo tiến độ, tài liệu đề án): the schedule made at the
contract, submission by the implementing side, the agency's review, and attached files. Owing a report is
an obligation of the shared reporting calendar (cndp.obligations): scheduling, submitting and reviewing
go through its services, and its one daily job (`cndp manage remind`) reminds and escalates.

Every service: keyword-only arguments, one transaction, role and province scope checked with
core.permissions.require, the content checked by the plain module `reporting`, the acting user recorded.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cndp.core.permissions import require
from cndp.core.services import ServiceError, check_upload
from cndp.core.text import nfc
from cndp.extension.models import OUTPUTS, ProgressReport, Project, ProjectDocument
from cndp.extension.progress import rules as reporting
from cndp.obligations import calendar
from cndp.obligations import selectors as obligation_selectors
from cndp.obligations import services as obligation_services
from cndp.obligations.models import Obligation


def _title(project: Project, report: ProgressReport) -> str:
    """The obligation's title, as the calendar's lists and e-mails show it (in the source language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(code)s — %(name)s — %(kind)s") % {
            "code": project.code,
            "name": project.name,
            "kind": report.label.lower(),
        }


@transaction.atomic
def reports_schedule(*, project: Project, user, on: datetime.date | None = None) -> list[ProgressReport]:
    """Lập lịch báo cáo — the reports a project owes from its timeline and the calendar rule governing
    progress reports on `on` (the contract's day), each an obligation of the shared calendar owed by the
    project's province (its implementing unit). Idempotent: reports already scheduled are kept (a
    submitted one is never touched); only missing sequence numbers are added."""
    require(user, "change", project)
    on = on or timezone.localdate()
    rule = obligation_selectors.rule_for(reporting.OBLIGATION_KIND, on)
    plain = rule.as_rule() if rule else calendar.Rule()
    existing = set(project.reports.values_list("sequence", flat=True))
    made = []
    for due in calendar.rule_schedule(project.start_date, project.end_date, plain):
        if due.sequence in existing:
            continue
        report = ProgressReport(
            project=project, sequence=due.sequence, kind=due.kind, obligation_due_on=due.due_on
        )
        report._history_user = user
        report.full_clean()
        report.save()
        obligation = obligation_services.obligation_schedule(
            kind=reporting.OBLIGATION_KIND,
            subject=report,
            title=_title(project, report),
            period_end=due.period_end,
            due_on=due.due_on,
            basis=due.kind,
            unit=project.implementing_unit,
            province=project.province_current,
            rule=rule,
            user=user,
        )
        if obligation.due_on != report.obligation_due_on:  # one scheduled before (idempotent): its date
            report.obligation_due_on = obligation.due_on
            report.save(update_fields=["obligation_due_on"])
        made.append(report)
    return made


def reports_redated(obligations: list[Obligation]) -> None:
    """The calendar re-dated these progress-report obligations (a rule edited, in the admin or by its
    service): each report's copy of the due date follows, in the same transaction — one UPDATE per 500
    reports, the new date read from the obligation itself."""
    due = Obligation.objects.filter(
        kind=reporting.OBLIGATION_KIND,
        content_type=ContentType.objects.get_for_model(ProgressReport),
        object_id=OuterRef("pk"),
    ).values("due_on")[:1]
    ids = sorted({o.object_id for o in obligations})
    for start in range(0, len(ids), 500):
        ProgressReport.objects.filter(pk__in=ids[start : start + 500]).update(obligation_due_on=Subquery(due))


def project_obligations_follow(project: Project) -> None:
    """A project was saved (its status may have changed): its progress reports' obligations are still
    owed on the calendar while it reports (`obligations_owed_refresh`, the kind's condition)."""
    obligation_services.obligations_owed_refresh(
        kind=reporting.OBLIGATION_KIND,
        object_ids=ProgressReport.objects.filter(project=project).values("pk"),
    )


def _obligation(report: ProgressReport) -> Obligation:
    obligation = report.obligation
    if obligation is None:  # every report is scheduled with its obligation
        raise ServiceError(_("Báo cáo chưa được lập lịch."))
    return obligation


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
    """Nộp báo cáo — the owing side (its province's Department officer, or the agency for it) reports
    progress and the outputs achieved so far (cumulative); the obligation records the submission (only
    the owing side may: obligations.services.obligation_submit)."""
    require(user, "change", report)
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    obligation = _obligation(report)
    unknown = set(outputs) - set(OUTPUTS)
    if unknown:
        raise TypeError(f"unknown outputs: {sorted(unknown)}")
    problem = reporting.submit_problem(obligation.state, percent_complete, report.kind)
    if problem:
        raise ServiceError(_(problem))
    if not obligation_services.may_submit(user, obligation):
        raise PermissionDenied(_("Chỉ đơn vị phải báo cáo được nộp báo cáo này."))
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
    report._history_user = user
    report.full_clean()
    report.save()
    obligation_services.obligation_submit(obligation=obligation, user=user, at=at)
    return report


@transaction.atomic
def report_review(
    *, report: ProgressReport, user, verdict: str, comment: str = "", at: datetime.datetime | None = None
) -> ProgressReport:
    """Xem xét báo cáo — the agency accepts a submitted report or sends it back for revision (with what
    to add), recorded on the obligation. An accepted report becomes the project's latest figures
    (progress and outputs achieved)."""
    require(user, "add", ProgressReport)  # the agency's right; a province officer may only submit
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    obligation_services.obligation_review(
        obligation=_obligation(report), user=user, verdict=verdict, comment=comment, at=at
    )
    if verdict == reporting.ACCEPTED:
        _project_figures(report.project, user)
    return report


def _project_figures(project: Project, user) -> None:
    """The project's progress and outputs = those of its accepted report with the latest data date."""
    latest = (
        project.reports.filter(obligations__state=reporting.ACCEPTED)
        .order_by("-obligations__period_end", "-sequence")
        .first()
    )
    fields = ["percent_complete", *(f"achieved_{name}" for name in OUTPUTS)]
    for name in fields:
        setattr(project, name, getattr(latest, name) if latest else 0)
    project._history_user = user
    project.save(update_fields=fields)


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
    check_upload(file)
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
