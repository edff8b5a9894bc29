"""Reading a list from Excel (đọc danh sách từ tệp Excel): the plain helpers every import shares.

An app's importer declares its columns (key, title, required) and how a title is recognised, then
`read_sheet` finds the header row in the first rows (titles matched without accents, case or
punctuation), and returns each non-empty row as raw cells by key; the app parses the cells with
`cell_text`, `cell_date` and `parse_amount` and reports each problem as a `RowIssue`, shown as
"Dòng 5, cột «Ngày sinh»: …". `template_workbook` builds the template file with its styled header.
No database and no app-specific columns here.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cndp.core.text import fold, nfc, parse_day

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
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
    """The non-empty rows of a file as (Excel row number, {key: raw cell}), and the problems of the file
    itself: unreadable, a required column missing, no data, too many rows (reported after the rows)."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)


def read_sheet(
    file,
    *,
    match: Mapping[str, Iterable[str]],
    anchor: str,
    required: Iterable[str],
    titles: Mapping[str, str],
    max_rows: int = MAX_ROWS,
) -> Sheet:
    """Read the first sheet of `file` (an uploaded file, a file object or bytes): the header is the first
    row, among the first HEADER_SEARCH_ROWS, with the `anchor` column; each later row that is not blank is
    kept, up to `max_rows`. `titles` names the columns in the message about missing ones."""
    sheet = Sheet()
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a file that is not .xlsx
        sheet.issues.append(RowIssue(0, "", _("Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu.")))
        return sheet
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header: dict[str, int] = {}
        header_line = 0
        for header_line, row in enumerate(rows, start=1):
            header = header_map(row or (), match)
            if anchor in header or header_line >= HEADER_SEARCH_ROWS:
                break
        missing = [key for key in required if key not in header]
        if missing:
            names = ", ".join(f"«{titles[k]}»" for k in missing)
            sheet.issues.append(
                RowIssue(0, "", _("Tệp thiếu cột %(names)s (xem tệp mẫu).") % {"names": names})
            )
            return sheet
        for line, row in enumerate(rows, start=header_line + 1):
            row = tuple(row or ())
            raw = {key: (row[index] if index < len(row) else None) for key, index in header.items()}
            if all(blank(v) for v in raw.values()):
                continue
            if len(sheet.rows) >= max_rows:
                sheet.issues.append(
                    RowIssue(line, "", _("Tệp có quá %(n)s dòng: hãy chia nhỏ.") % {"n": max_rows})
                )
                break
            sheet.rows.append((line, raw))
    finally:
        workbook.close()
    if not sheet.rows and not sheet.issues:
        sheet.issues.append(RowIssue(0, "", _("Tệp không có dòng dữ liệu nào.")))
    return sheet


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
