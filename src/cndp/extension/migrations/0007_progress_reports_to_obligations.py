"""Progress reports move onto the shared reporting calendar (obligations).

- Each ScheduleRule's report calendar (half-year and year due days, data cut-off, final report, reminder
  and escalation days) becomes a CalendarRule governing the kind «extension.progress», with its
  escalation steps (the province's Department, then the agency), same dates of validity and basis.
- Each ProgressReport gets its Obligation (linked by content type): the owing province and implementing
  unit, the rule in force when the report was scheduled, its period, due date, state, submissions,
  reminder and escalation; and the steps it went through, read from the report's history (each change of
  state, reminder and escalation with who and when), or, for a report written without history (bulk
  loads), from its last submission and review.

The old fields are removed by the next migration. Backwards, the reports take their state back from the
obligations (the steps are dropped with them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import migrations
from django.utils import timezone

KIND = "extension.progress"
OPEN = ("pending", "needs_revision")
BATCH = 1000


def _rules(apps):
    """Convert the ScheduleRules; returns [(valid_from, valid_to, CalendarRule, escalation audiences)]."""
    from cndp.extension import reference

    ScheduleRule = apps.get_model("extension", "ScheduleRule")
    CalendarRule = apps.get_model("obligations", "CalendarRule")
    EscalationStep = apps.get_model("obligations", "EscalationStep")
    made = []
    for old in ScheduleRule.objects.order_by("valid_from", "pk"):
        fields, steps = reference.calendar_rule_values(
            old.name,
            old.valid_from,
            old.valid_to,
            old.confirmed,
            reference.report_rule(lambda name, old=old: getattr(old, name)),
        )
        rule = CalendarRule.objects.create(**fields)
        EscalationStep.objects.bulk_create(
            [EscalationStep(rule=rule, days_late=d, audience=a) for d, a in steps]
        )
        made.append((old.valid_from, old.valid_to, rule, [a for _d, a in steps]))
    return made


def _rule_at(rules, date):
    """The rule in force on `date` (the latest started), else the latest of all; None without rules."""
    in_force = [r for r in rules if r[0] <= date and (r[1] is None or date <= r[1])]
    chosen = in_force or rules
    return chosen[-1] if chosen else None


def _at(day: datetime.date | None, fallback):
    if day is None:
        return fallback
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 0)))


def _level_audience(level: int, audiences: list[str]) -> tuple[int, str]:
    """Old levels: 1 the province's Department, 2 the agency; a rule with one step (both the same day)
    has only the agency's."""
    if not audiences:
        return level, ""
    level = min(level, len(audiences))
    return level, audiences[level - 1]


def _steps_from_history(report, rows, audiences):
    """(action, at, by_id, level, audience, comment) of a report from its history rows (oldest first)."""
    steps = []
    prev = None
    for h in rows:
        if prev is None:
            steps.append(("schedule", h.history_date, h.history_user_id, 0, "", ""))
        else:
            if h.status != prev.status:
                if h.status == "submitted":
                    action = "resubmit" if prev.status == "needs_revision" else "submit"
                    steps.append(
                        (action, h.submitted_at or h.history_date, h.submitted_by_id or h.history_user_id,
                         0, "", "")
                    )  # fmt: skip
                elif h.status in ("accepted", "needs_revision"):
                    action = "accept" if h.status == "accepted" else "return"
                    steps.append(
                        (action, h.reviewed_at or h.history_date, h.reviewed_by_id or h.history_user_id,
                         0, "", h.review_comment or "")
                    )  # fmt: skip
            if h.reminded_on and h.reminded_on != prev.reminded_on:
                steps.append(("remind", h.history_date, None, 0, "", ""))
            for level in range(prev.escalation + 1, h.escalation + 1):
                level, audience = _level_audience(level, audiences)
                if not any(s[0] == "escalate" and s[3] == level for s in steps):
                    steps.append(("escalate", h.history_date, None, level, audience, ""))
        prev = h
    return steps


def _steps_from_fields(report, audiences):
    """The steps of a report written without history: its scheduling, last submission and review,
    reminder and escalation."""
    steps = [("schedule", report.created, None, 0, "", "")]
    events = []
    if report.submitted_at:
        resubmitted = report.status == "submitted" and report.reviewed_at and report.submissions > 1
        events.append(("resubmit" if resubmitted else "submit", report.submitted_at, report.submitted_by_id,
                       0, "", ""))  # fmt: skip
    if report.reviewed_at:
        action = "accept" if report.status == "accepted" else "return"
        if report.status == "submitted":  # reviewed (returned), then submitted again
            action = "return"
        events.append((action, report.reviewed_at, report.reviewed_by_id, 0, "", report.review_comment or ""))
    if report.reminded_on:
        events.append(("remind", _at(report.reminded_on, report.created), None, 0, "", ""))
    for level in range(1, report.escalation + 1):
        level, audience = _level_audience(level, audiences)
        if not any(e[0] == "escalate" and e[3] == level for e in events):
            events.append(("escalate", _at(report.escalated_on, report.created), None, level, audience, ""))
    steps += sorted(events, key=lambda e: e[1])
    return steps


def forward(apps, schema_editor):
    from cndp.core.text import fold

    ContentType = apps.get_model("contenttypes", "ContentType")
    ProgressReport = apps.get_model("extension", "ProgressReport")
    History = apps.get_model("extension", "HistoricalProgressReport")
    Obligation = apps.get_model("obligations", "Obligation")
    ObligationStep = apps.get_model("obligations", "ObligationStep")
    rules = _rules(apps)
    content_type, _ = ContentType.objects.get_or_create(app_label="extension", model="progressreport")
    ids = list(ProgressReport.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        reports = list(ProgressReport.objects.filter(pk__in=batch).select_related("project").order_by("pk"))
        history = defaultdict(list)
        for row in History.objects.filter(id__in=batch).order_by("id", "history_date", "history_id"):
            history[row.id].append(row)
        obligations, all_steps = [], []
        for report in reports:
            project = report.project
            chosen = _rule_at(rules, timezone.localdate(report.created))
            rule, audiences = (chosen[2], chosen[3]) if chosen else (None, ["province", "agency"])
            label = "báo cáo tổng kết" if report.kind == "final" else f"báo cáo tiến độ kỳ {report.sequence}"
            title = f"{project.code} — {project.name} — {label}"[:300]
            escalation, _audience = (
                _level_audience(report.escalation, audiences) if report.escalation else (0, "")
            )
            obligations.append(
                Obligation(
                    kind=KIND,
                    title=title,
                    search_folded=fold(title)[:500],
                    content_type=content_type,
                    object_id=report.pk,
                    unit_id=project.implementing_unit_id,
                    province_id=project.province_current_id,
                    rule=rule,
                    basis=report.kind,
                    period_end=report.period_end,
                    due_on=report.due_on,
                    state=report.status,
                    submissions=report.submissions,
                    reminded_on=report.reminded_on,
                    escalation=escalation,
                    escalated_on=report.escalated_on,
                )
            )
            rows = history.get(report.pk)
            all_steps.append(
                _steps_from_history(report, rows, audiences)
                if rows
                else _steps_from_fields(report, audiences)
            )
        Obligation.objects.bulk_create(obligations, batch_size=BATCH)
        saved = {
            o.object_id: o.pk
            for o in Obligation.objects.filter(kind=KIND, content_type=content_type, object_id__in=batch)
        }
        ObligationStep.objects.bulk_create(
            [
                ObligationStep(
                    obligation_id=saved[report.pk],
                    action=action,
                    at=at,
                    by_id=by_id,
                    level=level,
                    audience=audience,
                    comment=comment,
                )
                for report, steps in zip(reports, all_steps, strict=True)
                for action, at, by_id, level, audience, comment in steps
            ],
            batch_size=BATCH,
        )


def backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ProgressReport = apps.get_model("extension", "ProgressReport")
    Obligation = apps.get_model("obligations", "Obligation")
    CalendarRule = apps.get_model("obligations", "CalendarRule")
    content_type = ContentType.objects.filter(app_label="extension", model="progressreport").first()
    owed = Obligation.objects.filter(kind=KIND)
    if content_type is not None:
        for obligation in (
            owed.filter(content_type=content_type).prefetch_related("steps").iterator(chunk_size=BATCH)
        ):
            steps = sorted(obligation.steps.all(), key=lambda s: (s.at, s.pk))
            submitted = [s for s in steps if s.action in ("submit", "resubmit")]
            reviewed = [s for s in steps if s.action in ("accept", "return")]
            ProgressReport.objects.filter(pk=obligation.object_id).update(
                period_end=obligation.period_end,
                due_on=obligation.due_on,
                status=obligation.state,
                submissions=obligation.submissions,
                submitted_at=submitted[-1].at if submitted else None,
                submitted_by_id=submitted[-1].by_id if submitted else None,
                reviewed_at=reviewed[-1].at if reviewed else None,
                reviewed_by_id=reviewed[-1].by_id if reviewed else None,
                review_comment=reviewed[-1].comment if reviewed else "",
                reminded_on=obligation.reminded_on,
                escalation=min(obligation.escalation, 2),
                escalated_on=obligation.escalated_on,
            )
    owed.delete()
    CalendarRule.objects.filter(kinds=[KIND]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("extension", "0006_list_indexes"),
        ("obligations", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, backward)]
