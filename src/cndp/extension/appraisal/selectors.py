"""Reads for appraisal and selection (tra cứu thẩm định, lựa chọn): the rubric in force, a project's rank,
the year's fund and what is committed against it, the selection's candidates — each a constant number of
queries whatever the data size."""

from __future__ import annotations

import datetime

from cndp.extension.appraisal import selection
from cndp.extension.models import AnnualFund, Programme, Project, Rubric, valid_at
from cndp.extension.projects import lifecycle
from cndp.extension.projects.selectors import project_list


def rubric_in_force(date: datetime.date) -> Rubric | None:
    return valid_at(Rubric.objects.all(), date).order_by("-valid_from").first()


def project_rank(project: Project) -> int | None:
    """Competition rank of the project's score among the projects of its year and programme with a score."""
    if project.score is None:
        return None
    better = Project.objects.filter(
        plan_year=project.plan_year, programme=project.programme, score__gt=project.score
    ).count()
    return better + 1


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
