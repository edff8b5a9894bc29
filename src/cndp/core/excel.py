"""Excel export (xuất Excel) with openpyxl: a title, the filters applied, a bold header, sensible widths.

Two ways out, both neutralising formula injection (chống chèn công thức): a text such as `=HYPERLINK(…)`
or `=cmd|' /C calc'!A0` typed into a project name, a member's name or a comment must reach the user's
Excel as the text it is, never as a live formula.

- `stream_workbook` (a list of any length: every registry list): the rows, read from a query iterator,
  go one by one into an openpyxl write-only worksheet whose XML is compressed straight into the zip sent
  to the client (a `StreamingHttpResponse`): the first bytes leave before the last row is read, and the
  memory used does not depend on the number of rows (strings are written inline, no shared-string table).
- `workbook_response` (a workbook built in memory: reports of a bounded size).
"""

from __future__ import annotations

import datetime
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text starting with one of these is read as a formula (or a DDE command) by a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(italic=True)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
MAX_WIDTH = 60
# A streamed sheet's column widths are written before its rows: they are measured on the first rows.
WIDTH_SAMPLE_ROWS = 200
# Rows compressed between two chunks sent to the client.
STREAM_CHUNK_ROWS = 500


def build_workbook(
    title: str, header: Sequence[str], rows: Iterable[Sequence], subtitle: str = ""
) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31].replace("/", "-") or "Sheet1"
    ws.append([title])
    ws["A1"].font = TITLE_FONT
    ws.append([subtitle])
    ws["A2"].font = SUBTITLE_FONT
    ws.append(list(header))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(values)
        _widen(widths, values)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if ws.max_row > header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(header))}{ws.max_row}"
    return wb


def _widen(widths: list[int], values: Sequence) -> None:
    for i, v in enumerate(values):
        if i < len(widths):
            widths[i] = max(widths[i], min(len(str(v)), MAX_WIDTH))


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


# ---- streaming -----------------------------------------------------------------------------------------


class _Sink:
    """The zip's output: bytes written by `zipfile` wait here until the generator hands them on."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


class _StreamedSheetWriter(ExcelWriter):
    """openpyxl's workbook writer for a write-only sheet already written into the archive: it adds the
    other parts (styles, workbook, relations, content types) and leaves the sheet's XML where it is."""

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        ws._rels = ws._writer._rels
        self.manifest.append(ws)


def _safe(ws, value):
    """A row value for the write-only sheet; a text read as a formula becomes a quoted text cell (the
    same neutralising as `neutralise_formulas`, done as the row is written)."""
    value = _cell(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _styled(ws, value, **style):
    cell = WriteOnlyCell(ws, _cell(value))
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    for name, spec in style.items():
        setattr(cell, name, spec)
    return cell


def workbook_chunks(
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    subtitle: str = "",
    chunk_rows: int = STREAM_CHUNK_ROWS,
) -> Iterator[bytes]:
    """The .xlsx file of `rows` as a sequence of byte chunks, produced while `rows` is read: the same
    sheet as `build_workbook` (title, subtitle, styled header, widths, frozen header, filter buttons)."""
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = [len(str(h)) for h in header]
    for row in sample:
        _widen(widths, [_cell(v) for v in row])

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31].replace("/", "-") or "Sheet1")
    ws._id = 1  # the part name (xl/worksheets/sheet1.xml), as openpyxl's writer numbers it
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
    header_row = 3
    ws.freeze_panes = f"A{header_row + 1}"

    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
    part = archive.open(ws.path[1:], "w", force_zip64=True)
    ws._writer = WorksheetWriter(ws, out=part)
    ws._writer.write_top()
    ws.append([_styled(ws, title, font=TITLE_FONT)])
    ws.append([_styled(ws, subtitle, font=SUBTITLE_FONT)])
    ws.append(
        [_styled(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT) for h in header]
    )
    last_row = header_row
    for n, row in enumerate(itertools.chain(sample, rows), start=1):
        ws.append([_safe(ws, v) for v in row])
        last_row += 1
        if n % chunk_rows == 0 or n == 1:
            data = sink.take()
            if data:
                yield data
    if last_row > header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(header))}{last_row}"
    ws.close()  # the rest of the sheet's XML (filter, margins)
    part.close()
    _StreamedSheetWriter(wb, archive).save()  # the other parts, then the zip's central directory
    yield sink.take()


class XlsxStreamingResponse(StreamingHttpResponse):
    """An .xlsx download streamed as it is written. `content` reads the whole stream (for tests and
    callers that want the bytes; a client reads `streaming_content`)."""

    @property
    def content(self) -> bytes:
        if not hasattr(self, "_read_content"):
            self._read_content = b"".join(self.streaming_content)
        return self._read_content


def stream_workbook(
    title: str, header: Sequence[str], rows: Iterable[Sequence], filename: str, subtitle: str = ""
) -> XlsxStreamingResponse:
    """The rows as an Excel download streamed to the client (formulas neutralised); the way out for a
    list whose length has no bound. Give `rows` as an iterator (a query's `.iterator(chunk_size=…)`)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = XlsxStreamingResponse(workbook_chunks(title, header, rows, subtitle), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
