"""Progress reports and documents through the services and the screens: the schedule made at the contract,
submission by the province, review by the agency (accepted / needs revision), the project's figures,
reminders and escalation by e-mail, uploads and downloads within the scope, the deadline as data."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from cndp.core.services import ServiceError
from cndp.extension import services
from cndp.extension.choices import ReportStatus
from cndp.extension.models import ProgressReport, Project, ProjectDocument, ScheduleRule
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import caps, lifecycle, selectors
from cndp.obligations import selectors as obligation_selectors
from cndp.obligations.models import EscalationStep, Obligation
from cndp.obligations.tasks import obligations_remind as progress_reports_follow_up

from .factories import advance, agency, danang_officer, hanoi_officer, make_project, report_calendar

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def contracted(demo):
    project = advance(make_project(), lifecycle.CONTRACTED)
    return project


def _submit(report, by=None, percent=50, **outputs):
    return services.report_submit(
        report=report,
        user=by or hanoi_officer(),
        percent_complete=percent,
        narrative="Đã lắp đặt 1 máy sấy, đào tạo 20 học viên.",
        **outputs,
    )


def test_the_contract_schedules_the_reports(contracted):
    year = contracted.plan_year
    reports = list(contracted.reports.order_by("sequence"))
    assert [(r.sequence, r.kind, r.period_end, r.due_on, r.status) for r in reports] == [
        (1, "periodic", D(year, 6, 14), D(year, 6, 20), "pending"),
        (2, "final", D(year, 11, 30), D(year, 12, 30), "pending"),
    ]
    # scheduling again adds nothing
    assert services.reports_schedule(project=contracted, user=agency()) == []
    assert contracted.reports.count() == 2


def _move_due(report, day):
    """Move a report's due date (its obligation's, and the report's copy that orders the list) directly, as
    time passing would."""
    Obligation.objects.filter(pk=report.obligation.pk).update(due_on=day)
    ProgressReport.objects.filter(pk=report.pk).update(obligation_due_on=day)


def test_the_calendar_is_read_from_the_rule_in_force(demo):
    rule = report_calendar()
    steps = list(rule.steps.all())
    rule.pk, rule.id = None, None
    rule.valid_from, rule.final_days, rule.due_month_offset = D(2026, 1, 1), 45, 1  # due in July, January
    rule.save()
    EscalationStep.objects.bulk_create(
        [EscalationStep(rule=rule, days_late=s.days_late, audience=s.audience) for s in steps]
    )
    project = advance(make_project(), lifecycle.CONTRACTED)
    year = project.plan_year
    assert [(r.kind, r.due_on) for r in project.reports.order_by("sequence")] == [
        ("periodic", D(year, 7, 20)),
        ("final", D(year, 11, 30) + datetime.timedelta(days=45)),
    ]
    assert {r.obligation.rule_id for r in project.reports.all()} == {rule.pk}


def test_the_registration_deadline_is_data(demo):
    rule = ScheduleRule.objects.get()
    assert caps.registration_deadline(2027, selectors.deadline_for(2027)) == D(2026, 6, 20)
    assert "Thông tư 17/2018/TT-BCT" in selectors.deadline_for(2027).legal_basis
    ScheduleRule.objects.create(
        name="Hạn mới (thử)",
        valid_from=D(2030, 1, 1),
        registration_month=5,
        registration_day=31,
        registration_basis="Thông tư thử nghiệm 99/2029",
        legal_basis="Thông tư thử nghiệm 99/2029",
    )
    assert caps.registration_deadline(2031, selectors.deadline_for(2031)) == D(2030, 5, 31)
    message = caps.deadline_problem(2031, D(2030, 6, 1), selectors.deadline_for(2031))
    assert "31/05/2030" in message and "99/2029" in message
    assert selectors.deadline_for(2028).legal_basis == rule.registration_basis


def test_province_submits_agency_sends_back_then_accepts(contracted):
    report = contracted.reports.get(sequence=1)
    _submit(report, percent=40, trainees=20, machines=1)
    report.refresh_from_db()
    assert (report.status, report.submissions, report.submitted_by) == ("submitted", 1, hanoi_officer())
    with pytest.raises(ServiceError, match="đã nộp"):
        _submit(report)
    with pytest.raises(ServiceError, match="ghi rõ nội dung"):
        services.report_review(report=report, user=agency(), verdict="needs_revision", comment=" ")
    services.report_review(report=report, user=agency(), verdict="needs_revision", comment="Bổ sung ảnh")
    report.refresh_from_db()
    assert report.status == "needs_revision" and report.review_comment == "Bổ sung ảnh"
    contracted.refresh_from_db()
    assert contracted.percent_complete == 0  # nothing accepted yet
    _submit(report, percent=45, trainees=22, machines=1)
    services.report_review(report=report, user=agency(), verdict="accepted")
    contracted.refresh_from_db()
    assert (contracted.percent_complete, contracted.achieved_trainees, contracted.achieved_machines) == (
        45,
        22,
        1,
    )
    # every submission and review is in the history (the obligation's) and its steps
    obligation = report.obligation
    statuses = [h.state for h in obligation.history.order_by("history_date", "history_id")]
    assert statuses == ["pending", "submitted", "needs_revision", "submitted", "accepted"]
    steps = list(obligation.steps.order_by("at", "pk").values_list("action", "by__username", "comment"))
    assert steps == [
        ("schedule", "chuyenvien", ""),
        ("submit", "sohanoi", ""),
        ("return", "chuyenvien", "Bổ sung ảnh"),
        ("resubmit", "sohanoi", ""),
        ("accept", "chuyenvien", ""),
    ]


def test_the_final_report_must_say_100_percent(contracted):
    final = contracted.reports.get(kind="final")
    with pytest.raises(ServiceError, match="100 %"):
        _submit(final, percent=90)
    _submit(final, percent=100, trainees=30, machines=2, jobs=12)
    services.report_review(report=final, user=agency(), verdict="accepted")
    contracted.refresh_from_db()
    assert (contracted.percent_complete, contracted.achieved_jobs) == (100, 12)


def test_the_latest_accepted_report_by_data_date_is_the_projects_figure(contracted):
    first, final = contracted.reports.order_by("sequence")
    _submit(final, percent=100, trainees=30)
    services.report_review(report=final, user=agency(), verdict="accepted")
    _submit(first, percent=40, trainees=10)  # late periodic report accepted after the final one
    services.report_review(report=first, user=agency(), verdict="accepted")
    contracted.refresh_from_db()
    assert (contracted.percent_complete, contracted.achieved_trainees) == (100, 30)


def test_only_the_agency_reviews_and_other_provinces_see_nothing(contracted):
    report = contracted.reports.get(sequence=1)
    with pytest.raises(Http404):
        _submit(report, by=danang_officer())
    _submit(report)
    with pytest.raises(PermissionDenied):
        services.report_review(report=report, user=hanoi_officer(), verdict="accepted")
    assert not ProgressReport.objects.restrict(danang_officer()).filter(pk=report.pk).exists()
    assert ProgressReport.objects.restrict(hanoi_officer()).filter(pk=report.pk).exists()


def _officer_mail(user, address):
    user.email = address
    user.save(update_fields=["email"])


def test_reminders_then_escalation_to_the_province_then_the_agency(contracted):
    _officer_mail(hanoi_officer(), "so.hanoi@example.vn")
    _officer_mail(danang_officer(), "so.danang@example.vn")
    _officer_mail(agency(), "cuc@example.vn")
    year = contracted.plan_year
    report = contracted.reports.get(sequence=1)
    due = report.due_on
    # Other projects of the demo owe reports too: only this project's lines are checked.
    mail.outbox.clear()
    progress_reports_follow_up.enqueue((due - datetime.timedelta(days=8)).isoformat())
    assert not any(contracted.code in m.body for m in mail.outbox)
    progress_reports_follow_up.enqueue((due - datetime.timedelta(days=7)).isoformat())
    reminder = [m for m in mail.outbox if contracted.code in m.body]
    assert len(reminder) == 1 and reminder[0].to == ["so.hanoi@example.vn"]
    assert "sắp đến hạn" in reminder[0].subject and f"20/06/{year}" in reminder[0].body
    report.refresh_from_db()
    assert report.reminded_on == due - datetime.timedelta(days=7)
    mail.outbox.clear()
    progress_reports_follow_up.enqueue((due - datetime.timedelta(days=6)).isoformat())
    assert not any(contracted.code in m.body for m in mail.outbox)  # once
    progress_reports_follow_up.enqueue((due + datetime.timedelta(days=1)).isoformat())
    late = [m for m in mail.outbox if contracted.code in m.body]
    assert [m.to for m in late] == [["so.hanoi@example.vn"]] and "quá hạn 1 ngày" in late[0].body
    report.refresh_from_db()
    assert report.escalation == 1
    mail.outbox.clear()
    progress_reports_follow_up.enqueue((due + datetime.timedelta(days=15)).isoformat())
    late = [m for m in mail.outbox if contracted.code in m.body]
    assert sorted(m.to[0] for m in late) == ["cuc@example.vn", "so.hanoi@example.vn"]
    assert all("so.danang@example.vn" not in m.to for m in late)
    report.refresh_from_db()
    assert (report.escalation, report.escalated_on) == (2, due + datetime.timedelta(days=15))


def test_a_submitted_report_is_neither_reminded_nor_escalated(contracted):
    _officer_mail(hanoi_officer(), "so.hanoi@example.vn")
    report = contracted.reports.get(sequence=1)
    _submit(report)
    mail.outbox.clear()
    progress_reports_follow_up.enqueue((report.due_on + datetime.timedelta(days=20)).isoformat())
    assert not any(f"{contracted.code} — " in m.body and "kỳ 1" in m.body for m in mail.outbox)
    report.refresh_from_db()
    assert report.escalation == 0


def test_a_suspended_project_owes_no_report(contracted):
    from .factories import step

    step(contracted, lifecycle.IN_PROGRESS)
    step(contracted, lifecycle.SUSPENDED)
    owed = obligation_selectors.open_obligations()
    assert not owed.filter(extension_progress_report__project=contracted).exists()
    assert (
        Obligation.objects.filter(extension_progress_report__project=contracted, state="pending").count() == 2
    )


def test_extension_remind_command_queues_the_task(contracted, capsys):
    from django.core.management import call_command

    call_command("extension_remind", "--date", "2000-01-01")
    assert "Đã xếp hàng" in capsys.readouterr().out


# ---- documents -------------------------------------------------------------------------------------------


def test_upload_and_download_within_scope(contracted, client_for):
    data = b"%PDF-1.4 hop dong thu nghiem"
    doc = services.document_add(
        project=contracted,
        user=hanoi_officer(),
        kind="contract",
        title="Hợp đồng thực hiện đề án",
        number="12/HĐ-KCQG",
        issued_on=D(2026, 1, 5),
        file=SimpleUploadedFile("hop-dong.pdf", data, content_type="application/pdf"),
    )
    import hashlib

    assert (doc.size, doc.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    own = client_for("province_officer").get(reverse("extension:document_download", args=[doc.pk]))
    assert own.status_code == 200 and b"".join(own.streaming_content) == data
    assert "hop-dong.pdf" in own["Content-Disposition"]
    assert (
        client_for("province_officer_2")
        .get(reverse("extension:document_download", args=[doc.pk]))
        .status_code
        == 404
    )
    page = client_for("province_officer").get(contracted.get_absolute_url())
    assert "Hợp đồng thực hiện đề án" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("virus.exe", b"MZ", "không đúng loại"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_uploads_are_refused(contracted, name, content, words):
    with pytest.raises(ServiceError, match=words):
        services.document_add(
            project=contracted,
            user=hanoi_officer(),
            kind="other",
            title="Thử",
            file=SimpleUploadedFile(name, content),
        )
    assert not ProjectDocument.objects.filter(project=contracted).exists()


def test_another_province_cannot_attach_to_a_project(contracted):
    with pytest.raises(Http404):
        services.document_add(
            project=contracted,
            user=danang_officer(),
            kind="other",
            title="Thử",
            file=SimpleUploadedFile("a.pdf", b"%PDF"),
        )


# ---- screens ---------------------------------------------------------------------------------------------


def test_submit_and_review_through_the_screens(contracted, client_for):
    report = contracted.reports.get(sequence=1)
    url = report.get_absolute_url()
    province = client_for("province_officer")
    page = province.get(url).content.decode()
    assert 'id="submit-form"' in page and 'id="review-form"' not in page
    bad = province.post(
        reverse("extension:report_submit", args=[report.pk]),
        {
            "submit-percent_complete": "140",
            "submit-narrative": "x",
            **{f"submit-{k}": 0 for k in reporting_outputs()},
        },
        follow=True,
    )
    assert "Tỷ lệ hoàn thành" in bad.content.decode()
    report.refresh_from_db()
    assert report.status == "pending"
    province.post(
        reverse("extension:report_submit", args=[report.pk]),
        {
            "submit-percent_complete": "60",
            "submit-narrative": "Đã lắp đặt máy",
            **{f"submit-{k}": 1 for k in reporting_outputs()},
        },
    )
    report.refresh_from_db()
    assert (report.status, report.percent_complete) == ("submitted", 60)
    agency_page = client_for("agency_officer").get(url).content.decode()
    assert 'id="review-form"' in agency_page
    client_for("agency_officer").post(
        reverse("extension:report_review", args=[report.pk]),
        {"review-verdict": "needs_revision", "review-comment": "Bổ sung biên bản bàn giao máy"},
    )
    report.refresh_from_db()
    assert report.status == "needs_revision"
    page = province.get(url).content.decode()
    assert "Bổ sung biên bản bàn giao máy" in page and 'id="submit-form"' in page
    assert client_for("province_officer_2").get(url).status_code == 404


def reporting_outputs():
    return ("trainees", "models", "machines", "products", "jobs")


def test_the_report_list_filters_late_reports(contracted, client_for):
    report = contracted.reports.get(sequence=1)
    _move_due(report, D(2020, 1, 1))
    body = (
        client_for("province_officer")
        .get(reverse("extension:progressreport_list"), {"standing": "overdue"})
        .content
    )
    assert contracted.code in body.decode()
    other = client_for("province_officer_2").get(
        reverse("extension:progressreport_list"), {"standing": "overdue"}
    )
    assert contracted.code not in other.content.decode()


def test_the_report_list_keeps_its_query_count(demo, client_for, django_assert_max_num_queries):
    client = client_for("agency_officer")
    url = reverse("extension:progressreport_list")
    first = advance(make_project(), lifecycle.CONTRACTED)
    with django_assert_max_num_queries(14) as small:
        response = client.get(url, {"q": first.code})
    assert response.status_code == 200
    assert response.context["result_count"] == 2 and first.code in response.content.decode()
    for _ in range(3):
        advance(make_project(), lifecycle.CONTRACTED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["result_count"] >= 8  # two reports for each of the four projects


def test_the_project_page_shows_the_schedule_with_where_each_report_stands(contracted, client_for):
    _move_due(contracted.reports.get(sequence=1), D(2020, 1, 1))
    page = client_for("province_officer").get(contracted.get_absolute_url()).content.decode()
    assert 'id="progress-reports"' in page and "Quá hạn" in page and "Báo cáo tổng kết" in page


def test_the_project_figures_are_zero_before_any_report(contracted):
    fresh = Project.objects.get(pk=contracted.pk)
    assert fresh.percent_complete == 0 and fresh.achieved_trainees == 0
    assert set(reporting.OPEN) == {"pending", "needs_revision"}


def test_a_suspended_projects_reports_are_not_listed_as_late(contracted, client_for):
    from .factories import step

    _move_due(contracted.reports.get(sequence=1), D(2020, 1, 1))
    url = reverse("extension:progressreport_list")
    assert contracted.code in client_for("agency_officer").get(url, {"standing": "overdue"}).content.decode()
    step(contracted, lifecycle.IN_PROGRESS)
    step(contracted, lifecycle.SUSPENDED)
    assert (
        contracted.code not in client_for("agency_officer").get(url, {"standing": "overdue"}).content.decode()
    )


def test_the_home_page_counts_the_reports_to_do_within_the_scope(contracted, client_for):
    """The reports to do are the reporting calendar's cards (every kind), within the user's scope."""
    first = contracted.reports.get(sequence=1)
    _move_due(first, D(2020, 1, 1))
    today = datetime.date.today()
    own = obligation_selectors.counts(hanoi_officer(), today)
    other = obligation_selectors.counts(danang_officer(), today)
    everyone = obligation_selectors.counts(agency(), today)
    assert own["overdue"] >= 1 and everyone["overdue"] >= own["overdue"] + other["overdue"]
    todo = client_for("province_officer").get(reverse("obligations:todo")).content.decode()
    assert f"{contracted.code} — " in todo and first.obligation.get_absolute_url() in todo
    assert (
        contracted.code
        not in client_for("province_officer_2").get(reverse("obligations:todo")).content.decode()
    )
    _submit(ProgressReport.objects.get(pk=first.pk))
    after = obligation_selectors.counts(hanoi_officer(), today)
    assert (after["overdue"], after["waiting"]) == (own["overdue"] - 1, own["waiting"] + 1)
    assert obligation_selectors.counts(danang_officer(), today) == other  # not another province's work
    page = client_for("province_officer").get("/").content.decode()
    assert "Việc cần làm: báo cáo quá hạn" in page and reverse("obligations:todo") in page
    assert "chờ xem xét" not in page  # reviewing is the agency's
    assert "Báo cáo tiến độ quá hạn" not in page  # extension's own card gave way to the calendar's
    assert "Việc cần làm: báo cáo chờ xem xét" in client_for("agency_officer").get("/").content.decode()


def test_the_home_counts_follow_the_project_status_through_the_services(contracted):
    """A suspended project owes no report: its late report leaves the home page's count when the step is
    recorded and comes back when the project resumes (the obligation's `owed`, kept as its status
    changes), the counts always those of the kind's condition joined in."""
    from cndp.obligations.tests.test_counts import oracle

    from .factories import step

    first = contracted.reports.get(sequence=1)
    _move_due(first, D(2020, 1, 1))
    today = datetime.date.today()
    before = obligation_selectors.counts(agency(), today)
    assert before == oracle(agency(), today)
    step(contracted, lifecycle.IN_PROGRESS)
    step(contracted, lifecycle.SUSPENDED)
    assert Obligation.objects.get(pk=first.obligation.pk).owed is False
    suspended = obligation_selectors.counts(agency(), today)
    assert suspended["overdue"] == before["overdue"] - 1
    assert suspended == oracle(agency(), today)
    assert obligation_selectors.counts(hanoi_officer(), today) == oracle(hanoi_officer(), today)
    step(contracted, lifecycle.IN_PROGRESS)
    assert obligation_selectors.counts(agency(), today) == before == oracle(agency(), today)


def test_the_home_page_keeps_its_query_count(demo, client_for, django_assert_max_num_queries):
    client = client_for("agency_officer")
    with django_assert_max_num_queries(40) as before:
        response = client.get("/")
    assert response.status_code == 200 and "Việc cần làm: báo cáo chờ xem xét" in response.content.decode()
    advance(make_project(), lifecycle.CONTRACTED)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get("/")
    assert response.status_code == 200 and "Việc cần làm: báo cáo chờ xem xét" in response.content.decode()


def test_the_project_and_report_pages_keep_their_query_count(
    contracted, client_for, django_assert_max_num_queries
):
    """More documents, reports reviewed and ledger entries do not add queries to the pages."""
    from cndp.extension.projects.ledger import ADVANCE

    client = client_for("agency_officer")
    report = contracted.reports.get(sequence=1)

    def attach(n):
        for i in range(n):
            services.document_add(
                project=contracted,
                user=agency(),
                kind="report",
                title=f"Tài liệu {i}",
                report=report,
                file=SimpleUploadedFile(f"t{i}.pdf", b"%PDF-1.4 " + bytes([i])),
            )

    def page(url, *texts):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert all(text in html for text in texts), [t for t in texts if t not in html]
        return html

    attach(1)
    with django_assert_max_num_queries(60) as project_page:
        page(contracted.get_absolute_url(), contracted.code, "Tài liệu 0", 'id="progress-reports"')
    with django_assert_max_num_queries(60) as report_page:
        page(report.get_absolute_url(), contracted.code, "Tài liệu 0")
    attach(4)
    _submit(report)
    services.report_review(report=report, user=agency(), verdict="accepted")
    for _ in range(3):
        services.disbursement_record(project=contracted, kind=ADVANCE, amount=1_000_000, user=agency())
    with django_assert_max_num_queries(len(project_page.captured_queries)):
        page(contracted.get_absolute_url(), "Tài liệu 3", "1.000.000")
    reviewer = agency().full_name
    with django_assert_max_num_queries(len(report_page.captured_queries)):
        page(report.get_absolute_url(), "Tài liệu 3", reviewer)


def test_the_report_list_export_keeps_code_and_title_as_columns(contracted, client_for):
    import io

    from openpyxl import load_workbook

    url = reverse("extension:progressreport_list")
    data = client_for("province_officer").get(url, {"q": contracted.code, "export": "xlsx"}).content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header, first = rows[2], rows[3]
    assert first[header.index("Đề án")] == contracted.code
    assert first[header.index("Tên đề án")] == contracted.name


def test_the_report_list_and_its_export_keep_their_query_count(
    demo, client_for, django_assert_max_num_queries
):
    """The page and its Excel file read the reports (only the columns shown) and their obligations in a
    constant number of queries, and the export still says each report's state by its label."""
    import io

    from openpyxl import load_workbook

    client = client_for("agency_officer")
    url = reverse("extension:progressreport_list")
    advance(make_project(), lifecycle.CONTRACTED)
    client.get(url)  # warm: content types, permissions

    def page_and_export():
        reports = ProgressReport.objects.count()
        page = client.get(url)
        assert page.status_code == 200
        assert page.content.decode().count("btn-outline-secondary py-0") == min(reports, 50)
        export = client.get(url, {"export": "xlsx"})
        assert export.status_code == 200
        rows = list(
            load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True)
        )
        header, data = rows[2], rows[3:]
        assert len(data) == reports
        labels = {str(label) for _value, label in ReportStatus.choices}
        assert {row[header.index("Tình trạng")] for row in data} <= labels

    with django_assert_max_num_queries(40) as small:
        page_and_export()
    for _ in range(3):
        advance(make_project(), lifecycle.CONTRACTED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page_and_export()


def test_the_list_reads_each_reports_obligation_with_the_report(contracted, django_assert_num_queries):
    """The list page's queryset reads the obligation's period, due date, state and escalation in the
    report's own query: what `ProgressReport.obligation` says (the first obligation in the obligations'
    order), the defaults for a report without one — in one query, whatever the number of reports."""
    from cndp.extension.progress.selectors import report_list, report_list_page

    first, final = contracted.reports.get(sequence=1), contracted.reports.get(kind="final")
    Obligation.objects.filter(pk=first.obligation.pk).update(state="submitted", escalation=1)
    earlier = Obligation.objects.get(pk=first.obligation.pk)  # a second one, due earlier: the first read
    earlier.pk, earlier.period_end, earlier.due_on = None, D(2001, 1, 1), D(2001, 1, 20)
    earlier.state, earlier.escalation = "accepted", 2
    earlier.save()
    final.obligation.delete()

    def seen(report):
        return (report.period_end, report.due_on, report.status, report.escalation)

    expected = {r.pk: seen(r) for r in report_list()}
    with django_assert_num_queries(1):
        listed = {r.pk: seen(r) for r in report_list_page()}
    assert listed == expected
    assert listed[first.pk] == (D(2001, 1, 1), D(2001, 1, 20), "accepted", 2)
    assert listed[final.pk] == (None, None, ReportStatus.PENDING, 0)
    assert report_list_page().count() == ProgressReport.objects.count()
