"""Reading a member list from Excel (đọc danh sách đảng viên từ tệp Excel) and the import report.

Only parsing lives here: every text NFC-normalised, dates as real dates or dd/mm/yyyy text, every row and
cell checked, problems reported as "Dòng 5, cột «Ngày vào Đảng»: …". The service
`services.member_import` adds the checks that need the database and writes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cndp.core.text import fold, nfc, parse_day

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10

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
# Column titles as matched in a file (Vietnamese whatever the interface language): folded prefixes.
_MATCH = {
    "full_name": "ho va ten",
    "gender": "gioi tinh",
    "birth_date": "ngay sinh",
    "cell": "chi bo",
    "admitted_on": "ngay vao dang",
    "official_on": "ngay chinh thuc",
    "card_number": "so the",
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


@dataclass(frozen=True)
class RowIssue:
    """One problem: a row (the Excel row number) and a column, or the whole file (line 0)."""

    line: int
    column: str  # the column title, "" for the whole row or file
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        if not self.column:
            return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return _("Dòng %(line)s, cột «%(column)s»: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


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


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _date(value) -> tuple[datetime.date | None, str | None]:
    """(date, None) or (None, error)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, str):
        text = nfc(value)
        if not text:
            return None, None
        day = parse_day(text)
        if day is not None:
            return day, None
        return None, _("«%(v)s» không phải ngày hợp lệ (dd/mm/yyyy).") % {"v": text}
    return None, _("«%(v)s» không phải ngày hợp lệ (dd/mm/yyyy).") % {"v": value}


def _gender(value: str) -> str | None:
    return {"nam": "male", "nu": "female"}.get(fold(value))


def _header_map(row) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        title = fold(_text(value))
        for key, prefix in _MATCH.items():
            if key not in found and title.startswith(prefix):
                found[key] = index
                break
    return found


def read_member_rows(file) -> ImportReport:
    """Parse the first sheet: find the header row (the one with «Họ và tên»), then read and check each
    non-empty row. Returns a report whose rows hold the parsed values (None where a value is wrong)."""
    report = ImportReport()
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a file that is not .xlsx
        report.issues.append(RowIssue(0, "", _("Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu.")))
        return report
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header: dict[str, int] = {}
        header_line = 0
        for header_line, row in enumerate(rows, start=1):
            header = _header_map(row or ())
            if "full_name" in header or header_line >= HEADER_SEARCH_ROWS:
                break
        missing = [key for key, _title, required in COLUMNS if required and key not in header]
        if missing:
            names = ", ".join(f"«{_TITLES[k]}»" for k in missing)
            report.issues.append(
                RowIssue(0, "", _("Tệp thiếu cột %(names)s (xem tệp mẫu).") % {"names": names})
            )
            return report
        for line, row in enumerate(rows, start=header_line + 1):
            row = tuple(row or ())
            raw = {key: (row[index] if index < len(row) else None) for key, index in header.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                continue
            if len(report.rows) >= MAX_ROWS:
                report.issues.append(
                    RowIssue(line, "", _("Tệp có quá %(n)s dòng: hãy chia nhỏ.") % {"n": MAX_ROWS})
                )
                break
            report.rows.append(ImportRow(line=line, values=_parse_row(report, line, raw)))
    finally:
        workbook.close()
    if not report.rows and not report.issues:
        report.issues.append(RowIssue(0, "", _("Tệp không có dòng dữ liệu nào.")))
    return report


def _parse_row(report: ImportReport, line: int, raw: dict) -> dict:
    values: dict = {}
    for key in ("full_name", "cell", "card_number"):
        values[key] = _text(raw.get(key))
    if not values["full_name"]:
        report.add(line, "full_name", _("không được để trống."))
    elif any(ch.isdigit() for ch in values["full_name"]):
        report.add(line, "full_name", _("họ và tên không chứa chữ số."))
    if not values["cell"]:
        report.add(line, "cell", _("không được để trống."))
    gender_text = _text(raw.get("gender"))
    values["gender"] = _gender(gender_text)
    if not gender_text:
        report.add(line, "gender", _("không được để trống."))
    elif values["gender"] is None:
        report.add(line, "gender", _("«%(v)s»: ghi «Nam» hoặc «Nữ».") % {"v": gender_text})
    for key in DATE_KEYS:
        day, error = _date(raw.get(key))
        values[key] = day
        if error:
            report.add(line, key, error)
        elif day is None and key != "official_on":
            report.add(line, key, _("không được để trống."))
    return values


def template_workbook(cells) -> Workbook:
    """Tệp mẫu: the columns on the first sheet, instructions and the cells' names and codes on the second."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Đảng viên")
    titles = [str(title) for _key, title, _required in COLUMNS]
    ws.append(titles)
    for index, (_key, _title, required) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True, color="B00000" if required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        ws.column_dimensions[get_column_letter(index)].width = max(16, len(titles[index - 1]) + 4)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["D"].width = 40
    for row in range(2, 502):  # dates typed as text dd/mm/yyyy are kept as typed
        for column in (3, 5, 6, 7):
            ws.cell(row=row, column=column).number_format = "@"
    ws.freeze_panes = "A2"

    help_sheet = wb.create_sheet(_("Hướng dẫn"))
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
    for text in lines:
        help_sheet.append([text])
    help_sheet["A1"].font = Font(bold=True, size=13)
    help_sheet[f"A{len(lines)}"].font = Font(bold=True)
    help_sheet.cell(row=len(lines), column=2, value=_("Tên chi bộ")).font = Font(bold=True)
    for unit in cells:
        help_sheet.append([unit.code, unit.name])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["B"].width = 70
    return wb
