"""Test helpers for industrial extension: projects written through the services, moved along the lifecycle
through the services, for the first plan year still open for registration."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from cndp.accounts.models import Unit, User
from cndp.extension import services
from cndp.extension.models import ActivityType, AnnualFund, Rubric
from cndp.extension.projects import caps, lifecycle
from cndp.places.models import Province

_counter = itertools.count(1)


def today() -> datetime.date:
    return timezone.localdate()


def open_year() -> int:
    return caps.first_open_plan_year(today())


def user(username: str) -> User:
    return User.objects.get(username=username)


def agency() -> User:
    return user("chuyenvien")


def hanoi_officer() -> User:
    return user("sohanoi")


def danang_officer() -> User:
    return user("sodanang")


def province(code: str, version: str = "34") -> Province:
    return Province.objects.get(version=version, code=code)


def centre(code: str = "01") -> Unit:
    return Unit.objects.get(code=f"ttkc-{code}")


def activity(code: str) -> ActivityType:
    return ActivityType.objects.get(code=code)


def reviewers(n: int = 2) -> list[User]:
    return list(User.objects.filter(unit__code="arid-kc", is_agency_staff=True).order_by("username")[:n])


def project_data(**overrides) -> dict:
    year = overrides.pop("plan_year", None) or open_year()
    code = overrides.pop("province_code", "01")
    data = {
        "plan_year": year,
        "name": f"Hỗ trợ ứng dụng máy sấy nông sản tiên tiến tại Hợp tác xã Thử nghiệm {next(_counter)}",
        "implementing_unit": centre(code),
        "province": province(code),
        "activity_type": activity("machinery"),
        "start_date": datetime.date(year, 3, 1),
        "end_date": datetime.date(year, 11, 30),
        "extension_funds": 250_000_000,
        "counterpart_funds": 350_000_000,
        "planned_machines": 2,
    }
    data.update(overrides)
    return data


def make_project(*, by: User | None = None, **overrides):
    return services.project_create(user=by or hanoi_officer(), **project_data(**overrides))


def document(n: int = 1) -> dict:
    return {"decision_number": f"{100 + n}/QĐ-TEST", "decision_date": today()}


def _actor_for(project, roles) -> User:
    """The agency officer for the agency's steps; the province's own officer (or the administrator) for
    the Department's."""
    if lifecycle.AGENCY in roles:
        return agency()
    officers = {"01": hanoi_officer, "48": danang_officer}
    make = officers.get(project.province_current.code)
    return make() if make else user("quantri")


def step(project, target, by=None, **extra):
    """One transition through the service, with a document when the step needs one."""
    current = project.status
    needed = lifecycle.transition(current, target)
    if by is None:
        by = _actor_for(project, needed.roles)
    kwargs = dict(document()) if needed.needs_document else {}
    if target in (lifecycle.REJECTED, lifecycle.WITHDRAWN):
        kwargs["comment"] = "Lý do thử nghiệm"
    kwargs.update(extra)
    services.project_transition(project=project, target=target, user=by, **kwargs)
    project.refresh_from_db()
    return project


def appraise(project, scores=(8, 8, 7, 7, 6), n: int = 2):
    rubric = Rubric.objects.get(code="thamdinh-kcqg-2018")
    codes = [c.code for c in rubric.criteria.all()]
    for reviewer in reviewers(n):
        services.appraisal_record(
            project=project, reviewer=reviewer, user=agency(), scores=dict(zip(codes, scores, strict=True))
        )
    project.refresh_from_db()
    return project


def ensure_fund(year: int, amount: int, programme=None) -> AnnualFund:
    from cndp.extension.projects.selectors import programme_for_year

    programme = programme or programme_for_year(year)
    fund, _ = AnnualFund.objects.update_or_create(programme=programme, year=year, defaults={"amount": amount})
    return fund


def advance(project, target: str):
    """Move a registered project along the main line up to `target`, through the services."""
    path = lifecycle.path_to(target, project.status)
    for status in path[1:]:
        if status == lifecycle.AGENCY_APPRAISED and project.appraisals.count() < 2:
            appraise(project)
        if status == lifecycle.SELECTED:
            ensure_fund(project.plan_year, 10**12)
        if status == lifecycle.SETTLED:
            from cndp.extension.projects.ledger import SETTLEMENT

            services.disbursement_record(
                project=project, kind=SETTLEMENT, amount=project.approved_funds, user=agency()
            )
        step(project, status)
    return project


def report_calendar():
    """The calendar rule governing progress reports (obligations.CalendarRule, from the migrations)."""
    from cndp.extension.progress.rules import OBLIGATION_KIND
    from cndp.obligations.models import CalendarRule

    return next(r for r in CalendarRule.objects.order_by("-valid_from") if OBLIGATION_KIND in r.kinds)
