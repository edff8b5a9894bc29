"""Browser test of issue 10's acceptance (Playwright on Debian's chromium): Hà Nội's officer enters a
month on the keyboard, an outlier demands a comment, submits; the agency returns it with a comment; the
province corrects and resubmits; the agency approves; the map and the ranking show the value; Đà Nẵng's
officer can neither see the draft nor submit for Hà Nội (UI and API). Screenshots go to
test-artifacts/indicators-*.png."""

import datetime
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from cndp.core.demo import DEMO_PASSWORD
from cndp.indicators import periods
from cndp.indicators.choices import ValueState
from cndp.indicators.models import DataValue, Indicator, Submission
from cndp.places.models import Province

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CNDP_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
MAY = periods.Period(periods.MONTH, datetime.date(2030, 5, 1))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"chromium not found at {CHROMIUM}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        yield browser
        browser.close()


def signed_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"indicators-{name}.png"), full_page=True)


def approved(code, province, period, value):
    DataValue.objects.update_or_create(
        indicator=Indicator.objects.get(code=code),
        province=province,
        period_start=period.start,
        defaults={"period_type": period.type, "value": Decimal(value), "state": ValueState.APPROVED},
    )


def test_a_month_from_entry_to_the_map(browser, live_server, demo):
    hanoi = Province.objects.get(version="34", code="01")
    for code, previous, last_year in (("GTSX", "100", "90"), ("IIP", "105", "104")):
        approved(code, hanoi, MAY.previous, previous)
        approved(code, hanoi, MAY.last_year, last_year)

    # Hà Nội's officer opens the month and types it on the keyboard.
    province = signed_in(browser, live_server, "sohanoi")
    province.goto(live_server.url + reverse("indicators:entry"))
    province.select_option("#id_dataset", label="Báo cáo tháng sản xuất công nghiệp")
    province.fill("#id_period", "5/2030")  # as people write a month (the code 203005 works too)
    with province.expect_navigation():
        province.click("#entry-open")
    grid_url = province.url
    province.focus("#v-GTSX")
    province.keyboard.type("250")
    province.keyboard.press("Enter")  # to the next cell, not a submission
    assert province.evaluate("() => document.activeElement.id") == "v-IIP"
    province.keyboard.type("106,2")
    with province.expect_navigation():
        province.click("#btn-submit")
    # 150 % above last month: refused until explained.
    assert "Chưa gửi được" in province.inner_text(".alert-danger")
    assert "cần giải thích" in province.inner_text("#row-GTSX")
    assert province.get_attribute("#c-GTSX", "required") is not None
    shot(province, "1-outlier")
    province.fill("#c-GTSX", "Nhà máy điện tử mới đi vào hoạt động")
    with province.expect_navigation():
        province.click("#btn-submit")
    assert "Đã gửi số liệu" in province.inner_text(".alert-success")
    assert province.inner_text("#submission-state") == "Đã nộp, chờ xem xét"

    # Đà Nẵng's officer: not the page, not the values, not a submission (UI and API).
    other = signed_in(browser, live_server, "sodanang")
    assert other.goto(grid_url).status == 404
    submission = Submission.objects.get(province=hanoi, period_start=MAY.start)
    token = next(c["value"] for c in other.context.cookies() if c["name"] == "csrftoken")
    for url, form in (
        (grid_url, {"action": "submit", "v-GTSX": "1", "v-IIP": "1"}),
        (
            live_server.url + reverse("indicators:submission_review", args=[submission.pk]),
            {"verdict": "approve"},
        ),
    ):
        response = other.request.post(url, form=form, headers={"X-CSRFToken": token})
        assert response.status == 404, (url, response.status)
    assert DataValue.objects.get(province=hanoi, period_start=MAY.start, indicator__code="GTSX").value == 250
    # The API answers the same: no draft of Hà Nội in Đà Nẵng's values or aggregates, no submission.
    listed = other.request.get(
        live_server.url + reverse("indicators-api:datavalue-list") + f"?province={hanoi.pk}"
    )
    # Another province is not a choice of a province officer's filter (the same filter set as the pages'):
    # refused, naming the filter, with no value in the answer.
    assert listed.status == 400 and "province" in listed.json() and "results" not in listed.json()
    aggregate = other.request.get(
        live_server.url
        + reverse("indicators-api:aggregate")
        + f"?indicator=GTSX&period={MAY.code}&by=province"
    )
    assert aggregate.status == 200
    assert next(r for r in aggregate.json()["rows"] if r["key"] == "01")["value"] is None
    submit = other.request.post(
        live_server.url + reverse("indicators-api:submission-submit", args=[submission.pk]),
        headers={"X-CSRFToken": token},
    )
    assert submit.status == 404
    submission.refresh_from_db()
    assert submission.obligation.state == "submitted" and submission.obligation.submissions == 1

    # The agency returns it with what to check.
    agency = signed_in(browser, live_server, "chuyenvien")
    agency.goto(grid_url)
    agency.fill("#id_comment", "Đề nghị rà soát lại giá trị sản xuất tháng 5")
    with agency.expect_navigation():
        agency.click("#btn-return")
    assert "Đã trả lại" in agency.inner_text(".alert-success")

    # The province corrects and resubmits.
    province.goto(grid_url)
    assert "Đề nghị rà soát lại" in province.inner_text("#steps")
    assert "Đề nghị rà soát lại" in province.inner_text("#returned-comment")  # at the top of the grid
    province.fill("#v-GTSX", "180")
    province.fill("#c-GTSX", "Đã rà soát: nhà máy mới chạy thử từ giữa tháng")
    with province.expect_navigation():
        province.click("#btn-submit")
    assert province.inner_text("#submission-state") == "Đã nộp, chờ xem xét"

    # The agency approves: locked.
    agency.goto(grid_url)
    with agency.expect_navigation():
        agency.click("#btn-approve")
    assert agency.inner_text("#submission-state") == "Đã chấp nhận"
    assert agency.locator("#v-GTSX").evaluate("e => e.tagName") == "SPAN"
    assert "250,0" in agency.inner_text("#values-history") and "180,0" in agency.inner_text("#values-history")
    shot(agency, "2-approved")

    # The map and the ranking show it, for everyone.
    other.goto(
        live_server.url + reverse("indicators:analysis") + f"?indicator=GTSX&period={MAY.code}&by=province"
    )
    other.wait_for_selector("#indicator-map[data-state=drawn]")
    assert "180,0" in other.inner_text("#rank-01")
    assert other.inner_text("#rank-01 td").strip() == "1"
    shot(other, "3-map")

    # The agency's day and the period's documents (looked at by a person: test-artifacts/).
    agency.goto(live_server.url + reverse("indicators:dashboard"))
    assert "Báo cáo tháng sản xuất công nghiệp" in agency.inner_text("#dashboard-cards")
    shot(agency, "4-dashboard")
    agency.goto(live_server.url + reverse("indicators:completeness") + f"?period={MAY.code}")
    assert "Đúng hạn: 1" in agency.inner_text("#completeness-counts")
    shot(agency, "5-completeness")
    pdf = agency.request.get(
        live_server.url + reverse("indicators:analysis") + f"?indicator=GTSX&period={MAY.code}&format=pdf"
    )
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    (ARTIFACTS / "indicators-report.pdf").write_bytes(pdf.body())
    agency.goto(live_server.url + reverse("indicators:brief"))
    shot(agency, "6-brief")
    brief = agency.request.get(
        agency.url + "?format=pdf" if "?" not in agency.url else agency.url + "&format=pdf"
    )
    assert brief.status == 200 and brief.body().startswith(b"%PDF")
    (ARTIFACTS / "indicators-brief.pdf").write_bytes(brief.body())
