"""Browser test (Playwright on Debian's chromium): a province officer registers a proposal, is refused over
the cap (the message names it), fixes it and sends it to the agency; another province's officer sees none
of it (UI and API); an agency officer records two reviewers' scores, confirms the selection within the
fund and takes the project through plan, contract, advance, inspection, acceptance, liquidation and
settlement; the year's report then shows its approved and disbursed funds in its province's row, and the
other province's officer's report does not. Screenshots go to test-artifacts/extension-*.png."""

import pytest
from django.db.models import Sum
from django.utils import timezone

from cndp.accounts.models import User
from cndp.core.tests.browser import ARTIFACTS, new_page, shooter  # noqa: F401 (imported from here too)
from cndp.extension.models import Project
from cndp.extension.projects import lifecycle
from cndp.extension.projects.selectors import project_totals as ledger_totals
from cndp.extension.templatetags.extension_report import million

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Hỗ trợ ứng dụng máy sấy nhiệt heat-pump tại Hợp tác xã Chè Tân Cương thử nghiệm"
shot = shooter("extension-")


def take_step(page, target, number=None):
    page.click(f"#btn-{target}")
    page.wait_for_selector(f"#step-{target}.show")
    if number:
        page.fill(f"#id_{target}-decision_number", number)
        page.fill(f"#id_{target}-decision_date", timezone.localdate().strftime("%d/%m/%Y"))
    with page.expect_navigation():
        page.click(f"#confirm-{target}")
    assert "alert-danger" not in page.content(), page.locator(".alert").all_inner_texts()


def record(page, kind, amount):
    page.select_option("#id_kind", kind)
    page.fill("#id_amount", str(amount))
    with page.expect_navigation():
        page.click("#ledger-form button[type=submit]")


def test_a_proposal_from_registration_to_settlement(browser, live_server, demo):
    province = new_page(browser, live_server, "sohanoi")
    province.goto(live_server.url + "/extension/projects/?plan_year=2026")
    assert "Hà Nội" in province.locator("#table-block").inner_text()
    shot(province, "0-list-province")
    province.goto(live_server.url + "/extension/projects/add/")
    province.fill("#id_name", NAME)
    province.select_option(
        "#id_activity_type", label="Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ"
    )
    province.fill("#id_extension_funds", "350000000")
    province.fill("#id_counterpart_funds", "450000000")
    province.fill("#id_planned_machines", "3")
    with province.expect_navigation():
        province.click("main form.card button[type=submit]")
    error = province.locator(".invalid-feedback").first.inner_text()
    assert "Vượt mức hỗ trợ tối đa «Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ»" in error
    assert "tối đa 300.000.000 đồng/cơ sở" in error and "Thông tư 28/2018/TT-BTC" in error
    shot(province, "1-over-cap")
    province.fill("#id_extension_funds", "300000000")
    with province.expect_navigation():
        province.click("main form.card button[type=submit]")
    project = Project.objects.get(name=NAME)
    assert province.locator("#project-status").inner_text() == "Đăng ký"
    take_step(province, "doit_appraised")
    take_step(province, "submitted", "215/SCT-QLCN")
    assert province.locator("#project-status").inner_text() == "Đã gửi Cục"
    shot(province, "2-submitted")

    other = new_page(browser, live_server, "sodanang")
    assert other.goto(live_server.url + project.get_absolute_url()).status == 404
    assert other.goto(live_server.url + f"/api/extension/projects/{project.pk}/").status == 404
    other.goto(live_server.url + f"/extension/projects/?q={project.code}")
    assert other.locator("#result-count").inner_text().startswith("0")

    agency = new_page(browser, live_server, "chuyenvien")
    agency.goto(live_server.url + "/extension/projects/?plan_year=2027&status=agency_appraised")
    shot(agency, "0-list-agency")
    agency.goto(live_server.url + project.get_absolute_url())
    for reviewer, score in (("cb001", "8"), ("cb002", "7")):
        agency.select_option("#id_reviewer", str(User.objects.get(username=reviewer).pk))
        for criterion in ("need", "feasibility", "budget", "outputs", "replication"):
            agency.fill(f"#id_c_{criterion}", score)
        with agency.expect_navigation():
            agency.click("#appraisal-form button[type=submit]")
    assert agency.locator("#project-score").inner_text() == "75,00"
    take_step(agency, "agency_appraised")
    agency.goto(live_server.url + f"/extension/selection/?year={project.plan_year}")
    assert project.code in agency.locator("#proposal").inner_text()
    shot(agency, "3-selection")
    with agency.expect_navigation():
        agency.click("#confirm-selection")
    assert "Đã lựa chọn 1 đề án." in agency.locator(".alert").inner_text(), agency.locator(
        ".alert"
    ).all_inner_texts()
    agency.goto(live_server.url + project.get_absolute_url())
    assert agency.locator("#project-status").inner_text() == "Được lựa chọn"
    take_step(agency, "in_plan", "3914/QĐ-BCT")
    take_step(agency, "contracted", f"001/{project.plan_year}/HĐ-KCQG")
    record(agency, "advance", 150_000_000)
    take_step(agency, "in_progress")
    record(agency, "advance", 200_000_000)  # beyond the approved funds: refused
    assert "còn được cấp tối đa 150.000.000 đồng" in agency.locator(".alert-danger").inner_text()
    take_step(agency, "inspected", "01/BB-KT")
    take_step(agency, "accepted", "01/BB-NT")
    record(agency, "payment", 140_000_000)
    take_step(agency, "liquidated", "01/BB-TLHĐ")
    record(agency, "settlement", 290_000_000)
    take_step(agency, "settled", "125/QĐ-CTĐP")
    assert agency.locator("#project-status").inner_text() == "Đã quyết toán"
    assert agency.locator("#ledger-disbursed").inner_text() == "290.000.000"
    history = agency.locator("#transitions").inner_text()
    for word in ("215/SCT-QLCN", "3914/QĐ-BCT", "01/BB-NT", "125/QĐ-CTĐP", "Lê Minh Tuấn", "Trần Thị Thu Hà"):
        assert word in history
    shot(agency, "4-settled")
    project.refresh_from_db()
    assert project.status == "settled" and project.transitions.count() == 11

    # The report shows it: the plan year's annual report, by province (today's 34), Hà Nội's row.
    others = Project.objects.filter(
        plan_year=project.plan_year, province_current=project.province_current, status__in=lifecycle.APPROVED
    ).exclude(pk=project.pk)
    approved = 300_000_000 + (others.aggregate(s=Sum("approved_funds"))["s"] or 0)
    disbursed = 290_000_000 + sum(ledger_totals(p).disbursed for p in others)
    report = f"/extension/reports/?year={project.plan_year}&period=year&by=province&units=34"
    agency.goto(live_server.url + report)
    cells = agency.locator("#report-table #row-01 td").all_inner_texts()
    assert agency.locator("#report-table #row-01 th").inner_text() == "Hà Nội"
    # STT, registered, requested, selected, approved, approved funds, counterpart, disbursed, rate
    assert cells[5] == million(approved) and cells[7] == million(disbursed), cells
    assert project.code not in agency.content()  # figures, not a list of projects
    shot(agency, "5-report")
    other.goto(live_server.url + report)
    assert other.locator("#scope-note").is_visible()
    assert other.locator("#report-table #row-01").count() == 0
    assert "Hà Nội" not in other.locator("#report-table").inner_text()
    assert other.locator("#report-table #row-48").count() == 1
