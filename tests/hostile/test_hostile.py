"""Every Excel import against the corpus of hostile files (tests/hostile/files, built by build.py): no
exception escapes, the report names the problem in Vietnamese (and the row where there is one), and the
tables the import writes have the same number of rows before and after — the real import is run, not the
dry run, so that nothing is half-written even when the file claims to be valid."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from cndp.core import importing
from cndp.extension.models import Project, ProjectTransition
from cndp.extension.services import project_import
from cndp.party.models import Member, MemberEvent
from cndp.party.services import member_import

from .build import COMMON, FILES, PER_IMPORT

pytestmark = pytest.mark.django_db

IMPORTS = {
    "party": ("party_officer", lambda user, data: member_import(user=user, file=data, dry_run=False)),
    "extension": ("agency_officer", lambda user, data: project_import(user=user, file=data, dry_run=False)),
}
MODELS = (Member, MemberEvent, Project, ProjectTransition)
CASES = [
    pytest.param(kind, FILES / "common" / name, expected, id=f"{kind}-{name}")
    for name, expected in COMMON.items()
    for kind in IMPORTS
] + [
    pytest.param(kind, FILES / kind / name, expected, id=f"{kind}-{name}")
    for kind in IMPORTS
    for name, expected in PER_IMPORT.items()
]


def _counts() -> dict[str, int]:
    counts = {}
    for model in MODELS:
        counts[model.__name__] = model.objects.count()
        counts[f"history of {model.__name__}"] = model.history.model.objects.count()
    return counts


def _issues(report) -> list:
    return list(getattr(report, "errors", None) or getattr(report, "issues", []))


def test_the_corpus_is_built_and_large_enough():
    files = sorted(p for p in FILES.rglob("*") if p.is_file())
    expected = {FILES / "common" / n for n in COMMON} | {FILES / k / n for k in IMPORTS for n in PER_IMPORT}
    assert set(files) == expected, "run tests/hostile/build.py"
    assert len(files) >= 30
    assert all(p.stat().st_size < 1024 * 1024 for p in files)


@pytest.mark.parametrize(("kind", "path", "expected"), CASES)
def test_a_hostile_file_is_refused_cleanly_and_writes_nothing(kind, path: Path, expected, demo, monkeypatch):
    fragment, line = expected
    role, run = IMPORTS[kind]
    if path.parent.name == "common" and fragment != "bị hỏng" and "ẩn" not in fragment:
        # refused on its bytes: openpyxl never opens it (the bomb never reaches memory)
        def no_openpyxl(*args, **kwargs):
            raise AssertionError("openpyxl was asked to open a file refused on its bytes")

        monkeypatch.setattr(importing, "load_workbook", no_openpyxl)
    before = _counts()
    report = run(demo[role], io.BytesIO(path.read_bytes()))
    assert _counts() == before
    assert not report.written
    issues = _issues(report)
    if fragment == "rows":
        # read in full whatever range it declares or how far right a cell is; its rows repeat one another,
        # so the import refuses them as duplicates
        assert len(report.rows) == line, [str(i) for i in issues]
        return
    assert not report.ok
    messages = [str(issue) for issue in issues]
    found = [issue for issue in issues if fragment in issue.message]
    assert found, messages
    assert found[0].line == line, messages
    if line:
        assert messages[messages.index(str(found[0]))].startswith(f"Dòng {line}")
    assert "root:" not in " ".join(messages)  # the external entity was not read


def test_a_valid_file_with_a_lying_dimension_is_read_in_full(demo):
    """The declared range A1:G3 hid 8 of 10 rows; the rows are now all read (checked by a dry run)."""
    data = (FILES / "party" / "lying-dimension.xlsx").read_bytes()
    report = member_import(user=demo["party_officer"], file=data, dry_run=True)
    assert [row.line for row in report.rows] == list(range(2, 12))


def test_a_formula_cell_is_reported_once_and_not_as_blank(demo):
    data = (FILES / "party" / "formula-in-date.xlsx").read_bytes()
    report = member_import(user=demo["party_officer"], file=data, dry_run=True)
    messages = [str(issue) for issue in report.issues if issue.line == 2]
    assert messages == [
        "Dòng 2, cột «Ngày sinh»: ô chứa công thức «=DATE(2015,6,10)», không phải giá trị: hãy chép cột rồi "
        "dán đặc biệt «Chỉ giá trị» (Paste Special → Values) trước khi nhập."
    ]


@pytest.mark.parametrize("kind", list(IMPORTS))
def test_an_upload_over_the_limit_is_refused_before_reading(kind, demo, monkeypatch):
    monkeypatch.setattr(importing, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    role, run = IMPORTS[kind]
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * importing.files.MAX_FILE_BYTES)
    before = _counts()
    report = run(demo[role], big)
    assert _counts() == before
    assert "quá giới hạn 5 MB" in str(_issues(report)[0])


@pytest.mark.parametrize(
    ("url", "role"),
    [("/party/members/import/", "party_officer"), ("/extension/projects/import/", "agency_officer")],
)
def test_the_upload_forms_refuse_a_file_over_5_mb(url, role, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lon.xlsx", b"\0" * (importing.files.MAX_FILE_BYTES + 1))
    response = client_for(role).post(url, {"file": upload, "action": "check"})
    assert response.status_code == 400
    assert "quá giới hạn 5 MB" in response.content.decode()


def test_a_header_at_row_10_is_still_found_and_the_template_rows_are_not_a_blank_run(demo):
    wb = Workbook()
    ws = wb.active
    for _ in range(9):
        ws.append(["Danh sách"])
    ws.append(["Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"])
    ws.append(["Nguyễn Văn Thử", "Nam", "12/05/1980", "cb-vp", "10/06/2015"])
    for line in range(12, 12 + importing.MAX_BLANK_RUN - 1):  # 999 formatted blank rows, then a row
        ws.cell(row=line, column=1).number_format = "@"
    ws.append(["Trần Thị Thử", "Nữ", "12/05/1981", "cb-vp", "10/06/2016"])
    buffer = io.BytesIO()
    wb.save(buffer)
    report = member_import(user=demo["party_officer"], file=buffer.getvalue(), dry_run=True)
    assert report.ok, [str(i) for i in report.issues]
    assert [row.line for row in report.rows] == [11, 11 + importing.MAX_BLANK_RUN]
