"""A civil servant logs in, switches language, searches a list without accents, exports it to Excel
and reads the file back; a province officer is confined to their province."""

import io

import pytest
from openpyxl import load_workbook

from cndp.core.tests.browser import login, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_language_search_and_excel_export(page):
    page.goto(page.base_url + "/")
    assert "/login/" in page.url
    # The browser says en-US; the interface is still Vietnamese until the user chooses.
    assert page.locator("h1").inner_text() == "Đăng nhập"
    login(page, "quantri")
    assert "Xin chào, Nguyễn Quang Vinh" in page.locator("h1").inner_text()
    shot(page, "home-vi")

    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert "Hello" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "home-en")
    with page.expect_navigation():
        page.select_option("#language-select", "vi")
    assert page.locator("html").get_attribute("lang") == "vi"

    page.goto(page.base_url + "/places/provinces/?version=34")
    assert page.locator("#result-count").inner_text().startswith("34")
    page.fill("#id_q", "da nang")  # no accents, no đ
    page.wait_for_function("() => document.querySelector('#result-count').innerText.startsWith('1 ')")
    rows = page.locator("#table-block tbody tr")
    assert rows.count() == 1
    assert "Thành phố Đà Nẵng" in rows.first.inner_text()
    assert "q=da+nang" in page.url or "q=da%20nang" in page.url
    shot(page, "provinces-search")

    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    download = download_info.value
    assert download.suggested_filename.startswith("province-") and download.suggested_filename.endswith(
        ".xlsx"
    )
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    sheet = workbook.active
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [(r[0], r[1]) for r in data] == [("48", "Thành phố Đà Nẵng")]
    assert "da nang" in sheet["A2"].value


def test_province_officer_sees_only_their_province(page):
    login(page, "sodanang")
    page.goto(page.base_url + "/accounts/units/")
    text = page.locator("#table-block").inner_text()
    assert "Sở Công Thương Đà Nẵng" in text
    assert "Hà Nội" not in text
    shot(page, "units-province-officer")
    response = page.goto(page.base_url + "/api/accounts/units/?format=json")
    assert response.status == 200
    codes = {u["code"] for u in response.json()["results"]}
    assert codes == {"so-ct-48", "ttkc-48"}
