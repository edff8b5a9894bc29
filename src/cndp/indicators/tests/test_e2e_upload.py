"""Browser: a province officer downloads the Excel template from the grid, uploads it with a wrong cell
(the row and column named, nothing written), corrects it and imports it; the grid shows the values as the
draft. Screenshots in test-artifacts/."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cndp.indicators import periods
from cndp.indicators.models import DataSet, DataValue

from .test_e2e import browser, shot, signed_in  # noqa: F401 (the module's browser fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
JULY = periods.Period(periods.MONTH, datetime.date(2030, 7, 1))


def _fill(path, rows, target):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for row, (value, comment) in rows.items():
        ws.cell(row=row, column=7, value=value)
        ws.cell(row=row, column=8, value=comment)
    wb.save(target)
    return target


def test_template_download_check_and_import(browser, live_server, demo, tmp_path):  # noqa: F811
    page = signed_in(browser, live_server, "sohanoi")
    dataset = DataSet.objects.get(code="CN-THANG")
    page.goto(live_server.url + reverse("indicators:entry") + f"?dataset={dataset.pk}&period={JULY.code}")
    grid_url = page.url
    page.click("#excel-upload summary")
    with page.expect_download() as download:
        page.click("#template-link")
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    assert "Hà Nội" in load_workbook(template).worksheets[0]["A1"].value

    bad = _fill(template, {5: (96000, "Nhµ m¸y míi"), 6: ("một trăm", "")}, tmp_path / "sai.xlsx")
    page.set_input_files("#upload-file", str(bad))
    with page.expect_navigation():
        page.click("#btn-check")
    assert "chưa nhập dòng nào" in page.inner_text("#upload-errors")
    assert "«một trăm» không phải là số" in page.inner_text("#upload-issues")
    assert page.locator("#btn-import").count() == 0
    shot(page, "upload-errors")
    assert not DataValue.objects.filter(province__code="01", period_start=JULY.start).exists()

    good = _fill(template, {5: (96000, "Nhµ m¸y míi"), 6: ("108,5", "")}, tmp_path / "dung.xlsx")
    page.set_input_files("#upload-file", str(good))
    with page.expect_navigation():
        page.click("#btn-check")
    assert "sẵn sàng để nhập" in page.inner_text("#upload-ok")
    assert "Nhà máy mới" in page.inner_text("#upload-conversions")
    shot(page, "upload-checked")
    page.set_input_files("#upload-file", str(good))
    with page.expect_navigation():
        page.click("#btn-import")
    assert page.url == grid_url
    assert "Đã nhập 2 chỉ tiêu" in page.inner_text(".alert-success")
    assert page.input_value("#v-IIP") in ("108,5", "108,50")
    stored = dict(
        DataValue.objects.filter(province__code="01", period_start=JULY.start).values_list(
            "indicator__code", "value"
        )
    )
    assert stored == {"GTSX": Decimal("96000"), "IIP": Decimal("108.5")}
    shot(page, "upload-imported")
    page.context.close()
