"""Reads for extension projects (tra cứu đề án khuyến công): the project list, the caps and the registration
deadline in force, the ledger, the transitions — each a constant number of queries whatever the data size."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet, Sum

from cndp.extension.models import (
    FundingCap,
    LedgerEntry,
    Programme,
    Project,
    ProjectTransition,
    ScheduleRule,
    valid_at,
)
from cndp.extension.projects import caps, ledger, lifecycle


def project_list() -> QuerySet[Project]:
    """The list's queryset: every column the table shows comes with it (no query per row)."""
    return Project.objects.select_related(
        "province", "province_current", "activity_type", "implementing_unit", "programme", "trade"
    )


def project_list_rows() -> QuerySet[Project]:
    """The list page's rows and its Excel export's: the table's columns only (code, name and content,
    year, province, funds, score, status), not every field of the project and of six related records
    as a project's page reads them."""
    return Project.objects.select_related("province", "activity_type").only(
        "code",
        "name",
        "plan_year",
        "province__name",
        "activity_type__name",
        "extension_funds",
        "total_funds",
        "score",
        "status",
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


def project_entries(project: Project) -> list[ledger.Entry]:
    return [
        ledger.Entry(kind, amount)
        for kind, amount in project.ledger.order_by("on", "pk").values_list("kind", "amount")
    ]


def project_totals(project: Project) -> ledger.Totals:
    return ledger.totals(project_entries(project), project.funds_for_ledger)


def project_transitions(project: Project) -> QuerySet[ProjectTransition]:
    return project.transitions.select_related("actor").order_by("at", "pk")


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
    money = LedgerEntry.objects.filter(project__plan_year=year).aggregate(
        out=Sum("amount", filter=Q(kind__in=[ledger.ADVANCE, ledger.PAYMENT])),
        back=Sum("amount", filter=Q(kind=ledger.REFUND)),
    )
    agg["approved_funds"] = agg["approved_funds"] or 0
    agg["disbursed"] = (money["out"] or 0) - (money["back"] or 0)
    return agg


# ---- the registration deadline --------------------------------------------------------------------------


def schedule_rule_at(date: datetime.date) -> ScheduleRule | None:
    """The registration deadline in force on `date` (the latest that started on or before it)."""
    return valid_at(ScheduleRule.objects.all(), date).order_by("-valid_from", "-pk").first()


def deadline_for(plan_year: int) -> caps.Deadline:
    """The registration deadline of a plan year: the rule in force on 1 January of the year before."""
    rule = schedule_rule_at(datetime.date(plan_year - 1, 1, 1))
    return rule.as_deadline() if rule else caps.DEFAULT_DEADLINE


def work_queue(user, today: datetime.date) -> dict[str, int]:
    """What needs doing today, within the user's scope (the home page's card; one query): proposals of
    the open plan year. (The reports overdue, due soon and waiting for review are the reporting
    calendar's cards, of every kind: obligations.home.)"""
    year = caps.first_open_plan_year(today, deadline_for(today.year + 1))
    return {"open_year": year, "proposals": Project.objects.restrict(user).filter(plan_year=year).count()}
