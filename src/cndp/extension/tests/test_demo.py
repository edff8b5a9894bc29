"""The demo is true to scale and to the rules: about 250 national projects selected a year, every project's
transitions follow the lifecycle table, every ledger keeps within the approved funds, every selected
project's funds within its cap, reloading adds nothing; the reference data carries its legal bases."""

from collections import Counter, defaultdict

import pytest

from cndp.core.demo import demo_load
from cndp.extension import caps, ledger, lifecycle
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
from cndp.extension.selectors import cap_for

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
