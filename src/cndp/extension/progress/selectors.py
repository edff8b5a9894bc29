"""Reads for progress reports (tra cứu báo cáo tiến độ): the list, a project's reports and documents, where a
report stands under its obligation's rule — each a constant number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from cndp.extension.models import ProgressReport, Project, ProjectDocument
from cndp.extension.progress import rules as reporting
from cndp.extension.progress.models import LISTED
from cndp.obligations import calendar
from cndp.obligations import selectors as obligation_selectors
from cndp.obligations.models import Obligation, ObligationStep


def with_obligation(queryset: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    """Reports with their obligation, its rule (and escalation steps) and its steps with who took them:
    three more queries whatever the number of reports."""
    steps = Prefetch("steps", queryset=ObligationStep.objects.select_related("by"))
    return queryset.prefetch_related(
        Prefetch(
            "obligations",
            queryset=Obligation.objects.select_related("rule").prefetch_related("rule__steps", steps),
        )
    )


def report_standing(report: ProgressReport, today: datetime.date) -> calendar.Standing:
    """Where a report stands on `today` under its obligation's rule (the calendar's defaults without)."""
    obligation = report.obligation
    rule = (
        obligation.rule.as_rule(list(obligation.rule.steps.all())) if obligation and obligation.rule else None
    )
    rule = rule or calendar.Rule()
    return calendar.standing(
        report.status, report.due_on, today, rule.remind_days, [s.days_late for s in rule.steps]
    )


def report_remind_days(today: datetime.date) -> int:
    """The reminder window of the rule governing progress reports today."""
    rule = obligation_selectors.rule_for(reporting.OBLIGATION_KIND, today)
    return rule.remind_days if rule else calendar.Rule().remind_days


def project_reports(project: Project) -> list[ProgressReport]:
    return list(with_obligation(project.reports.all()).order_by("sequence"))


def project_documents(project: Project) -> QuerySet[ProjectDocument]:
    return project.documents.select_related("uploaded_by", "report").order_by("-uploaded_at", "-pk")


def report_list() -> QuerySet[ProgressReport]:
    """The report list's queryset, by due date: the project, its province and unit, and the obligation
    come with it."""
    return with_obligation(
        ProgressReport.objects.select_related(
            "project", "project__province_current", "project__implementing_unit"
        )
    ).order_by("obligation_due_on", "project_id", "sequence")


# What the list page and its Excel export read of a report, its project and its obligation (the table's
# columns, its links and its late-report rule): nothing else is loaded.
LIST_FIELDS = (
    "project_id",
    "sequence",
    "kind",
    "percent_complete",
    "obligation_due_on",
    "project__code",
    "project__name",
    "project__status",
    "project__province_current__name",
)


def _owed_column(name: str) -> RawSQL:
    """The field `name` of a report's obligation, read in the report's own query: a correlated subquery
    walking oblig_subject (content type, object), the obligation `ProgressReport.obligation` takes (the
    first in the obligations' order) — NULL when there is none. Written out rather than through
    `Subquery()`: the page compiles its query on every request, and four ORM subqueries over the generic
    relation cost more to compile than the prefetch they replace."""
    obligations = Obligation._meta
    report = ProgressReport._meta
    order = ", ".join(
        f'o."{obligations.get_field(f.lstrip("-").replace("pk", obligations.pk.name)).column}"'
        f"{' DESC' if f.startswith('-') else ''}"
        for f in obligations.ordering
    )
    return RawSQL(
        f'SELECT o."{obligations.get_field(name).column}" FROM "{obligations.db_table}" o'
        f' WHERE o."content_type_id" = (SELECT ct."id" FROM "{ContentType._meta.db_table}" ct'
        ' WHERE ct."app_label" = %s AND ct."model" = %s)'
        f' AND o."object_id" = "{report.db_table}"."{report.pk.column}"'
        f" ORDER BY {order} LIMIT 1",
        (report.app_label, report.model_name),
        output_field=obligations.get_field(name),
    )


def report_list_page() -> QuerySet[ProgressReport]:
    """The report list's (and its export's) queryset, in `report_list`'s order: only what the table shows,
    the obligation's period, due date, state and escalation read with each report (`listed_<field>`,
    which `ProgressReport`'s properties read) — one query, no obligation built, and a count of the
    reports alone (the subqueries are left out of it)."""
    return (
        ProgressReport.objects.select_related("project", "project__province_current")
        .only(*LIST_FIELDS)
        .annotate(**{listed: _owed_column(name) for name, listed in LISTED.items()})
        .order_by("obligation_due_on", "project_id", "sequence")
    )
