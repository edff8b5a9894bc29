"""The Excel template and its upload from the submission's page: the template of that data set, province and
period; a dry run that shows every problem by row and column and writes nothing; the import saved only when
the whole file is valid; only the owing province's officer may upload (another province: 404; a submitted
report: refused). Periods in 2030 keep clear of the demo's data."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cndp.indicators import periods
from cndp.indicators.models import DataValue, Submission

pytestmark = pytest.mark.django_db

JUNE = periods.Period(periods.MONTH, datetime.date(2030, 6, 1))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def grid(client_for):
    """Hà Nội's officer opens June 2030's monthly grid: its submission."""
    from cndp.indicators.models import DataSet

    officer = client_for("province_officer")
    dataset = DataSet.objects.get(code="CN-THANG")
    response = officer.get(reverse("indicators:entry"), {"dataset": dataset.pk, "period": JUNE.code})
    assert response.status_code == 302
    submission = Submission.objects.get(dataset=dataset, province__code="01", period_start=JUNE.start)
    return officer, submission


def _filled(template: bytes, rows: dict[int, tuple]) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    for row, (value, comment) in rows.items():
        ws.cell(row=row, column=7, value=value)
        ws.cell(row=row, column=8, value=comment)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue(), content_type=XLSX)


def _values(submission):
    return dict(
        DataValue.objects.filter(province=submission.province, period_start=JUNE.start).values_list(
            "indicator__code", "value"
        )
    )


def test_template_check_then_import(grid):
    officer, submission = grid
    page = officer.get(submission.get_absolute_url()).content.decode()
    assert reverse("indicators:submission_template", args=[submission.pk]) in page
    response = officer.get(reverse("indicators:submission_template", args=[submission.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    template = response.content
    sheet = load_workbook(io.BytesIO(template)).worksheets[0]
    assert "Hà Nội" in sheet["A1"].value and "tháng 6/2030" in sheet["A1"].value

    upload = reverse("indicators:submission_upload", args=[submission.pk])
    checked = officer.post(
        upload, {"action": "check", "file": _filled(template, {5: (95000.5, "Nhµ m¸y míi")})}
    )
    text = checked.content.decode()
    assert checked.status_code == 200 and 'id="upload-ok"' in text and 'id="btn-import"' in text
    assert "Nhà máy mới" in text and "TCVN3" in text  # the conversion shown
    assert _values(submission) == {}  # a dry run writes nothing

    saved = officer.post(
        upload, {"action": "import", "file": _filled(template, {5: (95000.5, ""), 6: ("109,5", "")})}
    )
    assert saved.status_code == 302 and saved["Location"] == submission.get_absolute_url()
    assert _values(submission) == {"GTSX": Decimal("95000.5"), "IIP": Decimal("109.5")}


def test_errors_by_row_and_column_and_nothing_written(grid):
    officer, submission = grid
    template = officer.get(reverse("indicators:submission_template", args=[submission.pk])).content
    upload = reverse("indicators:submission_upload", args=[submission.pk])
    response = officer.post(
        upload, {"action": "import", "file": _filled(template, {5: (95000, ""), 6: ("mười", "")})}
    )
    text = response.content.decode()
    assert response.status_code == 422 and 'id="upload-errors"' in text and 'id="btn-import"' not in text
    assert "<td>6</td><td>Giá trị</td>" in text and "không phải là số" in text
    assert _values(submission) == {}  # the valid row 5 is not written either: all or nothing


def test_only_the_owing_province_uploads(grid, client_for):
    officer, submission = grid
    template = officer.get(reverse("indicators:submission_template", args=[submission.pk])).content
    upload = reverse("indicators:submission_upload", args=[submission.pk])
    other = client_for("province_officer_2")  # Đà Nẵng
    assert other.get(reverse("indicators:submission_template", args=[submission.pk])).status_code == 404
    response = other.post(upload, {"action": "import", "file": _filled(template, {5: (1, "")})})
    assert response.status_code == 404
    leader = client_for("leader")
    assert (
        leader.post(upload, {"action": "import", "file": _filled(template, {5: (1, "")})}).status_code == 403
    )
    assert _values(submission) == {}
