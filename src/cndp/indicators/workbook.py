"""The province's Excel template of a data set for a period (tệp mẫu nhập số liệu) and its upload with a
dry run. The template: Vietnamese headers, the indicators' names, units, the previous period and the same
period last year as locked label cells (the sheet is protected; only the value and comment cells are
open), numbers formatted to each indicator's decimals, and a hidden sheet naming the data set, province
and period so that a file is never loaded into another period. The upload: the file checked before it is
read (core.importing.files), each problem named by row and column, comments converted from NFD, UTF-8
misread, TCVN3 or VNI with the conversion shown (hidden characters, and legacy text that cannot be told
from another reading, refused with how to fix them), and
nothing written unless every row is valid — then all values through `services.values_save` in one
transaction (scope, locking and history as in the grid)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection

from cndp.core.importing import RowIssue, files, textcheck
from cndp.core.services import ServiceError
from cndp.core.text import nfc
from cndp.indicators import legacy, periods, rules, selectors, services
from cndp.indicators.models import DataSet
from cndp.places.models import Province

META_SHEET = "cndp"
HEADER_ROW = 4
COLUMNS = ("stt", "code", "name", "unit", "previous", "last_year", "value", "comment")


def _titles() -> list[str]:
    return [_("STT"), _("Mã chỉ tiêu"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kỳ trước"), _("Cùng kỳ năm trước"),
            _("Giá trị"), _("Giải thích")]  # fmt: skip


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def template(dataset: DataSet, province: Province, period: periods.Period) -> Workbook:
    """Tệp mẫu — the data set's indicators for the province and period, with what is already stored."""
    grid = selectors.entry_grid(dataset, province, period)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Số liệu")
    ws["A1"] = _("%(dataset)s — %(province)s — %(period)s") % {
        "dataset": dataset.name, "province": province.name, "period": period.label,
    }  # fmt: skip
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _("Chỉ nhập vào cột «Giá trị» và «Giải thích»; thay đổi lớn so với kỳ trước phải giải thích.")
    ws["A2"].font = Font(italic=True, color="555555")
    for index, title in enumerate(_titles(), start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row, line in enumerate(grid, start=HEADER_ROW + 1):
        indicator = line.indicator
        number = _number_format(indicator.decimals)
        values = [row - HEADER_ROW, indicator.code, indicator.name, indicator.unit, line.previous, line.last_year,
                  line.value.value if line.value else None, line.value.comment if line.value else ""]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=column, value=value)
            if column in (5, 6, 7):
                cell.number_format = number
            if column in (7, 8):
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor="FFF8DC")
    for letter, width in zip("ABCDEFGH", (6, 14, 48, 16, 16, 18, 16, 48), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.protection.sheet = True  # label cells locked; no password: a guard against slips, not a lock
    meta = wb.create_sheet(META_SHEET)
    meta.append(["dataset", dataset.code])
    meta.append(["province", province.code, province.version])
    meta.append(["period", period.code])
    meta.sheet_state = "hidden"
    return wb


@dataclass
class Conversion:
    line: int
    column: str
    before: str
    after: str
    encoding: str  # NFD, UTF-8, TCVN3, VNI


@dataclass
class UploadResult:
    issues: list[RowIssue] = field(default_factory=list)
    conversions: list[Conversion] = field(default_factory=list)
    entries: dict[str, tuple[Decimal | None, str]] = field(default_factory=dict)
    saved: bool = False


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,5 (Vietnamese)
_PLAIN_COMMA = re.compile(r"^-?\d+,\d+$")  # 1234,5
_PLAIN_POINT = re.compile(r"^-?\d+(\.\d+)?$")  # 1234.5 — unless it could be a thousands group (1.234)


def parse_value(cell) -> Decimal | None:
    """A value cell: a number, or text written the Vietnamese way ("1.234,5", "1234,5") or with a point
    ("1234.5"); None if blank; ValueError with the reason otherwise."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise ValueError(_("không phải là số"))
    if isinstance(cell, int | float):
        return Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
    text = nfc(str(cell)).replace(" ", "").replace("\u00a0", "")
    try:
        if _GROUPED.match(text):
            if "," not in text and re.match(r"^-?\d{1,3}\.\d{3}$", text):
                raise ValueError(_("«%(v)s» có thể là %(a)s hoặc %(b)s: hãy nhập dạng số") % {
                    "v": text, "a": text.replace(".", ""), "b": text.replace(".", ",")})  # fmt: skip
            return Decimal(text.replace(".", "").replace(",", "."))
        if _PLAIN_COMMA.match(text):
            return Decimal(text.replace(",", "."))
        if _PLAIN_POINT.match(text):
            return Decimal(text)
    except InvalidOperation:
        pass
    raise ValueError(_("«%(v)s» không phải là số") % {"v": nfc(str(cell)).strip()})


def _identify(wb, dataset, province, period) -> str | None:
    if META_SHEET not in wb.sheetnames:
        return _("Tệp không phải tệp mẫu của hệ thống: hãy tải tệp mẫu của bộ chỉ tiêu, tỉnh và kỳ này.")
    meta = {row[0]: row[1:] for row in wb[META_SHEET].iter_rows(values_only=True) if row and row[0]}
    got = (
        meta.get("dataset", [None])[0],
        str(meta.get("province", [None])[0]),
        str(meta.get("period", [None])[0]),
    )
    if got != (dataset.code, province.code, period.code):
        return _("Tệp mẫu này của %(dataset)s, tỉnh mã %(province)s, %(period)s — không phải của trang này.") % {
            "dataset": got[0], "province": got[1], "period": _label(got[2])}  # fmt: skip
    return None


def _label(code: str) -> str:
    try:
        return periods.parse(code).label
    except ValueError:
        return _("kỳ %(period)s") % {"period": code}


def _comment(line: int, column: str, cell, result: UploadResult) -> str:
    if cell is None:
        return ""
    text = str(cell)
    converted, how = legacy.convert(text, textcheck.legacy_encoding(text))
    if how:
        result.conversions.append(Conversion(line, column, text, converted, how))
    converted = nfc(converted)
    problem = textcheck.problem(converted)
    if problem:
        result.issues.append(RowIssue(line, column, problem))
    return converted


def grid_upload(
    *, file, dataset: DataSet, province: Province, period: periods.Period, user, dry_run: bool = True
) -> UploadResult:
    """Check an uploaded template (and unless `dry_run`, save its values: all or nothing)."""
    result = UploadResult()
    data, problem = files.read_upload(file)
    problem = problem or files.sniff(data)
    if problem:
        result.issues.append(RowIssue(0, "", problem))
        return result
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        problem = _identify(wb, dataset, province, period)
        if problem:
            result.issues.append(RowIssue(0, "", problem))
            return result
        titles = _titles()
        members = {m.indicator.code: m.indicator for m in dataset.members.select_related("indicator")}
        sheet = wb.worksheets[0]
        for line, cells in enumerate(
            sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True), start=HEADER_ROW + 1
        ):
            cells = tuple(cells) + (None,) * (len(COLUMNS) - len(cells))
            code = str(cells[1]).strip() if cells[1] is not None else ""
            if not code and all(c in (None, "") for c in cells[6:8]):
                continue
            indicator = members.get(code)
            if indicator is None:
                result.issues.append(
                    RowIssue(
                        line, titles[1], _("Không có chỉ tiêu «%(code)s» trong bộ chỉ tiêu.") % {"code": code}
                    )
                )  # noqa: E501
                continue
            if code in result.entries:
                result.issues.append(RowIssue(line, titles[1], _("Chỉ tiêu này đã có ở một dòng trước.")))
                continue
            try:
                value = parse_value(cells[6])
            except ValueError as exc:
                result.issues.append(RowIssue(line, titles[6], str(exc)))
                value = None
            else:
                issue = rules.range_issue(indicator.as_spec(), value) if value is not None else None
                if issue:
                    result.issues.append(RowIssue(line, titles[6], _(issue.message) % dict(issue.params)))
            result.entries[code] = (value, _comment(line, titles[7], cells[7], result))
    finally:
        wb.close()
    if result.issues or dry_run:
        return result
    try:
        with transaction.atomic():
            services.values_save(
                user=user, dataset=dataset, province=province, period=period,
                entries={code: ("" if v is None else v, c) for code, (v, c) in result.entries.items()},
            )  # fmt: skip
    except ServiceError as exc:
        result.issues.append(RowIssue(0, "", str(exc)))
        return result
    result.saved = True
    return result


def template_bytes(dataset: DataSet, province: Province, period: periods.Period) -> bytes:
    buffer = io.BytesIO()
    template(dataset, province, period).save(buffer)
    return buffer.getvalue()
