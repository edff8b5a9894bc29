"""Demo industrial extension (khuyến công): the yearly funds and the national projects of plan years
2022–2028 at the national scale of the references (about 340 proposals and 250 selected projects a year;
2016: 251 national projects, 103,7 bn VND), in the states they would be in on 26/11/2026:

    2022–2024  settled (a few still being liquidated or stopped)
    2025       accepted, liquidated, settled
    2026       running: contracted, in progress, adjusted, suspended, inspected, accepted
    2027       sent before 20/6/2026, appraised by two or three reviewers; part selected within the fund
    2028       proposals registered with the Departments since July 2026

Each project has its beneficiaries, every transition (actor, time, document) along the lifecycle table,
its appraisal sheets and its ledger within the approved funds. The selection follows the rule the system
proposes (best score first, within the year's fund). Written with bulk_create (fast; search_folded filled
as save() would) and checked against the plain rules (lifecycle, caps, ledger) as it goes.
Idempotent: the projects are generated only when none of these plan years exists yet.
"""

from __future__ import annotations

from django.db import transaction

from cndp.accounts.models import User
from cndp.extension import reference as ref
from cndp.extension.demo.data import FUNDS, YEARS
from cndp.extension.demo.generate import _generate, _programme
from cndp.extension.models import AnnualFund, Programme, Project, ScheduleRule
from cndp.extension.progress import rules as reporting
from cndp.obligations.models import CalendarRule, EscalationStep


def load(stdout) -> None:
    national = {p.code: p for p in Programme.objects.filter(scope="national")}
    if not national:  # the reference data comes with the migrations; load it if a test flushed it
        from django.apps import apps

        ref.load_with(apps.get_model)
    if not ScheduleRule.objects.exists():
        ref.load_schedule_rules(ScheduleRule)
    if not any(
        reporting.OBLIGATION_KIND in kinds for kinds in CalendarRule.objects.values_list("kinds", flat=True)
    ):
        ref.load_calendar_rules(CalendarRule, EscalationStep)  # the progress-report calendar
        national = {p.code: p for p in Programme.objects.filter(scope="national")}
    officer = User.objects.get(username="chuyenvien")
    for year, amount in FUNDS.items():
        programme = _programme(national, year)
        AnnualFund.objects.update_or_create(
            programme=programme,
            year=year,
            defaults={
                "amount": amount,
                "decision": f"Dự toán kinh phí khuyến công quốc gia năm {year} (số liệu minh họa)",
            },
        )
    if Project.objects.filter(plan_year__in=list(YEARS)).exists():
        stdout.write(f"Khuyến công: {Project.objects.count()} đề án (đã có)\n")
        return
    with transaction.atomic():
        counts = _generate(national, officer)
    stdout.write(
        "Khuyến công: {projects} đề án, {transitions} lần chuyển trạng thái, {appraisals} phiếu chấm, "
        "{entries} bút toán kinh phí, {reports} báo cáo tiến độ\n".format(**counts)
    )
