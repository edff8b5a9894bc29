"""Acceptance browser test of issue 11 (Playwright on Debian's chromium): Hà Nội's officer registers a
proposed cluster of 80 ha and sees it refused (the message names 75 ha and Decree 32/2024), corrects it,
records its establishment decision and its operation; the developer's half-year report (Biểu 02) is
entered and submitted, returned by the agency, resubmitted and accepted; the register and the map show
the new occupancy; Đà Nẵng's officer sees none of it, in the UI or the API. Screenshots go to
test-artifacts/clusters-*.png."""

import json

import pytest

from cndp.clusters.models import Cluster, ClusterReport
from cndp.clusters.services import reports
from cndp.core.tests.browser import new_page, shooter

from .factories import agency

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
shot = shooter("clusters-")


def test_register_refuse_correct_establish_report_and_map(browser, live_server, demo):
    province = new_page(browser, live_server, "sohanoi")
    province.goto(live_server.url + "/clusters/clusters/add/")
    province.fill("#id_code", "01-CCN-E2E")
    province.fill("#id_name", "Cụm công nghiệp Phú Nghĩa 3")
    province.select_option("#id_province", label="Thành phố Hà Nội")
    province.fill("#id_old_district", "Huyện Chương Mỹ")
    province.fill("#id_commune", "Xã Phú Nghĩa")
    province.fill("#id_planned_area", "80")
    province.fill("#id_latitude", "20.93")
    province.fill("#id_longitude", "105.66")
    with province.expect_navigation():
        province.click("form.card button[type=submit]")
    error = " ".join(province.locator(".invalid-feedback").all_inner_texts())
    assert "75 ha" in error and "Nghị định 32/2024/NĐ-CP" in error
    assert not Cluster.objects.filter(code="01-CCN-E2E").exists()
    shot(province, "1-refused")

    province.fill("#id_planned_area", "60")
    with province.expect_navigation():
        province.click("form.card button[type=submit]")
    cluster = Cluster.objects.get(code="01-CCN-E2E")
    assert province.url.endswith(cluster.get_absolute_url())
    for kind, number, date in (("establish", "1520/QĐ-UBND", "2026-03-10"), ("operate", "", "2026-09-01")):
        province.select_option("#id_kind", kind)
        province.fill("#id_number", number)
        province.fill("#id_date", date)
        province.fill("#id_issuer", "UBND thành phố Hà Nội" if number else "")
        province.fill("#id_area", "60" if number else "")
        with province.expect_navigation():
            province.click("#decision-form button[type=submit]")
    decisions = province.locator("#decision").inner_text()
    assert "1520/QĐ-UBND" in decisions and "Lê Minh Tuấn" in decisions
    cluster.refresh_from_db()
    assert cluster.status == "operating" and cluster.established_on.isoformat() == "2026-03-10"
    shot(province, "2-established")

    # The agency schedules the half year's reports of Hà Nội (the schedule page does it for the country).
    reports.reports_schedule(year=2026, period="half", user=agency(), province=cluster.province_current)
    report = ClusterReport.objects.get(form="form02", cluster=cluster, period="half", year=2026)
    province.goto(live_server.url + report.get_absolute_url())
    province.fill("#id_industrial_land", "40")
    province.fill("#id_leased_area", "30")
    province.fill("#id_total_investment", "320000000000")
    province.fill("#id_projects", "5")
    province.fill("#id_operating_projects", "4")
    with province.expect_navigation():
        province.click("#entry-form button[type=submit]")
    # The draft (entered, not yet sent): Đà Nẵng's officer reaches neither it nor the new cluster.
    other = new_page(browser, live_server, "sodanang")
    report.refresh_from_db()
    assert report.obligation.state == "pending"
    assert other.goto(live_server.url + report.get_absolute_url()).status == 404
    assert other.goto(live_server.url + f"/api/clusters/reports/{report.pk}/").status == 404
    assert other.goto(live_server.url + cluster.get_absolute_url()).status == 404
    with province.expect_navigation():
        province.click("#submit-report")
    assert province.locator("#report-state").inner_text() == "Đã nộp, chờ xem xét"

    # Another province's officer: nothing of it, on the pages or through the API.
    assert other.goto(live_server.url + report.get_absolute_url()).status == 404
    assert other.goto(live_server.url + cluster.get_absolute_url()).status == 404
    other.goto(live_server.url + "/clusters/reports/?q=" + cluster.code)
    assert cluster.name not in other.locator("main").inner_text()
    assert other.goto(live_server.url + f"/api/clusters/reports/{report.pk}/").status == 404
    assert other.goto(live_server.url + f"/api/clusters/clusters/{cluster.pk}/").status == 404
    listed = json.loads(other.goto(live_server.url + "/api/clusters/clusters/?q=E2E&format=json").text())
    assert listed["count"] == 0 if isinstance(listed, dict) else listed == []

    agency_page = new_page(browser, live_server, "chuyenvien")
    agency_page.goto(live_server.url + report.get_absolute_url())
    agency_page.fill("#id_comment", "Đề nghị bổ sung số dự án có vốn đầu tư nước ngoài")
    with agency_page.expect_navigation():
        agency_page.click("#review-form button[value=needs_revision]")
    assert agency_page.locator("#report-state").inner_text() == "Yêu cầu bổ sung, hoàn thiện"

    province.reload()
    assert "Đề nghị bổ sung số dự án" in province.locator("body").inner_text()
    province.fill("#id_fdi_projects", "1")
    with province.expect_navigation():
        province.click("#entry-form button[type=submit]")
    with province.expect_navigation():
        province.click("#submit-report")
    agency_page.reload()
    with agency_page.expect_navigation():
        agency_page.click("#review-form button[value=accepted]")
    assert agency_page.locator("#report-state").inner_text() == "Đã chấp nhận"
    shot(agency_page, "3-accepted")

    # The register and the map show the new occupancy (30 of 40 ha: 75 %).
    agency_page.goto(live_server.url + cluster.get_absolute_url())
    assert "75 %" in agency_page.locator("main").inner_text()
    agency_page.goto(live_server.url + "/clusters/picture/")
    agency_page.wait_for_function("() => document.querySelector('#cluster-map canvas') !== null")
    data = json.loads(agency_page.locator("#cluster-map-data").text_content())
    point = next(p for p in data["points"] if p["name"].startswith("01-CCN-E2E"))
    assert "lấp đầy 75 %" in point["detail"]
    assert any(d["name"] == "01" for d in data["data"])
    shot(agency_page, "4-map")
