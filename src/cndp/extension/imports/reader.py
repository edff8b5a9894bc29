"""Reading a list of extension projects from Excel (đọc danh sách đề án khuyến công từ tệp Excel) and the
import report.

Only parsing lives here, with no database, on `core.importing` (which finds the header and reads the
rows): every text NFC-normalised, column titles matched without accents, dates as real dates or dd/mm/yyyy text, amounts as numbers or Vietnamese text "1.250.000.000",
statuses by their Vietnamese label or code, every row and cell checked, problems reported as
"Dòng 5, cột «Kinh phí khuyến công»: …". The service `services.project_import` resolves the references
(programme, province, unit, activity type, trade), adds the checks that need the database and writes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cndp.core import importing
from cndp.core.importing import RowIssue, blank, cell_date, cell_text, parse_amount
from cndp.core.text import fold
from cndp.extension.projects import lifecycle

MIN_YEAR, MAX_YEAR = 1990, 2100
DEFAULT_STATUS = lifecycle.SETTLED

# (key, column title, required) in the order of the template file. The titles are Vietnamese whatever the
# interface language, so that any file can be read back.
COLUMNS: list[tuple[str, str, bool]] = [
    ("code", "Mã đề án", True),
    ("plan_year", "Năm kế hoạch", True),
    ("name", "Tên đề án", True),
    ("programme", "Mã chương trình", False),
    ("province", "Tỉnh/thành phố", True),
    ("implementing_unit", "Đơn vị thực hiện", True),
    ("commune", "Xã/phường", False),
    ("craft_village", "Làng nghề", False),
    ("activity_type", "Nội dung hoạt động", True),
    ("trade", "Ngành nghề", False),
    ("start_date", "Bắt đầu", True),
    ("end_date", "Kết thúc", True),
    ("extension_funds", "Kinh phí khuyến công", True),
    ("counterpart_funds", "Kinh phí đối ứng", False),
    ("approved_funds", "Kinh phí được duyệt", False),
    ("status", "Trạng thái", False),
    ("planned_trainees", "Số học viên", False),
    ("planned_models", "Số mô hình", False),
    ("planned_machines", "Số máy móc", False),
    ("planned_products", "Số sản phẩm", False),
    ("planned_jobs", "Số việc làm", False),
    ("registered_on", "Ngày đăng ký", False),
]
_TITLES = {key: title for key, title, _required in COLUMNS}
REQUIRED = tuple(key for key, _title, required in COLUMNS if required)

# Column titles as matched in a file (core.importing.match_column): folded, punctuation as spaces; the
# longest alternative wins, so "Kinh phí khuyến công được duyệt" is the approved funds, not the extension
# funds.
_MATCH: dict[str, tuple[str, ...]] = {
    "code": ("ma de an", "ma so de an"),
    "plan_year": ("nam ke hoach", "nam"),
    "name": ("ten de an",),
    "programme": ("ma chuong trinh", "chuong trinh"),
    "province": ("tinh thanh pho", "tinh thanh", "tinh tp", "tinh"),
    "implementing_unit": ("don vi thuc hien", "don vi chu tri"),
    "commune": ("xa phuong", "xa"),
    "craft_village": ("lang nghe",),
    "activity_type": ("noi dung hoat dong", "noi dung"),
    "trade": ("nganh nghe",),
    "start_date": ("bat dau", "ngay bat dau", "thoi gian bat dau"),
    "end_date": ("ket thuc", "ngay ket thuc", "thoi gian ket thuc"),
    "extension_funds": ("kinh phi khuyen cong",),
    "counterpart_funds": ("kinh phi doi ung",),
    "approved_funds": ("kinh phi duoc duyet", "kinh phi khuyen cong duoc duyet"),
    "status": ("trang thai", "tinh trang"),
    "planned_trainees": ("so hoc vien", "hoc vien"),
    "planned_models": ("so mo hinh", "mo hinh"),
    "planned_machines": ("so may moc", "may moc"),
    "planned_products": ("so san pham", "san pham"),
    "planned_jobs": ("so viec lam", "viec lam"),
    "registered_on": ("ngay dang ky",),
}
TEXT_KEYS = ("code", "name", "programme", "implementing_unit", "commune", "craft_village", "activity_type")
AMOUNT_KEYS = ("extension_funds", "counterpart_funds", "approved_funds")
COUNT_KEYS = ("planned_trainees", "planned_models", "planned_machines", "planned_products", "planned_jobs")
DATE_KEYS = ("start_date", "end_date", "registered_on")
CODE_MAX_LENGTH = 40


def column_title(key: str) -> str:
    return _TITLES.get(key, "")


@dataclass
class ImportRow:
    line: int
    values: dict
    project: object = None  # the project built (and, once written, saved) by the service


@dataclass
class ImportReport:
    """Kết quả nhập (hoặc chạy thử): the rows read, the errors (nothing is written while there is one) and
    the warnings (historical facts kept as they are, e.g. a funding cap exceeded)."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    filename: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    @property
    def valid(self) -> int:
        """Rows without an error."""
        bad = self.lines_with_errors()
        return sum(1 for row in self.rows if row.line not in bad)

    @property
    def created(self) -> int:
        return len(self.rows) if self.written else 0

    def add(self, line: int, key: str, message: str) -> None:
        self.errors.append(RowIssue(line, column_title(key), str(message)))

    def warn(self, line: int, key: str, message: str) -> None:
        self.warnings.append(RowIssue(line, column_title(key), str(message)))

    def lines_with_errors(self) -> set[int]:
        return {issue.line for issue in self.errors}

    def errors_of(self, line: int) -> list[RowIssue]:
        return [issue for issue in self.errors if issue.line == line]

    def warnings_of(self, line: int) -> list[RowIssue]:
        return [issue for issue in self.warnings if issue.line == line]


# ---- cells ---------------------------------------------------------------------------------------------


def _amount(value) -> tuple[int | None, str | None]:
    try:
        return parse_amount(value), None
    except (ValueError, InvalidOperation):
        return None, _("«%(v)s» không phải số tiền hợp lệ: ghi số đồng, ví dụ 1.250.000.000.") % {
            "v": cell_text(value)
        }


def _year(value) -> tuple[int | None, str | None]:
    if blank(value):
        return None, None
    if isinstance(value, datetime.date):
        return value.year, None
    try:
        year = parse_amount(value)
    except (ValueError, InvalidOperation):
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None, _("«%(v)s» không phải năm hợp lệ (ví dụ 2024).") % {"v": cell_text(value)}
    return year, None


def status_from(text: str) -> str | None:
    """A status from its Vietnamese label or its code, accents and case ignored."""
    wanted = fold(text)
    for code, label in lifecycle.STATUS_LABELS.items():
        if wanted in (fold(label), code):
            return code
    return None


def province_text(value) -> str:
    """A province as typed: a number cell 1 or 1.0 is the code "01"."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return f"{int(value):02d}"
    text = cell_text(value)
    return f"0{text}" if len(text) == 1 and text.isdigit() else text


# ---- the file ------------------------------------------------------------------------------------------


def read_project_rows(file) -> ImportReport:
    """Parse the first sheet: find the header row (the one with «Mã đề án», in the first rows), then read
    and check each non-empty row. Returns a report whose rows hold the parsed values (None where a value
    is wrong) and whose errors name the row and the column."""
    report = ImportReport()
    report.filename = str(getattr(file, "name", "") or "")
    sheet = importing.read_sheet(file, match=_MATCH, anchor="code", required=REQUIRED, titles=_TITLES)
    for line, raw in sheet.rows:
        report.rows.append(ImportRow(line=line, values=parse_row(report, line, raw)))
    report.errors = sheet.merge(report.errors, _TITLES)
    return report


def parse_row(report: ImportReport, line: int, raw: dict) -> dict:
    """The values of one row as Python data; each wrong cell reported. References stay text (the service
    resolves them); the checks that need no database are made here."""
    values: dict = {key: cell_text(raw.get(key)) for key in TEXT_KEYS}
    values["province"] = province_text(raw.get("province"))
    values["trade"] = cell_text(raw.get("trade"))
    for key in ("code", "name", "province", "implementing_unit", "activity_type"):
        if not values[key]:
            report.add(line, key, _("không được để trống."))
    if len(values["code"]) > CODE_MAX_LENGTH:
        report.add(line, "code", _("tối đa %(n)s ký tự.") % {"n": CODE_MAX_LENGTH})

    year, error = _year(raw.get("plan_year"))
    values["plan_year"] = year
    if error:
        report.add(line, "plan_year", error)
    elif year is None:
        report.add(line, "plan_year", _("không được để trống."))

    for key in DATE_KEYS:
        day, error = cell_date(raw.get(key))
        values[key] = day
        if error:
            report.add(line, key, error)
        elif day is None and key in REQUIRED:
            report.add(line, key, _("không được để trống."))

    for key in AMOUNT_KEYS:
        amount, error = _amount(raw.get(key))
        if error:
            report.add(line, key, error)
        elif amount is not None and amount < 0:
            report.add(line, key, _("không được là số âm."))
            amount = None
        elif amount is None and key in REQUIRED:
            report.add(line, key, _("không được để trống."))
        values[key] = amount
    if values["counterpart_funds"] is None and blank(raw.get("counterpart_funds")):
        values["counterpart_funds"] = 0
    extension, approved = values["extension_funds"], values["approved_funds"]
    if extension is not None and approved is not None and approved > extension:
        report.add(
            line,
            "approved_funds",
            _("kinh phí được duyệt không được lớn hơn kinh phí khuyến công đề nghị."),
        )

    for key in COUNT_KEYS:
        count, error = _amount(raw.get(key))
        if error or (count is not None and count < 0):
            report.add(line, key, _("«%(v)s»: ghi một số nguyên không âm.") % {"v": cell_text(raw.get(key))})
            count = None
        values[key] = count or 0

    status_text = cell_text(raw.get("status"))
    values["status"] = status_from(status_text) if status_text else DEFAULT_STATUS
    if values["status"] is None:
        report.add(
            line,
            "status",
            _("«%(v)s» không phải trạng thái đề án (ví dụ «%(example)s»; xem tệp mẫu).")
            % {"v": status_text, "example": lifecycle.label(DEFAULT_STATUS)},
        )

    start, end = values["start_date"], values["end_date"]
    if start and end and end < start:
        report.add(line, "end_date", _("ngày kết thúc phải từ ngày bắt đầu trở đi."))
    elif start and year and start.year != year:
        report.add(
            line, "start_date", _("đề án của kế hoạch năm %(y)s phải bắt đầu trong năm %(y)s.") % {"y": year}
        )
    return values


def example_row(unit_code: str = "") -> dict:
    """The template's example: a 2024 project of the old province of Long An (now part of Tây Ninh)."""
    return {
        "code": "VD2024-80-001",
        "plan_year": 2024,
        "name": "Hỗ trợ ứng dụng máy sấy nông sản tiên tiến tại Hợp tác xã Ví Dụ",
        "programme": "ctkcqg-2021-2025",
        "province": "Tỉnh Long An",
        "implementing_unit": unit_code,
        "commune": "Tân Lập",
        "craft_village": "",
        "activity_type": "machinery",
        "trade": "agro_processing",
        "start_date": "01/03/2024",
        "end_date": "30/11/2024",
        "extension_funds": "250.000.000",
        "counterpart_funds": "350.000.000",
        "approved_funds": "",
        "status": lifecycle.label(DEFAULT_STATUS),
        "planned_machines": 2,
        "planned_jobs": 10,
    }


# ---- the template --------------------------------------------------------------------------------------


def template_workbook(*, programmes=(), activity_types=(), trades=(), units=(), example=None) -> Workbook:
    """Tệp mẫu: the columns and one example row on the first sheet; instructions and the valid codes
    (programmes, activity types, trades, statuses, implementing units) on the second."""
    lines = [
        _("Hướng dẫn nhập danh sách đề án khuyến công đã thực hiện"),
        _(
            "Mỗi dòng một đề án, từ dòng 2 của trang «Đề án». Cột tên đỏ là bắt buộc. Dòng 2 là ví dụ: xóa "
            "hoặc ghi đè trước khi nhập."
        ),
        _(
            "Tỉnh/thành phố: mã hoặc tên theo danh mục có hiệu lực vào năm kế hoạch; mã, tên cũ (63 tỉnh, "
            "thành phố) vẫn được chấp nhận và được quy về tỉnh mới (34) để thống kê."
        ),
        _("Ngày: dd/mm/yyyy (ví dụ 01/03/2024) hoặc ô kiểu ngày. Số tiền: số đồng, ví dụ 1.250.000.000."),
        _("Trạng thái: ghi như cột «Tên» của bảng trạng thái bên dưới; để trống là «%(s)s».")
        % {"s": lifecycle.label(DEFAULT_STATUS)},
        _("Vượt mức hỗ trợ tối đa chỉ là cảnh báo (số liệu đã thực hiện); các lỗi khác phải sửa."),
        _("Hãy bấm «Kiểm tra» trước: không có gì được ghi cho đến khi mọi dòng đều hợp lệ."),
    ]
    wb = importing.template_workbook(
        _("Đề án"),
        COLUMNS,
        help_lines=lines,
        widths=dict.fromkeys(("name", "implementing_unit", "activity_type"), 40),
        text_keys=("code", "province", "start_date", "end_date", "registered_on"),
        example=example,
    )
    help_sheet = wb.worksheets[1]

    def section(title: str, header: tuple[str, ...], rows) -> None:
        help_sheet.append([])
        help_sheet.append([title])
        help_sheet.cell(row=help_sheet.max_row, column=1).font = Font(bold=True, size=12)
        help_sheet.append(list(header))
        for index in range(1, len(header) + 1):
            help_sheet.cell(row=help_sheet.max_row, column=index).font = Font(bold=True)
        for row in rows:
            help_sheet.append(list(row))

    code, name, valid = _("Mã"), _("Tên"), _("Hiệu lực")
    section(
        _("Chương trình khuyến công"),
        (code, name, _("Giai đoạn")),
        ((p.code, p.name, f"{p.phase_start}–{p.phase_end}") for p in programmes),
    )
    section(
        _("Nội dung hoạt động"),
        (code, name, valid),
        ((a.code, a.name, _validity(a)) for a in activity_types),
    )
    section(_("Ngành nghề"), (code, name, valid), ((t.code, t.name, _validity(t)) for t in trades))
    section(
        _("Trạng thái"), (code, name), ((status, lifecycle.label(status)) for status in lifecycle.STATUSES)
    )
    section(_("Đơn vị thực hiện"), (code, name), ((u.code, u.name) for u in units))
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 80
    help_sheet.column_dimensions["C"].width = 26
    return wb


def _validity(record) -> str:
    start = record.valid_from.strftime("%d/%m/%Y")
    end = record.valid_to.strftime("%d/%m/%Y") if record.valid_to else "…"
    return f"{start} – {end}"
