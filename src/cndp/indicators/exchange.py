"""The exchange file of indicator values (tệp trao đổi số liệu), as the contract `cndp indicators`
fixes it: CSV (UTF-8, comma, header row) or XLSX (first sheet, header row) with the columns `indicator`,
`period`, `province`, `value` and an optional `comment`, in any order (other columns ignored).

Reading streams (openpyxl read-only, the csv module): memory does not grow with the rows. The file is
checked before it is parsed (core.importing.files: what it really is; for a workbook, the parts openpyxl
parses whole must stay small — a "ZIP bomb" of shared strings is refused). Writing streams too
(`write_xlsx` / `write_csv`, used by the benchmark and the exports)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from cndp.core.excel import FORMULA_TRIGGERS
from cndp.core.importing import files

COLUMNS = ("indicator", "period", "province", "value", "comment")
REQUIRED = ("indicator", "period", "province", "value")
XLSX_MAX_MEMBERS = files.MAX_ZIP_MEMBERS
XLSX_MAX_PARSED_PART = files.MAX_PARSED_PART_BYTES


class FileProblem(Exception):
    """The file cannot be read as an exchange file; the message is for the user."""


def _workbook_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return _("Không đọc được tệp: tệp .xlsx bị hỏng.")
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        return _("Không đọc được tệp: tệp nén này không phải tệp Excel .xlsx.")
    if any(m.flag_bits & 0x1 for m in members):
        return _("Không đọc được tệp: tệp nén được đặt mật khẩu.")
    parsed = [m for m in members if not m.filename.startswith(("xl/worksheets/", "xl/media/"))]
    if len(members) > XLSX_MAX_MEMBERS or any(m.file_size > XLSX_MAX_PARSED_PART for m in parsed):
        return _(
            "Tệp không được đọc để bảo vệ hệ thống: một phần của tệp khi giải nén quá lớn. Hãy ghi giá trị "
            "dạng số hoặc chép vùng dữ liệu sang một tệp mới."
        )
    return None


def _header(cells) -> dict[str, int]:
    """Column name → index, for the contract's columns present (exact names; the first wins)."""
    out: dict[str, int] = {}
    for i, cell in enumerate(cells or ()):
        name = cell.strip() if isinstance(cell, str) else cell
        if name in COLUMNS and name not in out:
            out[name] = i
    return out


def _rows_below_header(max_row) -> int | None:
    """The sheet's stated size (its dimension), less the header: the progress bar's total, not a limit."""
    return max(0, max_row - 1) if isinstance(max_row, int) and max_row > 0 else None


def _lines_below_header(path: Path) -> int | None:
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return None
    return max(0, lines + (last != b"\n") - 1)


class ExchangeFile:
    """An open exchange file: `header` (column → index) and `rows()` — (line, cells) from line 2, blank
    lines skipped. Use as a context manager (the workbook or the text file is closed on exit)."""

    estimated_rows: int | None = None  # rows below the header as the file states them (progress only)

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._close = []
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(8)
        except OSError as exc:
            raise FileProblem(_("Không mở được tệp %(name)s.") % {"name": self.path.name}) from exc
        if head.startswith(files.ZIP_MAGIC):
            problem = _workbook_problem(self.path)
            if problem:
                raise FileProblem(problem)
            workbook = load_workbook(self.path, read_only=True, data_only=True)
            self._close.append(workbook.close)
            sheet = workbook.worksheets[0]
            self._iter = sheet.iter_rows(values_only=True)
            self.estimated_rows = _rows_below_header(sheet.max_row)
        elif head.startswith(files.OLE2_MAGIC):
            raise FileProblem(
                _("Không đọc được tệp: đây là tệp Excel cũ (.xls). Hãy lưu thành .xlsx hoặc CSV.")
            )
        else:
            handle = open(self.path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed on exit)
            self._close.append(handle.close)
            self._iter = csv.reader(handle)
            self.estimated_rows = _lines_below_header(self.path)
        try:
            self.header = _header(next(self._iter, None))
        except UnicodeDecodeError as exc:
            raise FileProblem(_("Không đọc được tệp CSV: tệp phải ở bảng mã UTF-8.")) from exc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for close in self._close:
            close()
        self._close = []

    @property
    def missing(self) -> list[str]:
        return [c for c in REQUIRED if c not in self.header]

    def rows(self) -> Iterator[tuple[int, tuple]]:
        line = 1
        try:
            for cells in self._iter:
                line += 1
                if cells and cells[0] is not None and cells[0] != "":
                    yield line, cells  # the common case, decided on the first cell
                elif cells and any(
                    c is not None and not (isinstance(c, str) and not c.strip()) for c in cells
                ):
                    yield line, cells
        except UnicodeDecodeError as exc:
            raise FileProblem(
                _("Không đọc được tệp CSV ở dòng %(line)s: tệp phải ở bảng mã UTF-8.") % {"line": line + 1}
            ) from exc


def _text_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def write_xlsx(path: str | Path, rows: Iterable[tuple], columns: tuple[str, ...] = COLUMNS) -> None:
    """A write-only (streamed) exchange workbook; text cells that would be formulas are written as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("values")
    sheet.append(list(columns))
    for row in rows:
        sheet.append(
            [
                _text_cell(sheet, c) if isinstance(c, str) and c.startswith(FORMULA_TRIGGERS) else c
                for c in row
            ]
        )
    workbook.save(path)


def write_csv(handle: io.TextIOBase, rows: Iterable[tuple], columns: tuple[str, ...] = COLUMNS) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
