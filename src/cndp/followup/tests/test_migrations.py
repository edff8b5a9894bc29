"""A database from before the calendar's new audiences comes through them: the follow-up rule's steps,
written with the old audiences ("province", "superiors", "agency"), become the unit, the unit's head and
the agency's leaders; another rule's steps keep theirs (their meaning did not change); the units' reports
on undated tasks become recurring. Backwards, the old audiences come back. In a database of its own."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cndp.core.tests.databases import empty_database, use_database

BEFORE = [("followup", "0002_calendar_rule"), ("obligations", "0001_initial")]
AFTER = [("followup", "0004_recurring_reports")]


def _steps(apps, name):
    rule = apps.get_model("obligations", "CalendarRule").objects.get(name=name)
    return [(s.days_late, s.audience) for s in rule.steps.order_by("days_late")]


@pytest.mark.django_db
def test_old_audiences_are_mapped_for_the_followup_rule_and_kept_for_the_others():
    with empty_database("fu_audiences") as settings_dict, use_database(settings_dict):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        CalendarRule = old.get_model("obligations", "CalendarRule")  # noqa: N806
        EscalationStep = old.get_model("obligations", "EscalationStep")  # noqa: N806
        followup = next(r for r in CalendarRule.objects.all() if "followup.progress" in r.kinds)
        followup.steps.all().delete()  # as the rule was written before the new audiences
        for days, audience in ((1, "province"), (7, "superiors"), (15, "agency")):
            EscalationStep.objects.create(rule=followup, days_late=days, audience=audience)
        other = CalendarRule.objects.create(
            name="Quy định thử", kinds=["thu.bao_cao"], valid_from=datetime.date(2026, 1, 1)
        )
        for days, audience in ((1, "province"), (5, "superiors"), (15, "agency")):
            EscalationStep.objects.create(rule=other, days_late=days, audience=audience)

        reports = _undated_and_dated_reports(old, followup)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        assert _steps(apps, followup.name) == [(1, "unit"), (7, "unit_head"), (15, "leaders")]
        assert _steps(apps, "Quy định thử") == [(1, "province"), (5, "superiors"), (15, "agency")]
        Obligation = apps.get_model("obligations", "Obligation")  # noqa: N806
        assert dict(Obligation.objects.values_list("object_id", "recurring")) == reports

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        apps = executor.loader.project_state(BEFORE).apps
        assert _steps(apps, followup.name) == [(1, "province"), (7, "superiors"), (15, "agency")]
        assert _steps(apps, "Quy định thử") == [(1, "province"), (5, "superiors"), (15, "agency")]


def _undated_and_dated_reports(apps, rule) -> dict[int, bool]:
    """A recurring task's and a dated task's unit reports, as the old models kept them; returns
    {assignment pk: whether its report must come out recurring}."""
    get = apps.get_model
    D = datetime.date  # noqa: N806
    province = get("places", "Province").objects.filter(version="34").order_by("code").first()
    unit = get("accounts", "Unit").objects.create(code="vu-thu", name="Vụ thử", kind="ministry")
    leader = get("followup", "Leader").objects.create(full_name="Nguyễn Văn A", position="Thứ trưởng")
    session = get("followup", "WorkingSession").objects.create(
        date=D(2026, 6, 1), leader=leader, province=province
    )
    notice = get("followup", "Notice").objects.create(session=session, number="1/TB-BCT", date=D(2026, 6, 5))
    content_type, _ = get("contenttypes", "ContentType").objects.get_or_create(
        app_label="followup", model="assignment"
    )
    out = {}
    for kind, deadline in (("recurring", None), ("date", D(2026, 9, 30))):
        task = get("followup", "Task").objects.create(
            notice=notice, content=f"Nhiệm vụ {kind}", lead_unit=unit, province=province, leader=leader,
            deadline_kind=kind, deadline=deadline, original_deadline=deadline,
        )  # fmt: skip
        assignment = get("followup", "Assignment").objects.create(task=task, unit=unit, role="lead")
        due = deadline or D(2026, 12, 31)
        get("obligations", "Obligation").objects.create(
            kind="followup.progress", title=f"Báo cáo {kind}", content_type_id=content_type.pk,
            object_id=assignment.pk, unit=unit, rule=rule, basis="final", period_end=due, due_on=due,
        )  # fmt: skip
        out[assignment.pk] = deadline is None
    return out
