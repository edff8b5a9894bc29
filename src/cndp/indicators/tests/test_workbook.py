"""The province's Excel template and its upload: labels locked, the file identified, a dry run that
writes nothing, every problem named by row and column, old Vietnamese encodings converted and shown,
all or nothing through the same service as the grid."""

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cndp.indicators import legacy, periods, workbook
from cndp.indicators.models import DataSet, DataValue

from .factories import clear_values, put, unit, user

pytestmark = pytest.mark.django_db
JAN = periods.parse("202601")


@pytest.fixture(autouse=True)
def no_values(demo):
    clear_values()


@pytest.fixture
def monthly():
    return DataSet.objects.get(code="CN-THANG")


def filled(dataset, province, period, rows: dict[int, tuple]):
    wb = load_workbook(io.BytesIO(workbook.template_bytes(dataset, province, period)))
    ws = wb.worksheets[0]
    for row, (value, comment) in rows.items():
        ws.cell(row=row, column=7, value=value)
        ws.cell(row=row, column=8, value=comment)
    buffer = io.BytesIO()
    wb.save(buffer)
    return io.BytesIO(buffer.getvalue())


def test_the_template(monthly):
    hanoi = unit("01", "202601")
    put("GTSX", "202512", "01", 90000)
    wb = load_workbook(io.BytesIO(workbook.template_bytes(monthly, hanoi, JAN)))
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Báo cáo tháng sản xuất công nghiệp — Thành phố Hà Nội — tháng 1/2026"
    assert [c.value for c in ws[4]] == ["STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kỳ trước",
                                       "Cùng kỳ năm trước", "Giá trị", "Giải thích"]  # fmt: skip
    assert [ws.cell(row=5, column=c).value for c in (2, 4, 5)] == ["GTSX", "tỷ đồng", 90000]
    assert ws.protection.sheet and ws["C5"].protection.locked and not ws["G5"].protection.locked
    assert ws["G6"].number_format == "#,##0.0"
    assert wb["cndp"].sheet_state == "hidden"


def test_dry_run_then_save_with_the_conversion_shown(monthly):
    hanoi, officer = unit("01", "202601"), user("sohanoi")
    upload = filled(monthly, hanoi, JAN, {5: (95000.5, "Nhµ m¸y míi ®i vµo ho¹t ®éng"), 6: ("109,5", None)})
    result = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=officer)
    assert result.issues == [] and not result.saved and not DataValue.objects.exists()
    assert [(c.line, c.column, c.after, c.encoding) for c in result.conversions] == [
        (5, "Giải thích", "Nhà máy mới đi vào hoạt động", "TCVN3")
    ]
    assert result.entries == {"GTSX": (Decimal("95000.5"), "Nhà máy mới đi vào hoạt động"),
                              "IIP": (Decimal("109.5"), "")}  # fmt: skip
    upload.seek(0)
    result = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=officer,
                                  dry_run=False)  # fmt: skip
    assert result.saved
    stored = dict(DataValue.objects.values_list("indicator__code", "value"))
    assert stored == {"GTSX": Decimal("95000.5"), "IIP": Decimal("109.5")}
    gtsx = DataValue.objects.get(indicator__code="GTSX")
    assert gtsx.comment == "Nhà máy mới đi vào hoạt động" and gtsx.history.first().history_user == officer


def test_vni_comments_are_converted_and_ambiguous_ones_kept(monthly):
    """A comment typed with a VNI font is read back as Unicode with the conversion shown; one that could
    also be ordinary Unicode ("Hoà Sôn" is also VNI's "Hồ Sơn") is not guessed: kept as typed."""
    hanoi, officer = unit("01", "202601"), user("sohanoi")
    upload = filled(
        monthly, hanoi, JAN, {5: (95000.5, "Nhaø maùy môùi ôû Ñoàng Nai"), 6: ("109,5", "Tỉnh Sôn La")}
    )
    result = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=officer)
    assert [(c.line, c.after, c.encoding) for c in result.conversions] == [
        (5, "Nhà máy mới ở Đồng Nai", "VNI")
    ]
    assert result.entries["GTSX"] == (Decimal("95000.5"), "Nhà máy mới ở Đồng Nai")
    assert result.issues == []  # "Tỉnh Sôn La" has a letter outside Windows-1252 (ỉ): Unicode, kept as typed
    upload = filled(monthly, hanoi, JAN, {5: (95000.5, "Hoà Sôn"), 6: ("109,5", None)})
    result = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=officer)
    assert result.conversions == [] and result.issues == []  # ordinary Unicode as far as anyone can tell


def test_every_problem_by_row_and_column_and_nothing_written(monthly):
    hanoi, officer = unit("01", "202601"), user("sohanoi")
    upload = filled(monthly, hanoi, JAN, {5: ("1.234", "Nha\u0300 ma\u0301y"), 6: (2000, "=HYPERLINK(1)")})
    result = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=officer,
                                  dry_run=False)  # fmt: skip
    assert [(i.line, i.column) for i in result.issues] == [(5, "Giá trị"), (6, "Giá trị")]
    assert "1234 hoặc 1,234" in result.issues[0].message
    assert result.issues[1].message == "Giá trị phải trong khoảng 0 – 1000."
    assert [(c.encoding, c.after) for c in result.conversions] == [("NFD", "Nhà máy")]
    assert not result.saved and not DataValue.objects.exists()


def test_another_period_or_province_or_a_stranger_is_refused(monthly):
    hanoi, danang = unit("01", "202601"), unit("48", "202601")
    upload = filled(monthly, hanoi, JAN, {5: (1, ""), 6: (100, "")})
    other = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=periods.parse("202602"),
                                 user=user("sohanoi"))  # fmt: skip
    assert other.issues[0].line == 0 and "tháng 1/2026" in other.issues[0].message
    upload.seek(0)
    scoped = workbook.grid_upload(file=upload, dataset=monthly, province=hanoi, period=JAN, user=user("sodanang"),
                                  dry_run=False)  # fmt: skip
    assert not scoped.saved and scoped.issues and not DataValue.objects.exists()
    plain = io.BytesIO()
    Workbook().save(plain)
    plain.seek(0)
    stranger = workbook.grid_upload(
        file=plain, dataset=monthly, province=danang, period=JAN, user=user("sodanang")
    )
    assert "tệp mẫu" in stranger.issues[0].message
    renamed = io.BytesIO(b"indicator,period\nGTSX,202601\n")
    assert workbook.grid_upload(file=renamed, dataset=monthly, province=danang, period=JAN,
                                user=user("sodanang")).issues  # fmt: skip


@pytest.mark.parametrize(
    "cell,expected",
    [(1234.5, "1234.5"), (7, "7"), ("1.234.567,5", "1234567.5"), ("1234,5", "1234.5"), ("1234.5", "1234.5"),
     ("12.345,0", "12345.0"), (" 95 000 ", "95000"), (None, None), ("", None)],
)  # fmt: skip
def test_values_typed_the_vietnamese_way(cell, expected):
    assert workbook.parse_value(cell) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("cell", ["abc", "1.234", "1,2,3", True, "12..5"])
def test_values_refused(cell):
    with pytest.raises(ValueError):
        workbook.parse_value(cell)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ",
               max_size=40))  # fmt: skip
def test_tcvn3_round_trip(text):
    """The TCVN3 table both ways (any letters; real words through the detector: tests/test_legacy.py)."""
    encoded = text.translate({ord(v): k for k, v in zip(legacy._TCVN3_FROM, legacy._TCVN3_TO, strict=True)})
    assert legacy.from_tcvn3(encoded) == text
