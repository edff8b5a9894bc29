"""Reads for industrial extension (tra cứu khuyến công): the project list, the caps in force, the ledger,
ranks and the selection candidates — each a constant number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from cndp.extension import caps, ledger, lifecycle, selection
from cndp.extension.models import (
    AnnualFund,
    FundingCap,
    Programme,
    ProgressReport,
    Project,
    ProjectDocument,
    ProjectTransition,
    Rubric,
    ScheduleRule,
    valid_at,
)
from cndp.extension.progress import rules as reporting
from cndp.obligations import calendar
from cndp.obligations import selectors as obligation_selectors
from cndp.obligations.models import Obligation, ObligationStep


def project_list() -> QuerySet[Project]:
    """The list's queryset: every column the table shows comes with it (no query per row)."""
    return Project.objects.select_related(
        "province", "province_current", "activity_type", "implementing_unit", "programme", "trade"
    )


def caps_in_force(activity_type_id: int, date: datetime.date) -> list[caps.Cap]:
    qs = valid_at(FundingCap.objects.filter(activity_type_id=activity_type_id), date)
    return [c.as_cap() for c in qs.select_related("activity_type")]


def cap_for(project: Project) -> caps.Cap | None:
    """The cap bounding a project: the national level for a national project, the province's own level
    (or the national one when the province set none) for a local project."""
    date = caps.plan_date(project.plan_year)
    local = project.programme.scope == "local"
    return caps.cap_in_force(
        caps_in_force(project.activity_type_id, date),
        project.activity_type_id,
        project.province_id if local else None,
        date,
    )


def programme_for_year(plan_year: int, scope: str = "national", province=None) -> Programme | None:
    qs = Programme.objects.filter(scope=scope, phase_start__lte=plan_year, phase_end__gte=plan_year)
    if province is not None:
        qs = qs.filter(province=province)
    return qs.order_by("-phase_start").first()


def rubric_in_force(date: datetime.date) -> Rubric | None:
    return valid_at(Rubric.objects.all(), date).order_by("-valid_from").first()


def project_entries(project: Project) -> list[ledger.Entry]:
    return [
        ledger.Entry(kind, amount)
        for kind, amount in project.ledger.order_by("on", "pk").values_list("kind", "amount")
    ]


def project_totals(project: Project) -> ledger.Totals:
    return ledger.totals(project_entries(project), project.funds_for_ledger)


def project_rank(project: Project) -> int | None:
    """Competition rank of the project's score among the projects of its year and programme with a score."""
    if project.score is None:
        return None
    better = Project.objects.filter(
        plan_year=project.plan_year, programme=project.programme, score__gt=project.score
    ).count()
    return better + 1


def project_transitions(project: Project) -> QuerySet[ProjectTransition]:
    return project.transitions.select_related("actor").order_by("at", "pk")


def annual_fund(programme: Programme, year: int) -> AnnualFund | None:
    return AnnualFund.objects.filter(programme=programme, year=year).first()


def committed_funds(programme: Programme, year: int) -> int:
    """Extension funds already taken from the year's fund: selected projects and those in the plan."""
    statuses = {lifecycle.SELECTED, *lifecycle.APPROVED}
    qs = Project.objects.filter(programme=programme, plan_year=year, status__in=statuses)
    total = 0
    for approved, requested in qs.values_list("approved_funds", "extension_funds"):
        total += approved if approved is not None else requested
    return total


def selection_candidates(programme: Programme, year: int) -> list[Project]:
    return list(
        project_list()
        .filter(programme=programme, plan_year=year, status=lifecycle.AGENCY_APPRAISED, score__isnull=False)
        .order_by("-score", "extension_funds", "code")
    )


def as_candidate(project: Project) -> selection.Candidate:
    return selection.Candidate(
        key=project.pk, score=project.score, amount=project.extension_funds, code=project.code
    )


def status_counts(queryset: QuerySet[Project]) -> dict[str, dict]:
    """Projects and extension funds per status of a (filtered) list: one query."""
    rows = queryset.order_by().values("status").annotate(n=Count("pk"), funds=Sum("extension_funds"))
    return {r["status"]: {"n": r["n"], "funds": r["funds"] or 0} for r in rows}


def year_overview(year: int) -> dict[str, int]:
    """Registered, selected, approved and disbursed for a plan year (the report's first line)."""
    projects = Project.objects.filter(plan_year=year)
    agg = projects.aggregate(
        registered=Count("pk"),
        selected=Count("pk", filter=Q(status__in=[lifecycle.SELECTED, *lifecycle.APPROVED])),
        approved=Count("pk", filter=Q(status__in=list(lifecycle.APPROVED))),
        approved_funds=Sum("approved_funds", filter=Q(status__in=list(lifecycle.APPROVED))),
    )
    from cndp.extension.models import LedgerEntry

    money = LedgerEntry.objects.filter(project__plan_year=year).aggregate(
        out=Sum("amount", filter=Q(kind__in=[ledger.ADVANCE, ledger.PAYMENT])),
        back=Sum("amount", filter=Q(kind=ledger.REFUND)),
    )
    agg["approved_funds"] = agg["approved_funds"] or 0
    agg["disbursed"] = (money["out"] or 0) - (money["back"] or 0)
    return agg


# ---- deadlines and progress reports --------------------------------------------------------------------


def schedule_rule_at(date: datetime.date) -> ScheduleRule | None:
    """The registration deadline in force on `date` (the latest that started on or before it)."""
    return valid_at(ScheduleRule.objects.all(), date).order_by("-valid_from", "-pk").first()


def deadline_for(plan_year: int) -> caps.Deadline:
    """The registration deadline of a plan year: the rule in force on 1 January of the year before."""
    rule = schedule_rule_at(datetime.date(plan_year - 1, 1, 1))
    return rule.as_deadline() if rule else caps.DEFAULT_DEADLINE


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
    ).order_by("obligations__due_on", "project", "sequence")


def work_queue(user, today: datetime.date) -> dict[str, int]:
    """What needs doing today, within the user's scope (the home page's card; one query): proposals of
    the open plan year. (The reports overdue, due soon and waiting for review are the reporting
    calendar's cards, of every kind: obligations.home.)"""
    year = caps.first_open_plan_year(today, deadline_for(today.year + 1))
    return {"open_year": year, "proposals": Project.objects.restrict(user).filter(plan_year=year).count()}
