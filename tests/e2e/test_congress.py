"""A whole small congress in the browser: summons → check-in → quorum → candidate list → two clerks
enter the ballots (one mismatch settled by the head) → results → the minutes PDF, read back as text."""

import subprocess

import pytest

from cndp.core.demo import DEMO_PASSWORD
from cndp.core.tests.browser import ARTIFACTS, new_page, ready, shot
from cndp.core.tests.pdf import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(browser, live_server, username):
    return new_page(browser, live_server, username, locale="en-US")


def test_small_congress_from_summons_to_minutes(browser, live_server, demo, tmp_path):
    from cndp.accounts.models import User
    from cndp.congress import services as congress_services
    from cndp.congress.models import Congress, Delegate
    from cndp.elections import services as election_services

    base = live_server.url
    officer = login(browser, live_server, "danguy")

    # 1. The congress and its summons list
    officer.goto(base + "/congress/congresses/add/")
    officer.select_option("#id_organisation", label="Đảng bộ Cục Công nghiệp địa phương")
    officer.fill("#id_ordinal", "6")
    officer.fill("#id_term_start", "2025")
    officer.fill("#id_term_end", "2030")
    officer.fill("#id_opens_on", "10/06/2015")
    with officer.expect_navigation():
        officer.click("main button[type=submit]")
    with officer.expect_navigation():
        officer.click("#build-summons")
    assert "Đã lập danh sách triệu tập: thêm 56" in officer.locator(".alert-success").inner_text()
    congress = Congress.objects.get(ordinal=6)

    # 2. Check-in: most members arrive (recorded through the service), the last ones at the desk
    officials = list(Delegate.objects.filter(congress=congress, is_official=True).order_by("code"))
    for delegate in officials[:27]:
        congress_services.delegate_check(delegate=delegate, user=demo["party_officer"])
    officer.click("#open-checkin")
    ready(officer, "#checkin-form")  # the desk's script has run
    assert "Chưa đủ điều kiện" in officer.locator("[data-testid=quorum]").inner_text()
    by_name, by_code = officials[27], officials[28]
    from cndp.core.text import fold

    with officer.expect_response(lambda r: "/checkin/search/" in r.url):
        officer.fill("#checkin-query", fold(by_name.full_name))
    item = officer.locator("#checkin-list .list-group-item").filter(
        has=officer.get_by_text(by_name.full_name, exact=True)
    )
    with officer.expect_response(lambda r: "/checkin/submit/" in r.url):
        item.get_by_role("button", name="Điểm danh vào").click()
    officer.wait_for_selector("[data-testid=checkin-feedback]")
    assert by_name.full_name in officer.locator("[data-testid=checkin-feedback]").inner_text()
    officer.fill("#checkin-query", by_code.code)
    officer.keyboard.press("Enter")
    officer.wait_for_function(
        "() => document.querySelector('[data-testid=quorum]').innerText.includes('Đủ điều kiện')"
    )
    shot(officer, "congress-checkin")
    present = Delegate.objects.filter(congress=congress, present=True).count()
    assert present == 29
    assert f"Tham dự Đại hội có {present} đảng viên" in officer.locator("[data-testid=sentence]").inner_text()

    # Leave the check-in desk (it polls the server) before writing from the test thread: SQLite locks.
    officer.goto(base + "/")

    # 3. Counting board (elected by show of hands) with two clerk accounts: each member's own account
    head_user = User.objects.get(username="kiemphieu")
    head = Delegate.objects.get(congress=congress, member__staff=head_user)
    if not head.present:
        congress_services.delegate_check(delegate=head, user=demo["party_officer"])
    clerks = []
    from cndp.party.models import Member

    # Two delegates whose own account has no role yet (or who have none: one is made for them).
    plain = [
        d
        for d in officials[:27]
        if d.pk != head.pk and (d.member.staff_id is None or not d.member.staff.groups.exists())
    ]
    for i, delegate in enumerate(plain[:2]):
        account = delegate.member.staff
        if account is None:
            account = User.objects.create_user(username=f"nhapphieu{i}", full_name=delegate.full_name)
            Member.objects.filter(pk=delegate.member_id).update(staff=account)
            delegate.member.staff = account
        account.set_password(DEMO_PASSWORD)
        account.save(update_fields=["password"])
        election_services.board_member_add(
            congress=congress, delegate=delegate, account=account, is_head=False, user=demo["party_officer"]
        )
        clerks.append(account)
    election_services.board_member_add(
        congress=congress, delegate=head, account=head_user, is_head=True, user=demo["party_officer"]
    )

    # 4. The election and its list
    officer.goto(base + "/elections/elections/add/")
    officer.select_option("#id_congress", label=str(congress))
    officer.select_option("#id_kind", "delegates")
    officer.fill("#id_seats", "2")
    with officer.expect_navigation():
        officer.click("main button[type=submit]")
    election_url = officer.url
    candidates = [
        d for d in officials[3:27] if d.pk != head.pk and d.member.staff_id not in {c.pk for c in clerks}
    ][:3]
    for delegate in candidates:
        officer.select_option("#id_delegate", label=delegate.full_name)
        with officer.expect_navigation():
            officer.click("#add-candidate")
    assert officer.locator("#candidates tbody tr, #candidates tr").count() >= 3
    officer.fill("#id_votes_for", "29")
    with officer.expect_navigation():
        officer.click("#adopt-list")
    assert "Đại hội đã thông qua danh sách bầu cử." in officer.locator(".alert-success").inner_text()
    names = [n.strip() for n in officer.locator("#candidates tr td:nth-child(2)").all_inner_texts()]
    assert names == sorted(names, key=__import__("cndp.core.text", fromlist=["name_sort_key"]).name_sort_key)

    # 5. The head issues the ballots and names the two clerks
    head_page = login(browser, live_server, "kiemphieu")
    head_page.goto(election_url)
    head_page.fill("#id_ballots_issued", "3")
    head_page.select_option("#id_clerk_a", label=clerks[0].full_name)
    head_page.select_option("#id_clerk_b", label=clerks[1].full_name)
    with head_page.expect_navigation():
        head_page.click("#start-counting")

    # 6. Two clerks, independently: Enter after each ballot; B misreads ballot 2
    for account, typed in ((clerks[0], ["1", "2", "3"]), (clerks[1], ["1", "3", "3"])):
        page = login(browser, live_server, account.username)
        page.goto(election_url + "entry/")
        for n, text in enumerate(typed, start=1):
            page.fill("#entry-text", text)
            page.keyboard.press("Enter")  # keyboard only: Enter saves and moves to the next ballot
            page.wait_for_function(
                "n => { const m = document.querySelector('[data-testid=entry-message]'); return m && m.innerText === 'Đã lưu phiếu số ' + n + '.'; }",
                arg=n,
            )
            assert page.locator("#entry-number").input_value() == str(min(n + 1, 3))
        assert page.locator("#own-entries tbody tr, #own-entries tr").count() >= 3
        shot(page, f"ballot-entry-{account.username}")
        page.once("dialog", lambda dialog: dialog.accept())
        with page.expect_navigation():
            page.click("#finish-entry")
        page.context.close()

    # 7. The head sees the mismatch side by side, settles it from the paper ballot, counts, certifies
    head_page.goto(election_url)
    table = head_page.locator("#mismatch-table")
    assert "2" in table.inner_text() and "3" in table.inner_text()
    shot(head_page, "ballot-mismatch")
    head_page.fill("#mismatch-table input[name=text]", "2")
    with head_page.expect_navigation():
        head_page.click("#mismatch-table button")
    with head_page.expect_navigation():
        head_page.click("#run-count")
    assert "Đã kiểm phiếu." in head_page.locator(".alert-success").inner_text()
    with head_page.expect_navigation():
        head_page.click("#certify")
    assert "Đã công bố kết quả" in head_page.locator("[data-testid=status]").inner_text()
    shot(head_page, "election-results")
    results = head_page.locator("#results").inner_text()

    # 8. The minutes PDF: names, votes and Vietnamese percentages
    with head_page.expect_download() as download:
        head_page.click("#minutes-pdf")
    pdf = tmp_path / "minutes.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes(), layout=True)
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    from cndp.elections.models import Election

    result = Election.objects.get(congress=congress).result
    base_count = result["base"]
    for row in result["candidates"]:
        assert row["name"] in text and row["name"] in results
        percent = f"{row['votes'] * 100 / base_count:.2f}".replace(".", ",") + " %"
        assert percent in text, percent
    assert "Số phiếu phát ra: 3" in text
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(ARTIFACTS / "minutes"),
        ],
        check=True,
    )
