"""Excel export (xuất Excel) with openpyxl: a title, the filters applied, a bold header, sensible widths.

Every exported workbook goes through `workbook_response`, which first neutralises formula injection
(chống chèn công thức): a text such as `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` typed into a project name,
a member's name or a comment must reach the user's Excel as the text it is, never as a live formula.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text starting with one of these is read as a formula (or a DDE command) by a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def build_workbook(
    title: str, header: Sequence[str], rows: Iterable[Sequence], subtitle: str = ""
) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31].replace("/", "-") or "Sheet1"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([subtitle])
    ws["A2"].font = Font(italic=True)
    ws.append(list(header))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            if i < len(widths):
                widths[i] = max(widths[i], min(len(str(v)), 60))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if ws.max_row > header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(header))}{ws.max_row}"
    return wb


def _cell(value):
    """A value Excel can hold: blanks for None; aware date-times in local time (Excel has no zones)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def neutralise_formulas(wb: Workbook) -> int:
    """Make every cell of `wb` that openpyxl would write as a formula, or whose text starts with a formula
    trigger (= + - @ tab CR), a plain text cell: its type is set to text (openpyxl otherwise writes a
    string starting with "=" as a formula) and it carries Excel's "quote prefix" (the hidden apostrophe of
    a text typed as 'text), so the text is shown exactly as stored and stays text if the cell is edited.
    Numbers, dates and blanks are left as they are (a negative number stays a number). Returns the number
    of cells neutralised. Our exports write no formulas of their own."""
    count = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)):
                    if not isinstance(value, str):  # an ArrayFormula or DataTableFormula object
                        value = str(getattr(value, "text", value) or "")
                        cell.value = value
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    count += 1
    return count


def workbook_response(wb: Workbook, filename: str) -> HttpResponse:
    """The workbook as a download; the single way out for every Excel export (formulas neutralised)."""
    neutralise_formulas(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
