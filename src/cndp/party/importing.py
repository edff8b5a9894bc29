"""Reading a member list from Excel (đọc danh sách đảng viên từ tệp Excel) and the import report.

Only parsing lives here, on `core.importing` (which finds the header and reads the rows): every text
NFC-normalised, dates as real dates or dd/mm/yyyy text, every row and cell checked, problems reported as
"Dòng 5, cột «Ngày vào Đảng»: …". The service `services.member_import` adds the checks that need the
database and writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cndp.core import importing
from cndp.core.importing import RowIssue, cell_date, cell_text
from cndp.core.text import fold

# (key, column title, required); the order of the template file. The file's titles are Vietnamese
# whatever the interface language, so that any file can be read back.
COLUMNS: list[tuple[str, str, bool]] = [
    ("full_name", "Họ và tên", True),
    ("gender", "Giới tính (Nam/Nữ)", True),
    ("birth_date", "Ngày sinh", True),
    ("cell", "Chi bộ", True),
    ("admitted_on", "Ngày vào Đảng", True),
    ("official_on", "Ngày chính thức", False),
    ("card_number", "Số thẻ đảng viên", False),
]
REQUIRED = tuple(key for key, _title, required in COLUMNS if required)
# Column titles as matched in a file (Vietnamese whatever the interface language): folded, the title's
# first words.
_MATCH = {
    "full_name": ("ho va ten",),
    "gender": ("gioi tinh",),
    "birth_date": ("ngay sinh",),
    "cell": ("chi bo",),
    "admitted_on": ("ngay vao dang",),
    "official_on": ("ngay chinh thuc",),
    "card_number": ("so the",),
}
_TITLES = {
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth_date": "Ngày sinh",
    "cell": "Chi bộ",
    "admitted_on": "Ngày vào Đảng",
    "official_on": "Ngày chính thức",
    "card_number": "Số thẻ đảng viên",
}
DATE_KEYS = ("birth_date", "admitted_on", "official_on")


@dataclass
class ImportRow:
    line: int
    values: dict
    action: str = ""  # ImportReport.CREATE | ImportReport.EXISTS | "" (refused)
    member: object = None
    note: str = ""


@dataclass
class ImportReport:
    """Kết quả nhập (hoặc chạy thử)."""

    CREATE = "create"
    EXISTS = "exists"

    rows: list[ImportRow] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def to_create(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == self.CREATE]

    @property
    def existing(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == self.EXISTS]

    @property
    def created(self) -> int:
        return len(self.to_create) if self.written else 0

    def add(self, line: int, key: str, message: str) -> None:
        self.issues.append(RowIssue(line, _TITLES.get(key, ""), str(message)))

    def lines_with_issues(self) -> set[int]:
        return {issue.line for issue in self.issues}


def column_title(key: str) -> str:
    return _TITLES[key]


def _gender(value: str) -> str | None:
    return {"nam": "male", "nu": "female"}.get(fold(value))


def read_member_rows(file) -> ImportReport:
    """Parse the first sheet: find the header row (the one with «Họ và tên»), then read and check each
    non-empty row. Returns a report whose rows hold the parsed values (None where a value is wrong)."""
    report = ImportReport()
    sheet = importing.read_sheet(file, match=_MATCH, anchor="full_name", required=REQUIRED, titles=_TITLES)
    for line, raw in sheet.rows:
        report.rows.append(ImportRow(line=line, values=_parse_row(report, line, raw)))
    report.issues = sheet.merge(report.issues, _TITLES)
    return report


def _parse_row(report: ImportReport, line: int, raw: dict) -> dict:
    values: dict = {}
    for key in ("full_name", "cell", "card_number"):
        values[key] = cell_text(raw.get(key))
    if not values["full_name"]:
        report.add(line, "full_name", _("không được để trống."))
    elif any(ch.isdigit() for ch in values["full_name"]):
        report.add(line, "full_name", _("họ và tên không chứa chữ số."))
    if not values["cell"]:
        report.add(line, "cell", _("không được để trống."))
    gender_text = cell_text(raw.get("gender"))
    values["gender"] = _gender(gender_text)
    if not gender_text:
        report.add(line, "gender", _("không được để trống."))
    elif values["gender"] is None:
        report.add(line, "gender", _("«%(v)s»: ghi «Nam» hoặc «Nữ».") % {"v": gender_text})
    for key in DATE_KEYS:
        day, error = cell_date(raw.get(key))
        values[key] = day
        if error:
            report.add(line, key, error)
        elif day is None and key != "official_on":
            report.add(line, key, _("không được để trống."))
    return values


def template_workbook(cells) -> Workbook:
    """Tệp mẫu: the columns on the first sheet, instructions and the cells' names and codes on the second."""
    lines = [
        _("Hướng dẫn nhập danh sách đảng viên"),
        _("Mỗi dòng một đảng viên, bắt đầu từ dòng 2 của trang «Đảng viên». Cột tên đỏ là bắt buộc."),
        _("Giới tính: Nam hoặc Nữ. Ngày: dd/mm/yyyy (ví dụ 10/06/2015) hoặc ô kiểu ngày của Excel."),
        _("Chi bộ: ghi tên hoặc mã chi bộ như trong danh sách bên dưới."),
        _("Ngày chính thức: bỏ trống nếu còn dự bị; phải từ khi đủ 12 tháng dự bị."),
        _("Đảng viên đã có (cùng số thẻ, hoặc cùng họ tên và ngày sinh) sẽ không được thêm lần nữa."),
        _("Hãy bấm «Kiểm tra» trước: không có gì được ghi cho đến khi mọi dòng đều hợp lệ."),
        "",
        _("Mã chi bộ"),
    ]
    wb = importing.template_workbook(
        _("Đảng viên"),
        COLUMNS,
        help_lines=lines,
        min_width=16,
        widths={"full_name": 28, "cell": 40},
        text_keys=("birth_date", "admitted_on", "official_on", "card_number"),
    )
    help_sheet = wb.worksheets[1]
    help_sheet[f"A{len(lines)}"].font = Font(bold=True)
    help_sheet.cell(row=len(lines), column=2, value=_("Tên chi bộ")).font = Font(bold=True)
    for unit in cells:
        help_sheet.append([unit.code, unit.name])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["B"].width = 70
    return wb
