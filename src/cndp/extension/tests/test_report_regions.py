"""The report by region (issue 13, item 9): a province may belong to several regions, so the region rows
add up to more than the country; the page, the PDF and the Excel say so, with the two figures, next to
the table (not a bare total that looks wrong)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from cndp.core.tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

URL = "/extension/reports/"
QUERY = {"by": "region", "regions": "socio_economic"}


def _numbers(text: str) -> tuple[int, int]:
    found = re.search(r"cộng các vùng \(([\d.]+) đề án\) lớn hơn tổng cả nước \(([\d.]+) đề án\)", text)
    assert found, text[:2000]
    return int(found.group(1).replace(".", "")), int(found.group(2).replace(".", ""))


def test_the_page_explains_why_the_regions_add_up_to_more_than_the_country(client_for):
    html = client_for("leader").get(URL, QUERY).content.decode()
    note = re.search(r'<p class="small mb-0 fw-semibold" id="region-note">(.*?)</p>', html, re.S)
    assert note, "the region note is missing or not set apart from the other notes"
    regions, total = _numbers(note.group(1))
    rows = re.search(
        r'<table[^>]*id="report-table".*?<tbody>(.*?)</tbody>.*?id="row-total">(.*?)</tr>', html, re.S
    )
    counts = [
        int(c.replace(".", "")) for c in re.findall(r'</th><td class="text-end">([\d.]+)</td>', rows.group(1))
    ]
    shown_total = int(
        re.search(r'<td class="text-end">([\d.]+)</td>', rows.group(2)).group(1).replace(".", "")
    )
    assert sum(counts) == regions > total == shown_total
    assert "Dòng «Toàn quốc» tính mỗi đề án một lần" in note.group(1)
    assert html.count(note.group(1).strip()) == 2  # under the outputs table too


def test_the_pdf_and_the_excel_say_it_too(client_for):
    client = client_for("leader")
    text = " ".join(pdf_text(client.get(URL, {**QUERY, "format": "pdf"}).content, layout=True).split())
    regions, total = _numbers(text)
    assert regions > total
    book = load_workbook(io.BytesIO(client.get(URL, {**QUERY, "format": "xlsx"}).content))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert _numbers(cells) == (regions, total)
