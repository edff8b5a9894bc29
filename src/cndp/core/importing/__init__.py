"""Reading a list from Excel (đọc danh sách từ tệp Excel): the plain helpers every import shares.

An app's importer declares its columns (key, title, required) and how a title is recognised, then
`read_sheet` finds the header row in the first rows (titles matched without accents, case or
punctuation), and returns each non-empty row as raw cells by key; the app parses the cells with
`cell_text`, `cell_date` and `parse_amount` and reports each problem as a `RowIssue`, shown as
"Dòng 5, cột «Ngày sinh»: …". `template_workbook` builds the template file with its styled header.
No database and no app-specific columns here.

Every import goes through `read_sheet`, which takes no file on trust (an upload is a hostile input): the
size, the kind of file and what its ZIP unzips to are checked first (`files`), the sheet is streamed
whatever range it declares, reading stops with a message at a run of blank rows or too many rows, and a
formula, an error value, invisible characters or a legacy encoding in any cell is refused with a message
naming the row and the column (`textcheck`).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cndp.core.importing import files, textcheck
from cndp.core.numbers import number as format_number
from cndp.core.text import fold, nfc, parse_day

MAX_ROWS = 5000  # rows of data
HEADER_SEARCH_ROWS = 10  # the header is one of the first rows of the sheet
HEADER_SCAN_ROWS = 200  # how far down, and on which sheet, a header elsewhere is looked for (the message)
MAX_COLUMNS = 100  # columns read in a row; a cell far to the right (XFD) costs nothing
MAX_BLANK_RUN = 1000  # blank rows in a row after which reading stops (the template has 500 formatted rows)
MAX_SHEET_ROWS = 20_000  # rows below the header, blank or not
TEMPLATE_ROWS = 500  # rows of the template whose text columns are formatted as text

# (key, column title, required), in the order of the template file.
Columns = Sequence[tuple[str, str, bool]]


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


# ---- cells ---------------------------------------------------------------------------------------------


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as NFC text: a whole number without ".0", a date as dd/mm/yyyy, blank as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d/%m/%Y")
    return nfc(str(value))


def cell_date(value) -> tuple[datetime.date | None, str | None]:
    """(date, None) from a date cell or dd/mm/yyyy text, (None, None) if blank, or (None, error)."""
    if blank(value):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = nfc(str(value))
    day = parse_day(text) if isinstance(value, str) else None
    if day is not None:
        return day, None
    return None, _("«%(v)s» không phải ngày hợp lệ (dd/mm/yyyy).") % {"v": text}


_DIGITS = re.compile(r"\d+")
_DOT_GROUPS = re.compile(r"\d{1,3}(\.\d{3})+")
_COMMA_GROUPS = re.compile(r"\d{1,3}(,\d{3}){2,}")  # 1,250,000 — at least two groups, never a decimal
_DECIMAL_COMMA = re.compile(r"(\d{1,3}(\.\d{3})*|\d+),(\d+)")
_UNITS = ("vnd", "dong", "d")


def parse_amount(value) -> int | None:
    """A whole number from a cell: a number, or text written the Vietnamese way ("1.250.000.000",
    "1.250.000.000 đồng", "1 250 000 000", "250.000,00"). None if blank. Raises ValueError with the
    reason for anything else (a fraction of a đồng, words, a lone thousands comma such as "1,250")."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError("boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else value
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError("not a whole number")
        return int(number)
    text = fold(str(value)).replace("\u00a0", " ").replace("\u202f", " ")
    for unit in _UNITS:
        if text.endswith(unit) and (len(text) == len(unit) or not text[-len(unit) - 1].isalpha()):
            text = text[: -len(unit)].rstrip(" .")
            break
    text = text.replace(" ", "")
    sign = 1
    if text.startswith(("-", "+")):
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    if _DIGITS.fullmatch(text):
        return sign * int(text)
    if _DOT_GROUPS.fullmatch(text):
        return sign * int(text.replace(".", ""))
    if _COMMA_GROUPS.fullmatch(text):
        return sign * int(text.replace(",", ""))
    match = _DECIMAL_COMMA.fullmatch(text)
    if match and set(match.group(3)) == {"0"}:
        return sign * int(match.group(1).replace(".", ""))
    raise ValueError(text)


# ---- the header ----------------------------------------------------------------------------------------


def _title_words(title: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(title)).split())


def match_column(title, match: Mapping[str, Iterable[str]]) -> str | None:
    """The key a column title stands for, or None. `match` gives each key its alternatives, folded, with
    punctuation as spaces; a title matches an alternative equal to it or followed by more words
    ("Kinh phí khuyến công (đồng)"); the longest alternative wins."""
    words = _title_words(cell_text(title))
    if not words:
        return None
    best, best_length = None, 0
    for key, alternatives in match.items():
        for alternative in alternatives:
            if (words == alternative or words.startswith(alternative + " ")) and len(
                alternative
            ) > best_length:
                best, best_length = key, len(alternative)
    return best


def header_map(row, match: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """{key: column index} of the titles of `row` that `match` recognises (the first column of each)."""
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        key = match_column(value, match)
        if key is not None and key not in found:
            found[key] = index
    return found


# ---- the file ------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """The non-empty rows of a file as (Excel row number, {key: raw cell}), and the problems: of the file
    itself (unreadable, a required column missing, no data, too many rows) and of the cells the reader
    refuses whatever the column (a formula, an error value, invisible characters, a legacy encoding); such
    a cell is passed on as blank and `flagged` holds its (row, key), so that the app does not report it a
    second time as missing."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    flagged: set[tuple[int, str]] = field(default_factory=set)

    def merge(self, issues: Iterable[RowIssue], titles: Mapping[str, str]) -> list[RowIssue]:
        """The app's `issues` less those about a flagged cell, with the reader's, in row order."""
        shadowed = {(line, titles.get(key, "")) for line, key in self.flagged}
        kept = [issue for issue in issues if (issue.line, issue.column) not in shadowed]
        return sorted([*kept, *self.issues], key=lambda issue: issue.line)

    def refuse(self, line: int, message: str) -> Sheet:
        self.issues.append(RowIssue(line, "", message))
        return self


def _visible_worksheets(workbook) -> list:
    """The worksheets a person sees, left to right (a hidden sheet is not "the first sheet")."""
    return [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]


def _rows(ws):
    """The rows of `ws` as cells, whatever range the file declares (its <dimension> can be wrong: A1:G3 on
    a sheet of ten rows), at most MAX_COLUMNS wide."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return ws.iter_rows(max_col=MAX_COLUMNS)


def _find_header(rows, match, anchor: str, limit: int) -> tuple[dict[str, int], int]:
    header: dict[str, int] = {}
    line = 0
    for line, row in enumerate(rows, start=1):
        header = header_map([cell.value for cell in row], match)
        if anchor in header or line >= limit:
            break
    return (header, line) if anchor in header else ({}, line)


def _locate_header(workbook, first, match, anchor: str) -> tuple[str, int] | None:
    """Where the header is when it is not in the first rows of the first sheet: (sheet title, row), looking
    down to HEADER_SCAN_ROWS of each sheet (the first one first)."""
    sheets = [first, *(ws for ws in workbook.worksheets if ws is not first)]
    for ws in sheets:
        header, line = _find_header(_rows(ws), match, anchor, HEADER_SCAN_ROWS)
        if header:
            return ws.title, line
    return None


def _header_problem(workbook, ws, match, anchor: str, required, titles) -> str:
    where = _locate_header(workbook, ws, match, anchor)
    names = ", ".join(f"«{titles[k]}»" for k in required)
    if where is None:
        return _(
            "Không tìm thấy dòng tiêu đề (có cột «%(anchor)s») trong %(n)s dòng đầu của trang «%(sheet)s»: "
            "tệp thiếu cột %(names)s (xem tệp mẫu)."
        ) % {"anchor": titles[anchor], "n": HEADER_SEARCH_ROWS, "sheet": ws.title, "names": names}
    title, line = where
    if title == ws.title:
        return _(
            "Dòng tiêu đề (có cột «%(anchor)s») đang ở dòng %(line)s của trang «%(sheet)s»: tiêu đề phải nằm "
            "trong %(n)s dòng đầu. Hãy xóa bớt các dòng phía trên nó rồi tải lên lại."
        ) % {"anchor": titles[anchor], "line": line, "sheet": title, "n": HEADER_SEARCH_ROWS}
    return _(
        "Danh sách nằm ở trang «%(sheet)s» (tiêu đề ở dòng %(line)s), nhưng hệ thống đọc trang đầu tiên "
        "«%(first)s»: hãy kéo trang «%(sheet)s» lên đầu (hoặc xóa các trang đứng trước), lưu lại rồi tải lên."
    ) % {"sheet": title, "line": line, "first": ws.title}


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def cell_problem(cell) -> str | None:
    """What makes a cell unreadable whatever its column: a formula, an error value, or text with control
    characters, invisible marks or a legacy encoding (`textcheck`)."""
    if cell.data_type == "f":
        formula = getattr(cell.value, "text", cell.value)
        formula = str(formula or "")
        if len(formula) > 40:
            formula = formula[:40] + "…"
        return _(
            "ô chứa công thức «%(f)s», không phải giá trị: hãy chép cột rồi dán đặc biệt «Chỉ giá trị» "
            "(Paste Special → Values) trước khi nhập."
        ) % {"f": formula}
    if cell.data_type == "e":
        return _("ô có lỗi công thức «%(v)s»: hãy sửa công thức hoặc ghi giá trị.") % {"v": cell.value}
    if isinstance(cell.value, str):
        # Excel writes a control character as _xHHHH_, which openpyxl passes on as it is
        text = _OOXML_ESCAPE.sub(lambda match: chr(int(match[1], 16)), cell.value)
        return textcheck.problem(nfc(text))
    return None


def check_upload(upload):
    """For an upload form's `clean_file`: the upload, or ValidationError if it is over the size limit
    (checked again by `read_sheet`, which every import goes through)."""
    problem = files.upload_too_big(upload.size) if upload is not None else None
    if problem:
        raise ValidationError(problem, code="too_big")
    return upload


def read_sheet(
    file,
    *,
    match: Mapping[str, Iterable[str]],
    anchor: str,
    required: Iterable[str],
    titles: Mapping[str, str],
    max_rows: int = MAX_ROWS,
) -> Sheet:
    """Read the first visible sheet of `file` (an uploaded file, a file object or bytes): the header is the
    first row, among the first HEADER_SEARCH_ROWS, with the `anchor` column; each later row that is not
    blank is kept, up to `max_rows`. `titles` names the columns in the messages.

    Hostile files are refused before openpyxl sees them (`files`: size, kind of file, what the ZIP unzips
    to); the sheet is streamed (read-only) whatever range it declares, and reading stops with a message
    after MAX_BLANK_RUN blank rows in a row or MAX_SHEET_ROWS rows in all, so that nothing past that
    point is dropped silently. Whatever goes wrong inside openpyxl becomes a message, never an exception."""
    sheet = Sheet()
    data, problem = files.read_upload(file)
    problem = problem or files.sniff(data)
    if problem:
        return sheet.refuse(0, problem)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a broken file
        return sheet.refuse(0, _broken())
    line = 0
    try:
        visible = _visible_worksheets(workbook)
        if not visible:
            return sheet.refuse(0, _("Tệp không có trang tính nào để đọc (mọi trang đều bị ẩn)."))
        ws = visible[0]
        rows = _rows(ws)
        header, line = _find_header(rows, match, anchor, HEADER_SEARCH_ROWS)
        if not header:
            return sheet.refuse(0, _header_problem(workbook, ws, match, anchor, tuple(required), titles))
        missing = [key for key in required if key not in header]
        if missing:
            names = ", ".join(f"«{titles[k]}»" for k in missing)
            return sheet.refuse(0, _("Tệp thiếu cột %(names)s (xem tệp mẫu).") % {"names": names})
        _read_rows(sheet, rows, header, line, titles, max_rows)
    except Exception:  # a broken part found only while streaming: refuse the whole file
        sheet.rows.clear()
        return sheet.refuse(line, _broken())
    finally:
        workbook.close()
    if not sheet.rows and not sheet.issues:
        sheet.refuse(0, _("Tệp không có dòng dữ liệu nào."))
    return sheet


def _broken() -> str:
    return _(
        "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không đúng định dạng. Hãy mở bằng Excel, lưu lại rồi tải "
        "lên; nếu vẫn lỗi, hãy chép dữ liệu sang tệp mẫu."
    )


def _read_rows(sheet: Sheet, rows, header: dict[str, int], header_line: int, titles, max_rows: int) -> None:
    blank_run = 0
    for line, row in enumerate(rows, start=header_line + 1):
        if line - header_line > MAX_SHEET_ROWS:
            sheet.refuse(
                line,
                _(
                    "Dừng đọc: trang có hơn %(n)s dòng (kể cả dòng trống). Hãy xóa các dòng thừa phía dưới "
                    "dữ liệu hoặc chia thành nhiều tệp."
                )
                % {"n": format_number(MAX_SHEET_ROWS)},
            )
            return
        cells = {key: (row[index] if index < len(row) else None) for key, index in header.items()}
        raw = {key: (cell.value if cell is not None else None) for key, cell in cells.items()}
        if all(blank(v) for v in raw.values()):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                sheet.refuse(
                    line,
                    _(
                        "Dừng đọc: %(n)s dòng trống liên tiếp từ dòng %(start)s (tệp có thể có rất nhiều dòng "
                        "trống được định dạng). Hãy xóa các dòng trống phía dưới dữ liệu (hoặc chuyển dữ liệu "
                        "phía dưới lên), lưu lại rồi tải lên."
                    )
                    % {"n": format_number(MAX_BLANK_RUN), "start": line - MAX_BLANK_RUN + 1},
                )
                return
            continue
        blank_run = 0
        if len(sheet.rows) >= max_rows:
            sheet.refuse(line, _("Tệp có quá %(n)s dòng: hãy chia nhỏ.") % {"n": max_rows})
            return
        for key, cell in cells.items():
            problem = cell_problem(cell) if cell is not None and cell.value is not None else None
            if problem:
                sheet.issues.append(RowIssue(line, titles.get(key, ""), problem))
                sheet.flagged.add((line, key))
                raw[key] = None
        sheet.rows.append((line, raw))


# ---- the template --------------------------------------------------------------------------------------


def template_workbook(
    title: str,
    columns: Columns,
    *,
    help_lines: Iterable[str],
    min_width: int = 14,
    widths: Mapping[str, int] | None = None,
    text_keys: Iterable[str] = (),
    example: Mapping | None = None,
) -> Workbook:
    """Tệp mẫu: a sheet `title` with the column titles (required ones in red) and an optional example row
    in italics, the `text_keys` columns formatted as text so that dates and codes stay as typed; then a
    sheet «Hướng dẫn» with `help_lines`, the first one as its heading. The app adds its lists below."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    keys = [key for key, _title, _required in columns]
    ws.append([str(column_title) for _key, column_title, _required in columns])
    for index, (_key, column_title, required) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True, color="B00000" if required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        ws.column_dimensions[get_column_letter(index)].width = max(min_width, len(str(column_title)) + 4)
    for key, width in (widths or {}).items():
        ws.column_dimensions[get_column_letter(keys.index(key) + 1)].width = width
    if example:
        ws.append([example.get(key, "") for key in keys])
        for index in range(1, len(keys) + 1):
            ws.cell(row=2, column=index).font = Font(italic=True, color="555555")
    positions = [keys.index(key) + 1 for key in text_keys]
    for row in range(2, TEMPLATE_ROWS + 2):
        for position in positions:
            ws.cell(row=row, column=position).number_format = "@"
    ws.freeze_panes = "A2"

    help_sheet = wb.create_sheet(_("Hướng dẫn"))
    for text in help_lines:
        help_sheet.append([text])
    help_sheet["A1"].font = Font(bold=True, size=13)
    return wb
