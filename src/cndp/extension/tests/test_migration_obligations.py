"""A database from before progress reports moved onto the reporting calendar comes through the migration
intact: migrated to the last migration before the move (in a database of its own), reports written with
the old models — one still owed, one with its history of submissions and reviews, one written without
history (a bulk load) — then migrated forward: every report has its obligation with the same state, dates,
reminder and escalation, and the steps it went through; each old rule is a calendar rule of the kind.
Runs on SQLite and PostgreSQL (the database of the test run)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cndp.core.tests.databases import empty_database, use_database

BEFORE = [("extension", "0006_list_indexes")]
D = datetime.date


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _old_world(apps):
    """Reports as the old models kept them; returns what the test checks against."""
    Province = apps.get_model("places", "Province")
    Unit = apps.get_model("accounts", "Unit")
    User = apps.get_model("accounts", "User")
    Programme = apps.get_model("extension", "Programme")
    ActivityType = apps.get_model("extension", "ActivityType")
    Project = apps.get_model("extension", "Project")
    ProgressReport = apps.get_model("extension", "ProgressReport")
    History = apps.get_model("extension", "HistoricalProgressReport")
    ScheduleRule = apps.get_model("extension", "ScheduleRule")

    ScheduleRule.objects.create(  # a later rule: reports due in July and January, a 10-day reminder
        name="Quy định thử (2027)",
        valid_from=D(2027, 1, 1),
        half_year_month=7,
        year_month=1,
        remind_days=10,
        escalate_province_days=3,
        escalate_agency_days=20,
        legal_basis="Thông tư thử 01/2027",
        confirmed=True,
    )
    province = Province.objects.filter(version="34").order_by("code").first()
    centre = Unit.objects.create(
        code="tt-thu", name="Trung tâm thử", kind="extension_centre", province=province
    )
    officer = User.objects.create(username="so-thu", password="!", unit=centre)
    reviewer = User.objects.create(username="cuc-thu", password="!")
    project = Project.objects.create(
        code="KC2026-99-001",
        plan_year=2026,
        name="Đề án thử di chuyển",
        programme=Programme.objects.filter(scope="national").order_by("pk").first(),
        implementing_unit=centre,
        province=province,
        province_current=province,
        activity_type=ActivityType.objects.order_by("order").first(),
        start_date=D(2026, 3, 1),
        end_date=D(2026, 11, 30),
        extension_funds=500_000_000,
        counterpart_funds=100_000_000,
        total_funds=600_000_000,
        status="in_progress",
    )
    owed = ProgressReport.objects.create(
        project=project, sequence=3, kind="final", period_end=D(2026, 11, 30), due_on=D(2026, 12, 30)
    )
    # A report with its history: submitted, returned with a comment, resubmitted, accepted.
    reviewed = ProgressReport.objects.create(
        project=project, sequence=1, kind="periodic", period_end=D(2026, 6, 14), due_on=D(2026, 6, 20)
    )
    steps = [
        ("+", "pending", None, None, "", _at(D(2026, 3, 1), 8), reviewer),
        ("~", "submitted", _at(D(2026, 6, 18)), None, "", _at(D(2026, 6, 18)), officer),
        ("~", "needs_revision", _at(D(2026, 6, 18)), _at(D(2026, 6, 22)), "Bổ sung ảnh", _at(D(2026, 6, 22)), reviewer),
        ("~", "submitted", _at(D(2026, 6, 25)), _at(D(2026, 6, 22)), "Bổ sung ảnh", _at(D(2026, 6, 25)), officer),
        ("~", "accepted", _at(D(2026, 6, 25)), _at(D(2026, 6, 30)), "", _at(D(2026, 6, 30)), reviewer),
    ]  # fmt: skip
    for kind, status, submitted_at, reviewed_at, comment, when, who in steps:
        History.objects.create(
            id=reviewed.pk, project_id=project.pk, sequence=1, kind="periodic", period_end=D(2026, 6, 14),
            due_on=D(2026, 6, 20), status=status, submissions=2 if when >= _at(D(2026, 6, 25)) else 1,
            submitted_at=submitted_at, submitted_by=officer if submitted_at else None, reviewed_at=reviewed_at,
            reviewed_by=reviewer if reviewed_at else None, review_comment=comment, percent_complete=40,
            created=reviewed.created, updated=when, history_date=when, history_type=kind, history_user=who,
        )  # fmt: skip
    ProgressReport.objects.filter(pk=reviewed.pk).update(
        status="accepted", submissions=2, submitted_at=_at(D(2026, 6, 25)), submitted_by=officer,
        reviewed_at=_at(D(2026, 6, 30)), reviewed_by=reviewer, percent_complete=40, narrative="Đã lắp máy",
        achieved_machines=1,
    )  # fmt: skip
    # A report written without history (a bulk load): returned, reminded, late and escalated twice.
    late = ProgressReport.objects.create(
        project=project, sequence=2, kind="periodic", period_end=D(2026, 12, 14), due_on=D(2026, 12, 20),
        status="needs_revision", submissions=1, submitted_at=_at(D(2026, 12, 10)), submitted_by=officer,
        reviewed_at=_at(D(2026, 12, 12)), reviewed_by=reviewer, review_comment="Thiếu biên bản",
        reminded_on=D(2026, 12, 13), escalation=2, escalated_on=D(2027, 1, 4), narrative="Lần 1",
    )  # fmt: skip
    ProgressReport.objects.filter(project=project).update(created=_at(D(2026, 3, 1), 8))  # at the contract
    return {
        "owed": owed.pk,
        "reviewed": reviewed.pk,
        "late": late.pk,
        "officer": officer.pk,
        "reviewer": reviewer.pk,
    }


@pytest.mark.django_db
def test_a_database_from_before_the_move_comes_through_it_intact():
    with empty_database("ext_move") as settings_dict, use_database(settings_dict):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        ids = _old_world(old_apps)
        OldReport = old_apps.get_model("extension", "ProgressReport")
        before = {r.pk: r for r in OldReport.objects.all()}
        old_rules = list(old_apps.get_model("extension", "ScheduleRule").objects.order_by("valid_from"))

        executor = MigrationExecutor(connection)
        leaves = executor.loader.graph.leaf_nodes()
        executor.migrate(leaves)
        apps = MigrationExecutor(connection).loader.project_state(leaves).apps
        Report = apps.get_model("extension", "ProgressReport")
        Obligation = apps.get_model("obligations", "Obligation")
        CalendarRule = apps.get_model("obligations", "CalendarRule")

        rules = [  # (other apps' migrations add rules of their own kinds)
            r
            for r in CalendarRule.objects.order_by("valid_from").prefetch_related("steps")
            if "extension.progress" in r.kinds
        ]
        assert [(r.valid_from, r.kinds) for r in rules] == [
            (old.valid_from, ["extension.progress"]) for old in old_rules
        ]
        first, later = rules
        assert (first.period_type, first.due_day, first.due_month_offset, first.cutoff_day) == (
            "half_year", 20, 0, 14,
        )  # fmt: skip
        assert [(s.days_late, s.audience) for s in first.steps.order_by("days_late")] == [
            (1, "province"), (15, "agency"),
        ]  # fmt: skip
        assert (later.due_month_offset, later.remind_days, later.confirmed) == (1, 10, True)
        assert [(s.days_late, s.audience) for s in later.steps.order_by("days_late")] == [
            (3, "province"), (20, "agency"),
        ]  # fmt: skip
        assert first.legal_basis == old_rules[0].legal_basis

        assert Report.objects.count() == len(before) == 3
        for report in Report.objects.select_related("project"):
            old = before[report.pk]
            (obligation,) = Obligation.objects.filter(
                content_type__app_label="extension", content_type__model="progressreport", object_id=report.pk
            )
            assert obligation.kind == "extension.progress"
            got = (obligation.state, obligation.period_end, obligation.due_on, obligation.submissions,
                   obligation.reminded_on, obligation.escalation, obligation.escalated_on)  # fmt: skip
            assert got == (old.status, old.period_end, old.due_on, old.submissions, old.reminded_on,
                           old.escalation, old.escalated_on)  # fmt: skip
            assert (obligation.basis, obligation.province_id, obligation.unit_id) == (
                old.kind, report.project.province_current_id, report.project.implementing_unit_id,
            )  # fmt: skip
            assert obligation.rule_id == first.pk  # the rule in force when the report was scheduled
            assert report.obligation_due_on == obligation.due_on  # the list's copy, filled by 0009
            assert obligation.title.startswith("KC2026-99-001 — Đề án thử di chuyển — báo cáo")
            # the content stays with the report
            assert (report.percent_complete, report.narrative, report.achieved_machines) == (
                old.percent_complete, old.narrative, old.achieved_machines,
            )  # fmt: skip

        def steps(pk):
            obligation = Obligation.objects.get(object_id=pk, kind="extension.progress")
            return [
                (s.action, s.by_id, s.level, s.audience, s.comment)
                for s in obligation.steps.order_by("at", "pk")
            ]

        officer, reviewer = ids["officer"], ids["reviewer"]
        assert steps(ids["reviewed"]) == [
            ("schedule", reviewer, 0, "", ""),
            ("submit", officer, 0, "", ""),
            ("return", reviewer, 0, "", "Bổ sung ảnh"),
            ("resubmit", officer, 0, "", ""),
            ("accept", reviewer, 0, "", ""),
        ]
        assert steps(ids["late"]) == [
            ("schedule", None, 0, "", ""),
            ("submit", officer, 0, "", ""),
            ("return", reviewer, 0, "", "Thiếu biên bản"),
            ("remind", None, 0, "", ""),
            ("escalate", None, 1, "province", ""),
            ("escalate", None, 2, "agency", ""),
        ]
        assert steps(ids["owed"]) == [("schedule", None, 0, "", "")]
        # the old columns are gone: the state and dates are the obligation's only
        report_columns = {
            c.name
            for c in connection.introspection.get_table_description(
                connection.cursor(), Report._meta.db_table
            )
        }
        assert not {"status", "due_on", "period_end", "escalation"} & report_columns
