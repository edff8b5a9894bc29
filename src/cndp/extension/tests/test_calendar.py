"""Progress reports on the shared reporting calendar (obligations): a calendar rule changed in the admin
moves the due dates and the reminder days of the extension's reports it governs; only the owing side
submits a report — on the report's page and through the API, the calendar's generic submit and review
being refused for this kind (its content goes with it); the report's copy of its due date (the list's
order) never drifts from the obligation's."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.extension import services
from cndp.extension.projects import lifecycle
from cndp.obligations import services as obligation_services

from .factories import advance, agency, danang_officer, hanoi_officer, make_project, report_calendar, user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def contracted(demo):
    return advance(make_project(), lifecycle.CONTRACTED)


def _admin_data(rule, **changes) -> dict:
    data = {
        "name": rule.name, "kinds": rule.kinds, "period_type": rule.period_type, "due_day": rule.due_day,
        "due_month_offset": rule.due_month_offset, "cutoff_day": rule.cutoff_day,
        "final_days": rule.final_days, "remind_days": rule.remind_days,
        "valid_from": rule.valid_from.strftime("%d/%m/%Y"), "valid_to": "", "legal_basis": rule.legal_basis,
        "steps-TOTAL_FORMS": rule.steps.count(), "steps-INITIAL_FORMS": rule.steps.count(),
        "steps-MIN_NUM_FORMS": 0, "steps-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, step in enumerate(rule.steps.order_by("days_late")):
        data |= {f"steps-{i}-id": step.pk, f"steps-{i}-rule": rule.pk}
        data |= {f"steps-{i}-days_late": step.days_late, f"steps-{i}-audience": step.audience}
    return data | changes


def test_a_rule_changed_in_the_admin_moves_the_due_dates_and_reminder_days_of_progress_reports(
    contracted, client_for
):
    rule = report_calendar()
    first, final = contracted.reports.order_by("sequence")
    year = contracted.plan_year
    assert (first.period_end, first.due_on, final.due_on) == (D(year, 6, 14), D(year, 6, 20), D(year, 12, 30))
    assert first.obligation.rule_id == final.obligation.rule_id == rule.pk
    response = client_for("admin").post(
        reverse("admin:obligations_calendarrule_change", args=[rule.pk]),
        _admin_data(rule, due_day=25, cutoff_day=15, final_days=40, remind_days=10),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    first, final = contracted.reports.order_by("sequence")
    assert (first.period_end, first.due_on) == (D(year, 6, 15), D(year, 6, 25))
    assert final.due_on == D(year, 11, 30) + datetime.timedelta(days=40)
    assert first.obligation.steps.filter(action="reschedule").exists()
    # the report's page and the list show the new date
    page = client_for("province_officer").get(first.get_absolute_url()).content.decode()
    assert f"25/06/{year}" in page
    # the reminder now goes 10 days before the new due date
    obligation_services.obligations_follow_up(today=D(year, 6, 14))
    assert first.reminded_on is None
    obligation_services.obligations_follow_up(today=D(year, 6, 15))
    first = contracted.reports.get(sequence=1)
    assert first.reminded_on == D(year, 6, 15)
    assert first.obligation.steps.filter(action="remind").count() == 1


def test_a_submitted_report_keeps_its_date_when_the_rule_changes(contracted, client_for):
    rule = report_calendar()
    first = contracted.reports.get(sequence=1)
    services.report_submit(report=first, user=hanoi_officer(), percent_complete=30, narrative="Đã làm")
    response = client_for("admin").post(
        reverse("admin:obligations_calendarrule_change", args=[rule.pk]), _admin_data(rule, due_day=28)
    )
    assert response.status_code == 302
    year = contracted.plan_year
    assert contracted.reports.get(sequence=1).due_on == D(year, 6, 20)  # its record is kept
    assert contracted.reports.get(sequence=2).due_on == D(year, 12, 30)  # a final report: days after the end


def _drift() -> list:
    """Reports whose copy of the due date differs from their obligation's (one query)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef, Q, Subquery

    from cndp.extension.models import ProgressReport
    from cndp.obligations.models import Obligation

    due = Obligation.objects.filter(
        kind="extension.progress",
        content_type=ContentType.objects.get_for_model(ProgressReport),
        object_id=OuterRef("pk"),
    ).values("due_on")[:1]
    return list(
        ProgressReport.objects.annotate(owed=Subquery(due))
        .filter(~Q(obligation_due_on=F("owed")) | Q(owed__isnull=True))
        .values_list("pk", flat=True)
    )


# Successive rule changes, each through the admin or the service: (how, the rule's new values).
CHANGES = [
    ("admin", {"due_day": 25, "cutoff_day": 15, "final_days": 40}),
    ("service", {"due_day": 5, "due_month_offset": 1, "cutoff_day": 31}),
    ("admin", {"due_day": 28, "due_month_offset": 0, "final_days": 10}),
    ("service", {"due_day": 20, "cutoff_day": 14, "final_days": 30}),  # back to the start
]


def test_the_reports_copy_of_the_due_date_never_drifts_from_its_obligation(demo, client_for):
    """The list is ordered by the report's copy of the due date (an index serves it): every rule change,
    in the admin or through the service, moves the copies of the open reports with their obligations, and
    leaves a submitted report's both where they were; the list's order is the obligations' order."""
    from cndp.extension.models import ProgressReport
    from cndp.extension.progress.selectors import report_list

    rule = report_calendar()
    projects = [advance(make_project(), lifecycle.CONTRACTED) for _ in range(3)]
    submitted = projects[0].reports.get(sequence=1)
    services.report_submit(report=submitted, user=hanoi_officer(), percent_complete=30, narrative="Đã làm")
    kept = submitted.due_on
    ours = ProgressReport.objects.filter(project__in=projects)
    assert ours.count() == 6 and _drift() == []
    seen = set()
    for how, values in CHANGES:
        rule.refresh_from_db()
        if how == "admin":
            response = client_for("admin").post(
                reverse("admin:obligations_calendarrule_change", args=[rule.pk]), _admin_data(rule, **values)
            )
            assert response.status_code == 302, response.content.decode()[:3000]
        else:
            for name, value in values.items():
                setattr(rule, name, value)
            assert obligation_services.rule_save(rule=rule, user=agency()) > 0
        assert _drift() == [], (how, values)
        first = projects[1].reports.get(sequence=1)
        seen.add(first.obligation_due_on)
        assert first.obligation_due_on == first.due_on
        assert projects[0].reports.get(sequence=1).obligation_due_on == kept  # submitted: not moved
        listed = [(r.due_on, r.project_id, r.sequence) for r in report_list().filter(project__in=projects)]
        assert listed == sorted(listed)  # the list's order is the obligations' due dates
    assert len(seen) == len(CHANGES)  # each change did move the open reports


def test_the_copy_moves_in_the_rule_changes_transaction(contracted, monkeypatch):
    """Should the copy fail to follow, the rule change and the obligations' new dates are rolled back with it."""
    from cndp.extension.progress import services as progress_services

    rule = report_calendar()
    first = contracted.reports.get(sequence=1)
    before = (first.due_on, first.obligation_due_on)

    def broken(obligations):
        raise RuntimeError("the copy could not be written")

    monkeypatch.setattr(progress_services, "reports_redated", broken)
    rule.due_day = 27
    with pytest.raises(RuntimeError):
        obligation_services.rule_save(rule=rule, user=agency())
    first = contracted.reports.get(sequence=1)
    assert (first.due_on, first.obligation_due_on) == before
    rule.refresh_from_db()
    assert rule.due_day != 27


def test_the_demos_reports_carry_their_obligations_due_date(demo):
    from cndp.extension.models import ProgressReport

    assert ProgressReport.objects.count() > 100
    assert _drift() == []


def test_only_the_owing_province_submits_on_the_report_page(contracted, client_for):
    report = contracted.reports.get(sequence=1)
    url = report.get_absolute_url()
    submit = reverse("extension:report_submit", args=[report.pk])
    body = {"submit-percent_complete": "20", "submit-narrative": "Đã làm"}
    body |= {f"submit-{k}": 0 for k in ("trainees", "models", "machines", "products", "jobs")}
    assert 'id="submit-form"' in client_for("province_officer").get(url).content.decode()
    assert 'id="submit-form"' not in client_for("leader").get(url).content.decode()
    assert client_for("province_officer_2").get(url).status_code == 404
    assert client_for("province_officer_2").post(submit, body).status_code == 404
    assert client_for("leader").post(submit, body).status_code == 403
    assert contracted.reports.get(sequence=1).status == "pending"
    assert client_for("province_officer").post(submit, body).status_code == 302
    assert contracted.reports.get(sequence=1).status == "submitted"


def test_only_the_owing_side_submits_through_the_service(contracted):
    report = contracted.reports.get(sequence=1)
    with pytest.raises(Http404):  # another province's report does not exist for them
        services.report_submit(report=report, user=danang_officer(), percent_complete=10, narrative="x")
    with pytest.raises(PermissionDenied):  # a read-only role
        services.report_submit(report=report, user=user("lanhdao"), percent_complete=10, narrative="x")
    # the agency may report for the province (as it always could): the kind allows it
    services.report_submit(report=report, user=agency(), percent_complete=10, narrative="Cục nộp thay")
    assert contracted.reports.get(sequence=1).submitted_by == agency()


def test_the_calendars_own_buttons_and_api_are_not_offered_for_a_progress_report(
    contracted, client_for, demo
):
    report = contracted.reports.get(sequence=1)
    obligation = report.obligation
    page = client_for("province_officer").get(obligation.get_absolute_url()).content.decode()
    assert 'id="obligation-submit-form"' not in page and report.get_absolute_url() in page
    response = client_for("province_officer").post(
        reverse("obligations:obligation_submit", args=[obligation.pk])
    )
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    api = APIClient()
    api.force_authenticate(demo["province_officer"])
    refused = api.post(reverse("obligations-api:obligation-submit", args=[obligation.pk]))
    assert refused.status_code == 400
    other = APIClient()
    other.force_authenticate(demo["province_officer_2"])
    assert other.post(reverse("obligations-api:obligation-submit", args=[obligation.pk])).status_code == 404
    obligation.refresh_from_db()
    assert obligation.state == "pending" and not obligation.steps.filter(action="submit").exists()
    # the report's own API: the owing province submits, with the content
    body = {"percent_complete": 25, "narrative": "Đã làm"}
    assert (
        other.post(reverse("extension-api:progressreport-submit", args=[report.pk]), body).status_code == 404
    )
    done = api.post(reverse("extension-api:progressreport-submit", args=[report.pk]), body)
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    obligation.refresh_from_db()
    assert obligation.state == "submitted"


def test_the_old_remind_command_queues_the_calendars_one_job(contracted, capsys):
    from django.core.management import call_command

    call_command("extension_remind", "--date", "2000-01-01")
    assert "Đã xếp hàng tác vụ nhắc hạn báo cáo" in capsys.readouterr().out
