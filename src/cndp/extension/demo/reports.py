"""The demo's progress reports (báo cáo tiến độ): the reports each contracted project owes under the
calendar rule governing them, as far as 26/11/2026 — most accepted; some waiting for review, some sent
back, some late, reminded and escalated by the rule — each with its obligation on the shared reporting
calendar and the steps it went through (who and when), written with bulk_create."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType

from cndp.extension.demo.data import AS_OF, TZ
from cndp.extension.models import ProgressReport
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import lifecycle
from cndp.obligations import calendar
from cndp.obligations.choices import Action
from cndp.obligations.models import Obligation, ObligationStep
from cndp.obligations.services import obligations_owed_refresh

# Statuses after which every report owed has been accepted (the final one at 100 %).
_FINISHED = {lifecycle.ACCEPTED, lifecycle.LIQUIDATED, lifecycle.SETTLED}
_RETURN_COMMENT = "Bổ sung hình ảnh, biên bản bàn giao máy móc, thiết bị."


def _at(day: datetime.date, rng) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))), TZ)


def _morning(day: datetime.date) -> datetime.datetime:
    """When the daily job runs (its reminders and escalations)."""
    return datetime.datetime.combine(day, datetime.time(7, 0), TZ)


def plan_reports(ctx, rng, plan):
    """The reports of one project into plan["reports"], each with `_owed` (its obligation's fields and
    steps); the project's progress and outputs = its latest accepted report. `rng` is the project's own,
    so that the reports do not change the rest of the demo."""
    project = plan["project"]
    contract = next((t for t in plan["transitions"] if t.target == lifecycle.CONTRACTED), None)
    if contract is None:
        return
    rule = ctx.report_rule
    stopped = next(
        (t.at.date() for t in plan["transitions"] if t.target in (lifecycle.SUSPENDED, lifecycle.WITHDRAWN)),
        None,
    )
    finished = project.status in _FINISHED
    span = max((project.end_date - project.start_date).days, 1)
    submitter = ctx.province_users.get(project.province_current_id, ctx.officer)
    planned = {
        "trainees": project.planned_trainees,
        "models": project.planned_models,
        "machines": project.planned_machines,
        "products": project.planned_products,
        "jobs": project.planned_jobs,
    }
    latest = None
    plan["reports"] = []
    for due in calendar.rule_schedule(project.start_date, project.end_date, rule):
        report = ProgressReport(sequence=due.sequence, kind=due.kind)
        scheduled = contract.at
        owed = {
            "period_end": due.period_end,
            "due_on": due.due_on,
            "state": reporting.PENDING,
            "steps": [(Action.SCHEDULE, scheduled, contract.actor, 0, "", "")],
        }
        share = (
            1.0
            if due.kind == reporting.FINAL
            else min((due.period_end - project.start_date).days / span, 0.95)
        )
        percent = (
            100 if due.kind == reporting.FINAL else max(5, min(95, round(share * 100 + rng.randint(-10, 5))))
        )
        owed_by_now = due.due_on <= AS_OF or (finished and due.kind == reporting.FINAL)
        if stopped is not None and due.period_end >= stopped:
            owed_by_now = False
        if owed_by_now:
            roll = rng.random()
            if finished or roll < 0.78 or due.due_on < AS_OF - datetime.timedelta(days=120):
                status = reporting.ACCEPTED
            elif roll < 0.86:
                status = reporting.SUBMITTED
            elif roll < 0.92:
                status = reporting.NEEDS_REVISION
            else:
                status = reporting.PENDING
            owed["state"] = status
            events = []
            reminded = due.due_on - datetime.timedelta(days=rule.remind_days)
            if reminded <= AS_OF and status in reporting.OPEN:
                owed["reminded_on"] = reminded
                events.append((Action.REMIND, _morning(reminded), None, 0, "", ""))
            if status != reporting.PENDING:
                sent = min(due.due_on - datetime.timedelta(days=rng.randint(-3, 10)), AS_OF)
                report.percent_complete = percent
                report.narrative = (
                    f"Đã thực hiện {percent} % khối lượng đề án theo hợp đồng; "
                    f"{'hoàn thành toàn bộ nội dung' if due.kind == reporting.FINAL else 'tiến độ đúng kế hoạch'}."
                )
                for name, target in planned.items():
                    value = round(
                        target * share * (rng.uniform(0.95, 1.1) if due.kind == reporting.FINAL else 1)
                    )
                    setattr(report, f"achieved_{name}", max(value, 0))
                owed["submissions"] = 1
                submitted_at = max(_at(sent, rng), scheduled + datetime.timedelta(hours=1))
                events.append((Action.SUBMIT, submitted_at, submitter, 0, "", ""))
                if status in (reporting.ACCEPTED, reporting.NEEDS_REVISION):
                    reviewed = min(sent + datetime.timedelta(days=rng.randint(2, 12)), AS_OF)
                    reviewed_at = max(
                        _at(reviewed, rng), submitted_at + datetime.timedelta(hours=rng.randint(1, 5))
                    )
                    accepted = status == reporting.ACCEPTED
                    events.append(
                        (Action.ACCEPT if accepted else Action.RETURN, reviewed_at, ctx.officer, 0, "",
                         "" if accepted else _RETURN_COMMENT)
                    )  # fmt: skip
            standing = calendar.standing(
                status, due.due_on, AS_OF, rule.remind_days, [s.days_late for s in rule.steps]
            )
            if standing.escalation:
                owed["escalation"] = standing.escalation
                for level in range(1, standing.escalation + 1):
                    step = rule.steps[level - 1]
                    on = due.due_on + datetime.timedelta(days=step.days_late)
                    owed["escalated_on"] = on
                    events.append((Action.ESCALATE, _morning(on), None, level, step.audience, ""))
            owed["steps"] += sorted(events, key=lambda e: e[1])
            if status == reporting.ACCEPTED and (
                latest is None or due.period_end >= latest._owed["period_end"]
            ):
                latest = report
        report._owed = owed
        plan["reports"].append(report)
    if latest is not None:
        project.percent_complete = latest.percent_complete
        for name in planned:
            setattr(project, f"achieved_{name}", getattr(latest, f"achieved_{name}"))


def save_reports(reports: list[ProgressReport], ctx) -> None:
    """The reports, their obligations (owed by the project's province and implementing unit, under the
    rule in force) and the obligations' steps, in bulk."""
    for report in reports:
        report.obligation_due_on = report._owed["due_on"]  # the copy the list is ordered by
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    content_type = ContentType.objects.get_for_model(ProgressReport)
    obligations = []
    for report in reports:
        project, owed = report.project, report._owed
        title = f"{project.code} — {project.name} — {report.label.lower()}"[:300]
        obligation = Obligation(
            kind=reporting.OBLIGATION_KIND,
            title=title,
            content_type=content_type,
            object_id=report.pk,
            unit_id=project.implementing_unit_id,
            province_id=project.province_current_id,
            rule=ctx.report_calendar,
            basis=report.kind,
            period_end=owed["period_end"],
            due_on=owed["due_on"],
            state=owed["state"],
            submissions=owed.get("submissions", 0),
            reminded_on=owed.get("reminded_on"),
            escalation=owed.get("escalation", 0),
            escalated_on=owed.get("escalated_on"),
        )
        obligation.search_folded = obligation.search_text()
        obligations.append(obligation)
    Obligation.objects.bulk_create(obligations, batch_size=1000)
    # a suspended or ended project's reports are no longer owed (bulk_create sends no signal)
    obligations_owed_refresh(kind=reporting.OBLIGATION_KIND)
    ids = dict(
        Obligation.objects.filter(
            kind=reporting.OBLIGATION_KIND,
            content_type=content_type,
            object_id__in=[r.pk for r in reports],
        ).values_list("object_id", "pk")
    )
    ObligationStep.objects.bulk_create(
        [
            ObligationStep(
                obligation_id=ids[report.pk],
                action=action,
                at=at,
                by=by,
                level=level,
                audience=audience,
                comment=comment,
            )
            for report in reports
            for action, at, by, level, audience, comment in report._owed["steps"]
        ],
        batch_size=2000,
    )
