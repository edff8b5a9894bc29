"""Writes for appraisal and selection (chấm điểm, lựa chọn): appraisal sheets on the rubric, the selection
proposed within the year's fund and confirmed by an officer. (The disbursement ledger is the project's:
projects.services.disbursement_record.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.extension.appraisal import selection, selectors
from cndp.extension.models import Appraisal, AppraisalScore, Programme, Project, Rubric
from cndp.extension.projects import caps, lifecycle
from cndp.extension.projects import selectors as project_selectors
from cndp.extension.projects.services import _today, project_transition


@transaction.atomic
def appraisal_record(
    *,
    project: Project,
    reviewer,
    user,
    scores: Mapping[str, object],
    comment: str = "",
    rubric: Rubric | None = None,
    on: datetime.date | None = None,
) -> Appraisal:
    """Phiếu chấm của một thành viên thẩm định: scores per criterion code; the project's score becomes the
    mean of its reviewers' scores (out of 100). A reviewer scoring again replaces their sheet."""
    require(user, "add", Appraisal)
    require(user, "view", project)
    on = _today(on)
    if project.status not in (lifecycle.SUBMITTED, lifecycle.AGENCY_APPRAISED):
        raise ServiceError(
            _("Chỉ chấm điểm đề án đã gửi Cục và chưa được lựa chọn (hiện: «%(s)s»).")
            % {"s": project.get_status_display()}
        )
    if getattr(reviewer, "scope_province_id", None) is not None:
        raise ServiceError(_("Thành viên thẩm định phải là cán bộ của Cục."))
    rubric = rubric or selectors.rubric_in_force(on)
    if rubric is None:
        raise ServiceError(
            _("Chưa có bộ tiêu chí thẩm định có hiệu lực ngày %(d)s.") % {"d": on.strftime("%d/%m/%Y")}
        )
    criteria = list(rubric.criteria.all())
    plain = [selection.Criterion(c.code, c.weight, c.name) for c in criteria]
    problem = selection.score_problem(scores, plain, rubric.scale)
    if problem:
        raise ServiceError(problem)
    total = selection.weighted_score(scores, plain, rubric.scale)
    appraisal = Appraisal.objects.filter(project=project, reviewer=reviewer).first() or Appraisal(
        project=project, reviewer=reviewer
    )
    appraisal.rubric, appraisal.appraised_on, appraisal.score = rubric, on, total
    appraisal.comment, appraisal.recorded_by = (comment or "").strip(), user
    appraisal._history_user = user
    appraisal.full_clean()
    appraisal.save()
    appraisal.scores.all().delete()
    AppraisalScore.objects.bulk_create(
        [AppraisalScore(appraisal=appraisal, criterion=c, value=scores[c.code]) for c in criteria]
    )
    project.score = selection.average(project.appraisals.values_list("score", flat=True))
    project._history_user = user
    project.save(update_fields=["score"])
    return appraisal


@dataclass
class SelectionProposal:
    programme: Programme
    year: int
    fund: int
    committed: int
    proposal: selection.Proposal
    projects: dict  # pk → Project

    def chosen(self) -> list[Project]:
        return [self.projects[c.key] for c in self.proposal.chosen]

    def passed_over(self) -> list[Project]:
        return [self.projects[c.key] for c in self.proposal.passed_over]

    def below_pass(self) -> list[Project]:
        return [self.projects[c.key] for c in self.proposal.below_pass]


def selection_propose(
    *, year: int, fund: int | None = None, programme: Programme | None = None
) -> SelectionProposal:
    """Đề xuất lựa chọn: the appraised projects of the year, best score first, taken while the fund lasts
    (what is already selected or in the plan counts against it). Writes nothing: an officer confirms."""
    programme = programme or project_selectors.programme_for_year(year)
    if programme is None:
        raise ServiceError(_("Chưa có chương trình khuyến công cho năm %(y)s.") % {"y": year})
    if fund is None:
        annual = selectors.annual_fund(programme, year)
        if annual is None:
            raise ServiceError(_("Chưa có kinh phí khuyến công năm %(y)s.") % {"y": year})
        fund = annual.amount
    committed = selectors.committed_funds(programme, year)
    rubric = selectors.rubric_in_force(caps.plan_date(year)) or selectors.rubric_in_force(
        timezone.localdate()
    )
    projects = {p.pk: p for p in selectors.selection_candidates(programme, year)}
    proposal = selection.propose(
        [selectors.as_candidate(p) for p in projects.values()],
        max(0, fund - committed),
        rubric.pass_score if rubric else 0,
    )
    return SelectionProposal(programme, year, fund, committed, proposal, projects)


@transaction.atomic
def selection_confirm(*, projects: Iterable[Project], user, comment: str = "") -> int:
    """The officer confirms (part of) a proposal: each project moves to «selected», within the fund."""
    n = 0
    for project in sorted(projects, key=lambda p: (-(p.score or 0), p.extension_funds, p.code)):
        project_transition(
            project=project,
            target=lifecycle.SELECTED,
            user=user,
            comment=comment or _("Lựa chọn trong nguồn kinh phí theo thứ tự điểm thẩm định"),
        )
        n += 1
    return n
