"""The demo is true to scale and to the rules: about 250 national projects selected a year, every project's
transitions follow the lifecycle table, every ledger keeps within the approved funds, every selected
project's funds within its cap, reloading adds nothing; the reference data carries its legal bases."""

from collections import Counter, defaultdict

import pytest

from cndp.core.demo import demo_load
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    FundingCap,
    LedgerEntry,
    PriorityArea,
    Programme,
    Project,
    ProjectTransition,
    Rubric,
    Trade,
)
from cndp.extension.projects import caps, ledger, lifecycle
from cndp.extension.projects.selectors import cap_for

pytestmark = pytest.mark.django_db


def test_reference_data_with_legal_bases():
    assert set(Programme.objects.values_list("phase_start", "phase_end")) == {
        (2014, 2020),
        (2021, 2025),
        (2026, 2030),
    }
    assert (
        Programme.objects.get(code="ctkcqg-2021-2025").targets.get(indicator="demonstration_models").target
        == 340
    )
    assert (
        ActivityType.objects.count() == 15
        and Trade.objects.count() == 9
        and PriorityArea.objects.count() == 10
    )
    demo_cap = FundingCap.objects.get(activity_type__code="demo_model", province__isnull=True)
    assert (demo_cap.share_percent, demo_cap.max_amount) == (30, 1_000_000_000)
    machinery = FundingCap.objects.get(activity_type__code="machinery", province__isnull=True)
    assert (machinery.max_amount, str(machinery.line_multiplier)) == (300_000_000, "1.50")
    assert all(c.legal_basis for c in FundingCap.objects.all())
    assert Rubric.objects.get().criteria.count() == 5


def test_scale_of_the_demo():
    selected = {lifecycle.SELECTED, *lifecycle.APPROVED}
    by_year = Counter(Project.objects.filter(status__in=selected).values_list("plan_year", flat=True))
    for year in range(2022, 2027):
        assert 220 <= by_year[year] <= 290, (year, by_year[year])
    registered = Counter(Project.objects.values_list("plan_year", flat=True))
    assert all(320 <= registered[y] <= 370 for y in range(2022, 2028))
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == set(lifecycle.STATUSES) - {lifecycle.IN_PLAN}  # every state but the transient one
    for fund in AnnualFund.objects.filter(year__in=range(2022, 2027)):
        used = sum(
            Project.objects.filter(plan_year=fund.year, status__in=selected).values_list(
                "approved_funds", flat=True
            )
        )
        assert used <= fund.amount


def test_every_demo_history_follows_the_table_and_the_deadline():
    roles = {lifecycle.AGENCY, lifecycle.PROVINCE}
    chains = defaultdict(list)
    for t in ProjectTransition.objects.order_by("project_id", "at", "pk").values(
        "project_id", "source", "target", "decision_number", "at"
    ):
        chains[t["project_id"]].append(t)
    projects = {p.pk: p for p in Project.objects.all()}
    for pk, chain in chains.items():
        status = lifecycle.REGISTERED
        for t in chain:
            assert t["source"] == status
            assert lifecycle.check_transition(status, t["target"], roles) is None
            if lifecycle.transition(status, t["target"]).needs_document:
                assert t["decision_number"]
            if t["target"] == lifecycle.SUBMITTED:
                assert caps.deadline_problem(projects[pk].plan_year, t["at"].date()) is None
            status = t["target"]
        assert status == projects[pk].status


def test_every_demo_ledger_keeps_within_the_approved_funds():
    entries = defaultdict(list)
    for project_id, kind, amount in LedgerEntry.objects.order_by("project_id", "on", "pk").values_list(
        "project_id", "kind", "amount"
    ):
        entries[project_id].append(ledger.Entry(kind, amount))
    approved = dict(Project.objects.filter(pk__in=entries).values_list("pk", "approved_funds"))
    assert len(entries) > 1000
    for project_id, chain in entries.items():
        assert ledger.ledger_problem(chain, approved[project_id]) is None


def test_demo_projects_keep_within_their_caps():
    for project in Project.objects.filter(plan_year=2026).select_related("programme", "activity_type")[:300]:
        assert (
            caps.cap_problem(
                project.extension_funds,
                project.total_funds,
                cap_for(project),
                technology_line=project.technology_line,
            )
            is None
        )


def test_reloading_the_demo_adds_nothing():
    counts = (
        Project.objects.count(),
        ProjectTransition.objects.count(),
        LedgerEntry.objects.count(),
        AnnualFund.objects.count(),
    )
    demo_load()
    assert (
        Project.objects.count(),
        ProjectTransition.objects.count(),
        LedgerEntry.objects.count(),
        AnnualFund.objects.count(),
    ) == counts


def test_demo_reports_follow_the_calendar_and_give_the_projects_figures(demo):
    """Every contracted project owes exactly the reports of its timeline under the calendar in force; an
    accepted report was submitted and reviewed; a project's progress is its latest accepted report's."""
    from cndp.extension.demo.data import AS_OF
    from cndp.extension.models import ProgressReport
    from cndp.extension.progress import rules as reporting
    from cndp.extension.progress import selectors
    from cndp.obligations import calendar
    from cndp.obligations import selectors as obligation_selectors

    calendar_rule = obligation_selectors.rule_for(reporting.OBLIGATION_KIND, AS_OF)
    rule = calendar_rule.as_rule()
    days_late = [s.days_late for s in rule.steps]
    reports = defaultdict(list)
    for r in selectors.with_obligation(ProgressReport.objects.order_by("project_id", "sequence")):
        reports[r.project_id].append(r)
    contracted = ProjectTransition.objects.filter(target=lifecycle.CONTRACTED).values_list(
        "project_id", flat=True
    )
    projects = Project.objects.in_bulk(list(contracted))
    assert len(projects) > 1000 and set(reports) == set(projects)
    states = Counter()
    for pk, project in projects.items():
        due = calendar.rule_schedule(project.start_date, project.end_date, rule)
        got = reports[pk]
        assert [(r.sequence, r.kind, r.period_end, r.due_on) for r in got] == [
            (d.sequence, d.kind, d.period_end, d.due_on) for d in due
        ]
        accepted = [r for r in got if r.status == reporting.ACCEPTED]
        for r in got:
            standing = calendar.standing(r.status, r.due_on, AS_OF, rule.remind_days, days_late)
            states[standing.state] += 1
            assert r.obligation.rule_id == calendar_rule.pk
            if r.status != reporting.PENDING:
                assert r.submitted_by and r.submitted_at and r.narrative
            if r.status in (reporting.ACCEPTED, reporting.NEEDS_REVISION):
                assert r.reviewed_by and r.reviewed_at >= r.submitted_at
            assert r.escalation <= standing.escalation
        latest = max(accepted, key=lambda r: (r.period_end, r.sequence), default=None)
        assert project.percent_complete == (latest.percent_complete if latest else 0)
        assert project.achieved_trainees == (latest.achieved_trainees if latest else 0)
        if project.status in (lifecycle.ACCEPTED, lifecycle.LIQUIDATED, lifecycle.SETTLED):
            assert project.percent_complete == 100
    # the demo shows every situation a reviewer meets
    assert {reporting.DONE, reporting.WAITING, reporting.OVERDUE, reporting.NOT_DUE} <= set(states)
    assert ProgressReport.objects.filter(obligations__escalation=2).exists()
