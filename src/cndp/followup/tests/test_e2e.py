"""The acceptance test of the follow-up (Playwright on Debian's chromium): an agency officer pastes a
notice's numbered list and gets its tasks, assigns them and saves; the lead unit reports progress, then
completion; the agency confirms; a task that went overdue shows in the leader's weekly digest (the e-mail
in the outbox and the page) and on the province's page; a unit that is neither lead nor coordinator
cannot report (no form on the page, 403 from the API; an officer of a Ministry unit not assigned: 404,
the task is outside its unit's scope); the calendar escalates the overdue task to the agency's leaders. Screenshots: test-artifacts/followup-*.png, and
the periodic report's PDF: test-artifacts/followup-report.pdf."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cndp.accounts.models import Unit
from cndp.core.demo import DEMO_PASSWORD
from cndp.core.tests.browser import ARTIFACTS, new_page, shooter
from cndp.followup.models import Leader, Notice, Task, WorkingSession
from cndp.followup.tasks import followup_weekly_digest
from cndp.obligations.tasks import obligations_remind
from cndp.places.models import Province

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
shot = shooter("followup-")


def test_paste_assign_report_confirm_overdue_digest_and_province_page(browser, live_server, demo):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    leader = Leader.objects.get(user__username="thutruong")
    hanoi = Province.objects.get(version="34", code="01")
    session = WorkingSession.objects.create(
        date=today - datetime.timedelta(days=40),
        leader=leader,
        province=hanoi,
        place="Trụ sở UBND Thành phố Hà Nội",
    )
    notice = Notice.objects.create(
        session=session, number="777/TB-BCT", date=today - datetime.timedelta(days=35)
    )
    text = "\n".join(
        [
            "1. Giao Vụ Pháp chế chủ trì, phối hợp với Sở Công Thương hướng dẫn thành phố hoàn thiện hồ sơ",
            f"thành lập cụm công nghiệp Phú Nghĩa mở rộng (trong tháng {today.month} năm {today.year}).",
            "2. Giao Cục Công nghiệp địa phương rà soát phương án phát triển cụm công nghiệp của thành phố",
            f"trước ngày {yesterday:%d/%m/%Y}.",
            "3. Giao Văn phòng Bộ theo dõi, đôn đốc thường xuyên.",
        ]
    )

    # The agency officer pastes the numbered list, checks the units read, assigns and saves.
    agency = new_page(browser, live_server, "chuyenvien")
    agency.goto(live_server.url + notice.get_absolute_url())
    with agency.expect_navigation():
        agency.click("#paste-tasks")
    agency.fill("#id_text", text)
    shot(agency, "1-paste")
    with agency.expect_navigation():
        agency.click("#paste-read")
    rows = agency.locator(".review-row")
    assert rows.count() == 3
    vpc = Unit.objects.get(code="bct-vpc")
    doit = Unit.objects.get(code="so-ct-01")
    assert agency.locator("#id_t-0-lead_unit").input_value() == str(vpc.pk)
    assert agency.locator("#id_t-0-coordinating_units input:checked + label").all_inner_texts() == [doit.name]
    assert agency.locator("#id_t-1-deadline").input_value() == f"{yesterday:%d/%m/%Y}"
    assert agency.locator("#id_t-2-deadline_kind").input_value() == "recurring"
    agency.check(f"#id_t-1-coordinating_units input[value='{doit.pk}']")  # assigns a coordinating unit
    shot(agency, "2-review")
    with agency.expect_navigation():
        agency.click("#review-save")
    assert "Đã lưu 3 nhiệm vụ" in agency.locator(".alert").first.inner_text()
    assert agency.locator("#notice-tasks tbody tr").count() == 3
    first, overdue, recurring = Task.objects.filter(notice=notice).order_by("pk")
    assert (first.place, first.lead_unit, first.deadline) == ("1", vpc, first.deadline)
    assert overdue.deadline == yesterday and [
        a.unit for a in overdue.assignments.filter(role="coordinating")
    ] == [doit]
    assert recurring.deadline_kind == "recurring"

    # The lead unit reports progress, then completion.
    lead = new_page(browser, live_server, "phapche")
    lead.goto(live_server.url + first.get_absolute_url())
    lead.fill("#id_text", "Đã có văn bản hướng dẫn thành phần hồ sơ, đang thẩm định.")
    lead.fill("#id_percent", "50")
    with lead.expect_navigation():
        lead.click("#report-submit")
    assert "50" in lead.locator("#task-units").inner_text()
    lead.fill("#id_text", "Đã ban hành văn bản hướng dẫn số 123/PC-CCN gửi UBND Thành phố Hà Nội.")
    lead.fill("#id_percent", "100")
    lead.check("#id_done")
    with lead.expect_navigation():
        lead.click("#report-submit")
    assert lead.locator("#task-state").inner_text() == "Đã báo cáo hoàn thành, chờ xác nhận"
    shot(lead, "3-reported")

    # A unit that is neither lead nor coordinator cannot report: no form, and the API refuses.
    agency.goto(live_server.url + first.get_absolute_url())
    assert agency.locator("#report-form").count() == 0
    api = browser.new_context().request  # no session cookie: the token alone
    token = api.post(
        live_server.url + "/api/token/", form={"username": "chuyenvien", "password": DEMO_PASSWORD}
    )
    token = token.json()["token"]
    refused = api.post(
        live_server.url + "/api/followup/reports/",
        data={
            "assignment": first.assignments.get(role="lead").pk,
            "text": "Không thuộc đơn vị",
            "percent": 10,
        },
        headers={"Authorization": f"Token {token}"},
    )
    assert refused.status == 403
    assert "Chỉ đơn vị chủ trì hoặc phối hợp" in refused.json()["detail"]
    assert first.assignments.get(role="lead").reports.count() == 2
    # … nor can an officer of a Ministry unit not assigned to the task (Vụ Pháp chế on the task of the
    # Cục Công nghiệp địa phương): the task is outside its unit's scope, in the page and in the API.
    outsider = lead.goto(live_server.url + overdue.get_absolute_url())
    assert outsider.status == 404
    token = api.post(live_server.url + "/api/token/", form={"username": "phapche", "password": DEMO_PASSWORD})
    outsider = api.post(
        live_server.url + "/api/followup/reports/",
        data={
            "assignment": overdue.assignments.get(role="lead").pk,
            "text": "Không thuộc đơn vị",
            "percent": 5,
        },
        headers={"Authorization": f"Token {token.json()['token']}"},
    )
    assert outsider.status == 404 and not overdue.assignments.get(role="lead").reports.exists()

    # The agency confirms.
    with agency.expect_navigation():
        agency.click("#task-confirm")
    assert agency.locator("#task-state").inner_text() == "Đã hoàn thành"
    assert "Hoàn thành đúng hạn" in agency.locator("#task-gov").inner_text()
    shot(agency, "4-confirmed")

    # The overdue task in the leader's weekly digest: the e-mail and the page.
    mail.outbox.clear()
    followup_weekly_digest.enqueue(today.isoformat())
    mine = [m for m in mail.outbox if leader.email in m.to]
    assert len(mine) == 1
    assert "777/TB-BCT" in mine[0].body and "rà soát phương án phát triển" in mine[0].body
    assert "Cục Công nghiệp địa phương" in mine[0].body or "ARID" in mine[0].body
    leader_page = new_page(browser, live_server, "thutruong")
    leader_page.goto(live_server.url + "/followup/digest/")
    overdue_part = leader_page.locator("#digest-overdue").inner_text()
    assert "777/TB-BCT" in overdue_part and "Thành phố Hà Nội" in overdue_part
    assert "777/TB-BCT" in leader_page.locator("#digest-completed").inner_text()
    shot(leader_page, "5-digest")

    # The calendar's escalation of the overdue task's reports: the unit, then its head, then, 15 days
    # late, the agency's leaders (the daily job the worker runs; its e-mails in the outbox).
    mail.outbox.clear()
    obligations_remind.enqueue((yesterday + datetime.timedelta(days=15)).isoformat())
    to_leaders = [m for m in mail.outbox if "Báo cáo Lãnh đạo" in m.subject and "777/TB-BCT" in m.body]
    assert to_leaders and {"thutruong@moit.local", "lanhdao@cndp.local"} <= set(to_leaders[0].to)

    # … and on the province's page.
    province = new_page(browser, live_server, "sohanoi")
    province.goto(live_server.url + "/followup/province/")
    rows = province.locator(".province-task")
    texts = rows.all_inner_texts()
    assert any("rà soát phương án phát triển" in t and "Quá hạn 1 ngày" in t for t in texts)
    assert not any("Phú Nghĩa" in t for t in texts)  # done: no longer open
    shot(province, "6-province")

    # The agency's list of overdue tasks and its home cards.
    agency.goto(live_server.url + "/followup/tasks/?flag=overdue&sort=-deadline")
    assert "777/TB-BCT" in agency.locator("#table-block").inner_text()
    shot(agency, "8-overdue-list")
    agency.goto(live_server.url + "/")
    assert "Nhiệm vụ theo kết luận quá hạn" in agency.content()
    shot(agency, "9-home")

    # The periodic report: screen, and its PDF kept for a person to look at.
    agency.goto(live_server.url + "/followup/report/?by=unit")
    assert "Tổng cộng" in agency.locator("#report-table").inner_text()
    shot(agency, "7-report")
    pdf = agency.request.get(live_server.url + "/followup/report/?by=province&export=pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    (ARTIFACTS / "followup-report.pdf").write_bytes(pdf.body())
