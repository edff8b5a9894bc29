"""Browser test (Playwright on Debian's chromium): a party officer reads the counts at the congress date,
records a transfer out on a member's page, sees today's counts follow, exports the table to Excel and
checks an import file with a dry run. Screenshots go to test-artifacts/."""

import io

import pytest
from openpyxl import load_workbook

from cndp.core.tests.browser import login, shot
from cndp.party.models import Member
from cndp.party.tests.factories import xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_counts_history_and_import(page, tmp_path):
    login(page, "danguy")
    page.goto(page.base_url + "/party/counts/?at=10/06/2015")
    assert page.locator("[data-testid=members]").inner_text() == "56"
    assert page.locator("[data-testid=ratio]").inner_text() == "70,9 %"
    assert page.locator("#cell-counts tbody tr").count() == 8
    shot(page, "party-counts-2015")

    page.fill("#id_at", "")
    with page.expect_navigation():
        page.click("#at-form button[type=submit]")
    today_members = int(page.locator("[data-testid=members]").inner_text())

    member = Member.objects.filter(official_on__isnull=False, events__kind="official").order_by("pk").first()
    page.goto(page.base_url + member.get_absolute_url())
    assert "Lịch sử sinh hoạt đảng" in page.locator("#history").inner_text()
    page.select_option("#id_kind", "transfer_out")
    page.fill("#id_date", "01/10/2026")
    page.fill("#id_decision_number", "45-QĐ/ĐU")
    page.fill("#id_note", "Chuyển sinh hoạt về Đảng bộ Bộ")
    with page.expect_navigation():
        page.click("#record-event button[type=submit]")
    assert "Đã ghi sự kiện «Chuyển đi — 01/10/2026»." in page.locator("main").inner_text()
    assert "45-QĐ/ĐU" in page.locator("#member-events").inner_text()
    assert page.locator("[data-testid=state]").inner_text() == "Không sinh hoạt trong Đảng bộ"
    shot(page, "party-member-history")

    page.goto(page.base_url + "/party/counts/")
    assert int(page.locator("[data-testid=members]").inner_text()) == today_members - 1
    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    with open(download_info.value.path(), "rb") as downloaded:
        sheet = load_workbook(io.BytesIO(downloaded.read())).active
    assert sheet["A1"].value == "Số lượng đảng viên"
    assert [c.value for c in sheet[sheet.max_row]][3] == today_members - 1

    page.goto(page.base_url + "/party/members/?at=10/06/2015&status=probationary")
    assert page.locator("#result-count").inner_text().startswith("13 ")
    assert "Dự bị" in page.locator("#table-block tbody").inner_text()
    shot(page, "party-members-probationary-2015")

    page.goto(page.base_url + "/party/probation/")
    assert page.locator("#probation-due tbody tr").count() >= 1
    shot(page, "party-probation-due")

    path = tmp_path / "dang-vien.xlsx"
    bad = [
        ["Mai Văn Hợp", "Nam", "01/01/1985", "cb-vp", "01/02/2010", "01/02/2011", ""],
        ["Mai Thị Lỗi", "Nữ", "01/01/1985", "cb-vp", "01/02/2010", "01/01/2011", ""],
    ]
    path.write_bytes(xlsx(bad).getvalue())
    page.goto(page.base_url + "/party/members/import/")
    page.set_input_files("#id_file", str(path))
    page.click("button[value=check]")
    errors = page.locator("#import-errors").inner_text()
    assert "Dòng 3, cột «Ngày chính thức»: Chưa đủ 12 tháng dự bị" in errors
    shot(page, "party-import-dry-run")
    assert not Member.objects.filter(full_name="Mai Văn Hợp").exists()


def test_member_list_cell_filter_suggests_cells_as_you_type(page):
    """The cell filter is a text field: typing fills its datalist from the suggestions endpoint (no
    drop-down of every cell, no inline script), and a chosen code filters the list."""
    login(page, "danguy")
    page.goto(page.base_url + "/party/members/?at=10/06/2015")
    assert page.locator("select#id_cell").count() == 0
    page.locator("#id_cell").press_sequentially("van phong")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#cell-options option')].some(o => o.value === 'cb-vp')"
    )
    assert "Chi bộ Văn phòng Cục" in page.locator("#cell-options").inner_html()
    shot(page, "party-members-cell-suggestions")
    page.fill("#id_cell", "cb-vp")
    page.locator("#id_cell").press("Enter")
    page.wait_for_url("**cell=cb-vp**")
    assert page.locator("#result-count").inner_text().startswith("9 ")
