"""Browser test (Playwright on Debian's chromium): progress reports of a contracted project. The province
officer submits the first report with a document attached; the agency sends it back for revision; the
officer sees why, resubmits; the agency accepts it and the project page shows the progress. Another
province's officer reaches neither the report nor the file. Screenshots go to
test-artifacts/extension-progress-*.png."""

import pytest

from cndp.core.tests.browser import new_page, shooter
from cndp.extension.models import ProgressReport
from cndp.extension.projects import lifecycle

from .factories import advance, make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
shot = shooter("extension-progress-")


def test_a_report_is_submitted_sent_back_and_accepted(browser, live_server, demo, tmp_path):
    project = advance(make_project(planned_machines=2, planned_trainees=30), lifecycle.CONTRACTED)
    report = project.reports.get(sequence=1)
    attachment = tmp_path / "bien-ban-ban-giao.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% bien ban ban giao may\n")

    province = new_page(browser, live_server, "sohanoi")
    province.goto(live_server.url + project.get_absolute_url())
    assert "Báo cáo định kỳ" in province.locator("#progress-reports").inner_text()
    with province.expect_navigation():
        province.click("#progress-reports a >> text=1")
    province.wait_for_selector("#submit-form")
    province.fill("#id_submit-percent_complete", "40")
    province.fill("#id_submit-narrative", "Đã lắp đặt 1 máy sấy nhiệt, đào tạo 12 học viên vận hành.")
    province.fill("#id_submit-machines", "1")
    province.fill("#id_submit-trainees", "12")
    with province.expect_navigation():
        province.click("#submit-report")
    assert province.locator("#report-status").inner_text() == "Đã nộp, chờ xem xét"
    province.select_option("#id_doc-kind", "report")
    province.fill("#id_doc-title", "Biên bản bàn giao máy sấy")
    province.set_input_files("#id_doc-file", str(attachment))
    with province.expect_navigation():
        province.click("#document-form button[type=submit]")
    assert "Biên bản bàn giao máy sấy" in province.locator("#documents").inner_text()
    shot(province, "1-submitted")

    agency = new_page(browser, live_server, "chuyenvien")
    agency.goto(live_server.url + report.get_absolute_url())
    agency.select_option("#id_review-verdict", "needs_revision")
    with agency.expect_navigation():
        agency.click("#review-report")  # no comment: refused, nothing changes
    assert "ghi rõ nội dung" in agency.locator(".alert-danger").inner_text()
    assert agency.locator("#report-status").inner_text() == "Đã nộp, chờ xem xét"
    agency.select_option("#id_review-verdict", "needs_revision")
    agency.fill("#id_review-comment", "Bổ sung ảnh chụp máy đã lắp đặt tại cơ sở")
    with agency.expect_navigation():
        agency.click("#review-report")
    assert agency.locator("#report-status").inner_text() == "Yêu cầu bổ sung, hoàn thiện"

    province.reload()
    assert "Bổ sung ảnh chụp máy" in province.locator("#review-comment").inner_text()
    assert province.input_value("#id_submit-narrative").startswith("Đã lắp đặt 1 máy sấy")  # kept
    province.fill("#id_submit-percent_complete", "45")
    with province.expect_navigation():
        province.click("#submit-report")
    agency.reload()
    agency.select_option("#id_review-verdict", "accepted")
    with agency.expect_navigation():
        agency.click("#review-report")
    assert agency.locator("#report-status").inner_text() == "Đã chấp nhận"
    agency.goto(live_server.url + project.get_absolute_url())
    assert agency.locator("#project-percent").inner_text() == "45 %"
    outputs = agency.locator("#project-outputs").inner_text()
    assert "Số máy móc, thiết bị\t2\t1" in outputs
    shot(agency, "2-project")

    other = new_page(browser, live_server, "sodanang")
    assert other.goto(live_server.url + report.get_absolute_url()).status == 404
    document = report.documents.get()
    assert other.goto(live_server.url + document.get_absolute_url()).status == 404
    other.goto(live_server.url + "/extension/progress-reports/")
    assert project.code not in other.locator("#table-block").inner_text()

    report.refresh_from_db()
    assert (report.status, report.submissions, report.percent_complete) == ("accepted", 2, 45)
    assert ProgressReport.objects.filter(project=project, obligations__state="pending").count() == 1
