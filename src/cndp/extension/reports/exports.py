"""The extension report as the page's tables, an Excel workbook and a formal PDF report (báo cáo kết quả
thực hiện kế hoạch khuyến công quốc gia 6 tháng / năm), all from one `report_selectors.Report`, with one
list of columns, so that the page, the workbook and the document always show the same figures.

Money is shown in millions of đồng (Đơn vị tính: triệu đồng) everywhere; the workbook keeps the exact
value (đồng ÷ 1.000.000) in each cell and shows it with one decimal."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cndp.core.pdf import render_pdf
from cndp.extension.reports import rules as reports
from cndp.extension.reports.selectors import BY_ACTIVITY, BY_PROGRAMME, BY_PROVINCE, BY_REGION, Report
from cndp.extension.templatetags.extension_report import million, number, percent
from cndp.places.choices import RegionGrouping

COUNT, MONEY, PERCENT = "count", "money", "percent"
EXCEL_FORMATS = {COUNT: "#,##0", MONEY: "#,##0.0", PERCENT: "0.0%"}
AGENCY = ("BỘ CÔNG THƯƠNG", "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")  # settings.CNDP_AGENCY overrides it
AGENCY_PLACE = "Hà Nội"

GROUP_LABELS = {
    BY_PROVINCE: gettext_lazy("Tỉnh, thành phố"),
    BY_REGION: gettext_lazy("Vùng"),
    BY_ACTIVITY: gettext_lazy("Nội dung hoạt động"),
    BY_PROGRAMME: gettext_lazy("Chương trình"),
}
GROUP_TITLES = {
    BY_PROVINCE: gettext_lazy("theo tỉnh, thành phố"),
    BY_REGION: gettext_lazy("theo vùng"),
    BY_ACTIVITY: gettext_lazy("theo nội dung hoạt động"),
    BY_PROGRAMME: gettext_lazy("theo chương trình"),
}


@dataclass(frozen=True)
class Column:
    name: str  # a field or property of reports.Figures
    label: str
    kind: str
    group: str = ""  # the header above several columns

    def value(self, figures: reports.Figures):
        return getattr(figures, self.name)


def main_columns() -> list[Column]:
    reg, sel, appr, paid = _("Đăng ký"), _("Lựa chọn"), _("Phê duyệt"), _("Giải ngân")
    return [
        Column("registered", _("Số đề án"), COUNT, reg),
        Column("requested", _("Kinh phí đề nghị"), MONEY, reg),
        Column("selected", _("Số đề án được lựa chọn"), COUNT, sel),
        Column("approved", _("Số đề án"), COUNT, appr),
        Column("approved_funds", _("Kinh phí khuyến công được duyệt"), MONEY, appr),
        Column("counterpart", _("Vốn đối ứng"), MONEY, appr),
        Column("disbursed", _("Đã cấp"), MONEY, paid),
        Column("disbursement_rate", _("Tỷ lệ so với được duyệt"), PERCENT, paid),
    ]


def output_columns() -> list[Column]:
    out, run = _("Kết quả đầu ra đạt được"), _("Tình hình thực hiện")
    return [
        Column("trainees", _("Lượt người được đào tạo"), COUNT, out),
        Column("models", _("Mô hình trình diễn"), COUNT, out),
        Column("machines", _("Máy móc, thiết bị"), COUNT, out),
        Column("products", _("Sản phẩm được chứng nhận"), COUNT, out),
        Column("jobs", _("Việc làm mới"), COUNT, out),
        Column("settled", _("Đề án đã quyết toán"), COUNT, run),
        Column("overdue_reports", _("Báo cáo tiến độ quá hạn"), COUNT, run),
    ]


def header_groups(columns: list[Column]) -> list[tuple[str, int]]:
    """The first header row: each group with the number of columns under it."""
    groups: list[tuple[str, int]] = []
    for column in columns:
        if groups and groups[-1][0] == column.group:
            groups[-1] = (column.group, groups[-1][1] + 1)
        else:
            groups.append((column.group, 1))
    return groups


# ---- titles and wording ------------------------------------------------------------------------------------


def period_words(period: str, year: int) -> str:
    """'6 tháng đầu năm 2027' / 'năm 2027' (the year is never localised: no '2.027')."""
    if period == reports.HALF_YEAR:
        return _("6 tháng đầu năm %(year)s") % {"year": str(year)}
    return _("năm %(year)s") % {"year": str(year)}


def subject_head() -> str:
    return _("Kết quả thực hiện kế hoạch khuyến công quốc gia")


def change_words(growth) -> str:
    """Growth in words: 'tăng 3,0 %', 'giảm 1,4 %', 'không đổi'."""
    rounded = reports.rounded(growth)
    if rounded is None:
        return _("không có số liệu năm trước để so sánh")
    if rounded == 0:
        return _("không đổi")
    if rounded > 0:
        return _("tăng %(p)s") % {"p": percent(rounded)}
    return _("giảm %(p)s") % {"p": percent(-rounded)}


def report_subject(report: Report) -> str:
    """'Kết quả thực hiện kế hoạch khuyến công quốc gia năm 2027' (what the report is about)."""
    return f"{subject_head()} {period_words(report.period, report.year)}"


def report_title(report: Report) -> str:
    """'BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA NĂM 2027'."""
    return (_("Báo cáo %(subject)s") % {"subject": report_subject(report)}).upper()


def scope_words(report: Report) -> str:
    if report.province_name:
        return _("trên địa bàn %(province)s") % {"province": report.province_name}
    return _("toàn quốc")


def units_words(report: Report) -> str:
    if report.by not in (BY_PROVINCE, BY_REGION):
        return ""
    if report.rollup:
        words = _("tỉnh, thành phố quy về 34 đơn vị hành chính hiện nay")
    else:
        words = _("tỉnh, thành phố theo đơn vị hành chính tại thời điểm lập kế hoạch")
    if report.by == BY_REGION and report.region_grouping:
        label = dict(RegionGrouping.choices).get(report.region_grouping, report.region_grouping)
        words = _("%(units)s; cách phân vùng: %(grouping)s") % {
            "units": words,
            "grouping": str(label).lower(),
        }
    return words


def cutoff_words(report: Report) -> str:
    return _("Kinh phí đã cấp tính đến ngày %(day)s") % {"day": report.period_end.strftime("%d/%m/%Y")}


def table_title(report: Report) -> str:
    return _("Kết quả đăng ký, phê duyệt và giải ngân %(by)s") % {"by": GROUP_TITLES[report.by]}


def outputs_title(report: Report) -> str:
    return _("Kết quả đầu ra và tình hình thực hiện %(by)s") % {"by": GROUP_TITLES[report.by]}


def total_label(report: Report) -> str:
    if report.by == BY_REGION:
        return _("Toàn quốc") if not report.province_name else _("Tổng cộng")
    return _("Tổng cộng")


def region_total_note(report: Report) -> str:
    """Why the regions do not add up to the country: said plainly, with the figures when they overlap."""
    table = report.table
    regions_sum = sum(row.figures.registered for row in table.rows)
    if regions_sum > table.total.registered:
        return _(
            "Một tỉnh, thành phố có thể thuộc nhiều vùng: số liệu của tỉnh, thành phố đó được tính vào mỗi vùng, "
            "nên cộng các vùng (%(regions)s đề án) lớn hơn tổng cả nước (%(total)s đề án). Dòng «%(label)s» "
            "tính mỗi đề án một lần."
        ) % {
            "regions": number(regions_sum),
            "total": number(table.total.registered),
            "label": total_label(report),
        }
    return _(
        "Dòng «%(label)s» tính mỗi đề án một lần, không phải cộng các vùng: một tỉnh, thành phố có thể thuộc "
        "nhiều vùng hoặc không thuộc vùng nào."
    ) % {"label": total_label(report)}


def table_notes(report: Report) -> list[str]:
    notes = []
    if "region_total" in report.table.notes:
        notes.append(region_total_note(report))
    if "region_partial" in report.table.notes:
        notes.append(
            _(
                "(*) Vùng có tỉnh, thành phố (danh mục 34) chỉ một phần thuộc vùng; số liệu của tỉnh, thành phố "
                "đó được tính toàn bộ vào vùng."
            )
        )
    notes.append(
        _(
            "Trạng thái đề án, kết quả đầu ra và báo cáo tiến độ tính theo số liệu hiện tại; kỳ báo cáo 6 tháng "
            "tính đến 30/6, kỳ năm đến 31/12."
        )
    )
    return notes


# ---- the page's and the PDF's tables -----------------------------------------------------------------------


def _display(kind: str, value) -> str:
    if kind == MONEY:
        return million(value)
    if kind == PERCENT:
        return percent(value)
    return number(value)


def table_rows(report: Report, columns: list[Column]) -> dict:
    """Rows of displayed cells (strings), with the raw values kept for sorting and tests."""
    body = []
    for n, row in enumerate(report.table.rows, start=1):
        label = f"{row.label} (*)" if row.partial else row.label
        body.append(
            {
                "n": n,
                "label": label,
                "group": row.group,
                "key": row.key,
                "code": row.code,
                "cells": [_display(c.kind, c.value(row.figures)) for c in columns],
            }
        )
    return {
        "columns": columns,
        "groups": header_groups(columns),
        "rows": body,
        "total_label": total_label(report),
        "total": [_display(c.kind, c.value(report.total)) for c in columns],
    }


def chart_data(report: Report) -> dict:
    """The bar chart by province (json_script): registered vs approved vs disbursed, millions of đồng."""
    rows = report.chart.rows

    def series(name):
        return [float(reports.millions(getattr(r.figures, name))) for r in rows]

    return {
        "labels": [r.label for r in rows],
        "unit": _("triệu đồng"),
        "series": [
            {"name": _("Kinh phí đề nghị"), "data": series("requested")},
            {"name": _("Kinh phí được duyệt"), "data": series("approved_funds")},
            {"name": _("Đã cấp"), "data": series("disbursed")},
        ],
    }


def headline(report: Report) -> list[dict]:
    """The headline figures: a label, the number, its unit, and a line under it."""
    t = report.total
    last = report.years[-1] if report.years and report.years[-1].year == report.year else None
    growth = last.registered_growth if last else None
    items = [
        {
            "id": "registered",
            "label": _("Đề án đăng ký"),
            "value": number(t.registered),
            "unit": pgettext("unit of a count", "đề án"),
            "note": _("%(money)s triệu đồng đề nghị") % {"money": million(t.requested)}
            + (
                _("; số đề án %(change)s so với năm trước") % {"change": change_words(growth)}
                if growth is not None
                else ""
            ),
        },
        {
            "id": "selected",
            "label": _("Được lựa chọn"),
            "value": number(t.selected),
            "unit": pgettext("unit of a count", "đề án"),
            "note": _("%(money)s triệu đồng; %(rate)s số đăng ký")
            % {"money": million(t.selected_funds), "rate": percent(t.selection_rate)},
        },
        {
            "id": "approved",
            "label": _("Được phê duyệt"),
            "value": number(t.approved),
            "unit": pgettext("unit of a count", "đề án"),
            "note": _("%(money)s triệu đồng kinh phí khuyến công") % {"money": million(t.approved_funds)}
            + (
                _("; %(share)s kinh phí được giao") % {"share": percent(report.fund_share)}
                if report.fund
                else ""
            ),
        },
        {
            "id": "disbursed",
            "label": _("Đã cấp"),
            "value": million(t.disbursed),
            "unit": _("triệu đồng"),
            "note": _("%(rate)s kinh phí được duyệt; đến %(day)s")
            % {"rate": percent(t.disbursement_rate), "day": report.period_end.strftime("%d/%m/%Y")},
        },
        {
            "id": "counterpart",
            "label": _("Vốn đối ứng huy động"),
            "value": million(t.counterpart),
            "unit": _("triệu đồng"),
            "note": _("%(rate)s tổng vốn các đề án được duyệt") % {"rate": percent(t.counterpart_ratio)},
        },
        {
            "id": "settled",
            "label": _("Đã quyết toán"),
            "value": number(t.settled),
            "unit": pgettext("unit of a count", "đề án"),
            "note": _("%(n)s báo cáo tiến độ quá hạn") % {"n": number(t.overdue_reports)},
        },
    ]
    return items


# ---- Excel ---------------------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def _excel_value(kind: str, value):
    if value is None:
        return None
    if kind == MONEY:
        return float(reports.millions(value))
    if kind == PERCENT:
        return float(value) / 100
    return int(value)


def _sheet_title(ws, report: Report, title: str, lines: list[str]) -> int:
    ws.append([title])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=13)
    for line in lines:
        ws.append([line])
        ws.cell(row=ws.max_row, column=1).font = Font(italic=True)
    ws.append([])
    return ws.max_row


def _header(ws, columns: list[Column], lead: list[str]) -> None:
    """Two header rows: the lead columns merged down, each group merged across its columns."""
    ws.append(lead + [c.group for c in columns])
    top = ws.max_row  # (not max_row + 1 before appending: an empty row appended before has no cells)
    ws.append([""] * len(lead) + [c.label for c in columns])
    for i in range(1, len(lead) + 1):
        ws.merge_cells(start_row=top, start_column=i, end_row=top + 1, end_column=i)
    col = len(lead) + 1
    for _group, span in header_groups(columns):
        if span > 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + span - 1)
        col += span
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=len(lead) + len(columns)):
        for cell in row:
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[top + 1].height = 45


def _grouped_sheet(wb: Workbook, report: Report, name: str, title: str, columns: list[Column]) -> None:
    ws = wb.create_sheet(name)
    lines = [capfirst(scope_words(report)), cutoff_words(report), _("Đơn vị tính: triệu đồng")]
    if units_words(report):
        lines.insert(1, capfirst(units_words(report)))
    _sheet_title(ws, report, title, lines)
    lead = [_("STT"), str(GROUP_LABELS[report.by])]
    _header(ws, columns, lead)
    first_data = ws.max_row + 1
    for n, row in enumerate(report.table.rows, start=1):
        label = f"{row.label} (*)" if row.partial else row.label
        ws.append([n, label] + [_excel_value(c.kind, c.value(row.figures)) for c in columns])
    ws.append(["", total_label(report)] + [_excel_value(c.kind, c.value(report.total)) for c in columns])
    total_row = ws.max_row
    for row in ws.iter_rows(min_row=first_data, max_row=total_row, max_col=len(lead) + len(columns)):
        for i, cell in enumerate(row):
            cell.border = _BOX
            if i >= len(lead):
                cell.number_format = EXCEL_FORMATS[columns[i - len(lead)].kind]
            if cell.row == total_row:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
    for note in table_notes(report):
        ws.append([note])
        ws.cell(row=ws.max_row, column=1).font = Font(italic=True, size=9)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 44 if report.by != BY_PROVINCE else 22
    for i in range(len(lead) + 1, len(lead) + len(columns) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 15
    ws.freeze_panes = ws.cell(row=first_data, column=len(lead) + 1)


def report_workbook(report: Report) -> Workbook:
    """The report as a workbook: a sheet per section, Vietnamese headers, exact values with formats."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    title = report_title(report)
    _sheet_title(
        ws,
        report,
        title,
        [capfirst(scope_words(report)), cutoff_words(report), _("Đơn vị tính: triệu đồng")],
    )
    lead = [_("Chỉ tiêu"), _("Giá trị"), _("Đơn vị tính")]
    ws.append(lead)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BOX
    t = report.total
    lines = [
        (_("Số đề án đăng ký"), t.registered, COUNT, pgettext("unit of a count", "đề án")),
        (_("Kinh phí khuyến công đề nghị"), t.requested, MONEY, _("triệu đồng")),
        (_("Số đề án được lựa chọn"), t.selected, COUNT, pgettext("unit of a count", "đề án")),
        (_("Số đề án được phê duyệt"), t.approved, COUNT, pgettext("unit of a count", "đề án")),
        (_("Kinh phí khuyến công được duyệt"), t.approved_funds, MONEY, _("triệu đồng")),
    ]
    if report.fund:
        lines += [
            (_("Kinh phí khuyến công quốc gia được giao"), report.fund, MONEY, _("triệu đồng")),
            (_("Tỷ lệ kinh phí được duyệt / được giao"), report.fund_share, PERCENT, "%"),
        ]
    lines += [
        (_("Vốn đối ứng của các đề án được duyệt"), t.counterpart, MONEY, _("triệu đồng")),
        (_("Kinh phí đã cấp"), t.disbursed, MONEY, _("triệu đồng")),
        (_("Tỷ lệ đã cấp / được duyệt"), t.disbursement_rate, PERCENT, "%"),
        (_("Số đề án đã quyết toán"), t.settled, COUNT, pgettext("unit of a count", "đề án")),
        (_("Báo cáo tiến độ quá hạn"), t.overdue_reports, COUNT, _("báo cáo")),
    ]
    for label, value, kind, unit in lines:
        ws.append([label, _excel_value(kind, value), unit])
        ws.cell(row=ws.max_row, column=2).number_format = EXCEL_FORMATS[kind]
        for cell in ws[ws.max_row]:
            cell.border = _BOX
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 14

    by_label = str(GROUP_LABELS[report.by])
    _grouped_sheet(wb, report, by_label[:31].replace(",", ""), table_title(report), main_columns())
    _grouped_sheet(wb, report, _("Kết quả đầu ra"), outputs_title(report), output_columns())

    ws = wb.create_sheet(_("Đăng ký theo năm"))
    _sheet_title(
        ws,
        report,
        _("Đề án đăng ký qua các năm"),
        [capfirst(scope_words(report)), _("Đơn vị tính: triệu đồng")],
    )
    head = [
        _("Năm kế hoạch"),
        _("Số đề án đăng ký"),
        _("Tăng, giảm so với năm trước"),
        _("Kinh phí đề nghị"),
        _("Tăng, giảm so với năm trước"),
        _("Số đề án được phê duyệt"),
        _("Kinh phí được duyệt"),
    ]
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    kinds = [None, COUNT, PERCENT, MONEY, PERCENT, COUNT, MONEY]
    for p in report.years:
        values = [
            p.year,
            p.registered,
            p.registered_growth,
            p.requested,
            p.requested_growth,
            p.approved,
            p.approved_funds,
        ]
        ws.append([p.year] + [_excel_value(k, v) for k, v in zip(kinds[1:], values[1:], strict=True)])
        for i, cell in enumerate(ws[ws.max_row]):
            cell.border = _BOX
            if kinds[i]:
                cell.number_format = EXCEL_FORMATS[kinds[i]]
    ws.append([_("Ô trống: năm trước không có đề án, không tính được tăng, giảm.")])
    ws.cell(row=ws.max_row, column=1).font = Font(italic=True, size=9)
    for i, width in enumerate((14, 16, 18, 18, 18, 18, 18), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    ws = wb.create_sheet(_("Chỉ tiêu giai đoạn"))
    _sheet_title(
        ws,
        report,
        _("Tiến độ thực hiện chỉ tiêu giai đoạn của chương trình"),
        [
            capfirst(scope_words(report)),
            _("Đạt được: các đề án của chương trình từ đầu giai đoạn đến năm %(year)s")
            % {"year": str(report.year)},
        ],
    )
    head = [
        _("Chương trình"),
        _("Giai đoạn"),
        _("Chỉ tiêu"),
        _("Mục tiêu giai đoạn"),
        _("Đạt được đến năm %(year)s") % {"year": str(report.year)},
        _("Trong đó năm %(year)s") % {"year": str(report.year)},
        _("Tỷ lệ hoàn thành"),
    ]
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for t in report.targets:
        ws.append(
            [
                t.programme,
                t.phase,
                t.label,
                t.target,
                t.achieved,
                t.achieved_in_year,
                _excel_value(PERCENT, t.percent),
            ]
        )
        for i, cell in enumerate(ws[ws.max_row]):
            cell.border = _BOX
            cell.number_format = {3: "#,##0", 4: "#,##0", 5: "#,##0", 6: "0.0%"}.get(i, "General")
    if not report.targets:
        ws.append([_("Chương trình của năm này chưa có chỉ tiêu giai đoạn.")])
    for i, width in enumerate((48, 12, 40, 14, 16, 14, 14), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return wb


# ---- PDF -----------------------------------------------------------------------------------------------------


def _issuer(report: Report) -> dict:
    if report.province_name:
        return {
            "upper": _("UBND %(province)s") % {"province": report.province_name.upper()},
            "name": _("SỞ CÔNG THƯƠNG"),
            "number": _("Số:      /BC-SCT"),
            "place": report.province_name.removeprefix("Thành phố ").removeprefix("Tỉnh "),
            "signer": _("GIÁM ĐỐC"),
            "recipients": [
                _("Bộ Công Thương (Cục Công nghiệp địa phương);"),
                _("Ủy ban nhân dân %(province)s (để báo cáo);") % {"province": report.province_name},
                _("Lưu: VT, QLCN."),
            ],
        }
    upper, name = getattr(settings, "CNDP_AGENCY", AGENCY)
    return {
        "upper": upper,
        "name": name,
        "number": _("Số:      /BC-CNĐP"),
        "place": AGENCY_PLACE,
        "signer": _("CỤC TRƯỞNG"),
        "recipients": [
            _("Lãnh đạo Bộ (để báo cáo);"),
            _("Vụ Kế hoạch - Tài chính;"),
            _("Sở Công Thương các tỉnh, thành phố;"),
            _("Lưu: VT, KC."),
        ],
    }


def summary_paragraphs(report: Report) -> list[str]:
    """Section I of the document in words, from the same figures as the tables."""
    t = report.total
    last = report.years[-1] if report.years and report.years[-1].year == report.year else None
    previous = str(report.year - 1)
    paragraphs = []
    text = _(
        "Đăng ký: %(n)s đề án khuyến công quốc gia đăng ký thực hiện %(period)s, với tổng kinh phí khuyến công "
        "đề nghị hỗ trợ %(money)s triệu đồng"
    ) % {
        "n": number(t.registered),
        "period": period_words(reports.YEAR, report.year),
        "money": million(t.requested),
    }
    if last and last.registered_growth is not None:
        text += _(" (số đề án %(change)s so với năm %(previous)s)") % {
            "change": change_words(last.registered_growth),
            "previous": previous,
        }
    paragraphs.append(text + ".")
    text = _(
        "Lựa chọn, phê duyệt: %(selected)s đề án được lựa chọn; %(approved)s đề án được đưa vào kế hoạch "
        "được Bộ trưởng phê duyệt với tổng kinh phí khuyến công %(money)s triệu đồng"
    ) % {"selected": number(t.selected), "approved": number(t.approved), "money": million(t.approved_funds)}
    if report.fund:
        text += _(" (bằng %(share)s kinh phí được giao %(fund)s triệu đồng)") % {
            "share": percent(report.fund_share),
            "fund": million(report.fund),
        }
    text += _("; vốn đối ứng huy động %(money)s triệu đồng (%(rate)s tổng vốn các đề án).") % {
        "money": million(t.counterpart),
        "rate": percent(t.counterpart_ratio),
    }
    paragraphs.append(text)
    paragraphs.append(
        _(
            "Giải ngân: tính đến ngày %(day)s đã cấp %(money)s triệu đồng, đạt %(rate)s kinh phí được duyệt; "
            "%(settled)s đề án đã quyết toán."
        )
        % {
            "day": report.period_end.strftime("%d/%m/%Y"),
            "money": million(t.disbursed),
            "rate": percent(t.disbursement_rate),
            "settled": number(t.settled),
        }
    )
    paragraphs.append(
        _(
            "Kết quả đầu ra: đào tạo %(trainees)s lượt người; xây dựng %(models)s mô hình trình diễn kỹ thuật; hỗ "
            "trợ %(machines)s máy móc, thiết bị; %(products)s sản phẩm được chứng nhận; tạo %(jobs)s việc làm mới. "
            "Còn %(overdue)s báo cáo tiến độ quá hạn chưa nộp."
        )
        % {
            "trainees": number(t.trainees),
            "models": number(t.models),
            "machines": number(t.machines),
            "products": number(t.products),
            "jobs": number(t.jobs),
            "overdue": number(t.overdue_reports),
        }
    )
    return paragraphs


def report_context(report: Report, today: datetime.date | None = None) -> dict:
    today = today or datetime.date.today()
    return {
        "report": report,
        "title": report_title(report),
        "subject": report_subject(report),
        "subject_head": subject_head(),
        "period": period_words(report.period, report.year),
        "scope": scope_words(report),
        "units": units_words(report),
        "cutoff": cutoff_words(report),
        "issuer": _issuer(report),
        "today": today,
        "summary": summary_paragraphs(report),
        "main": table_rows(report, main_columns()),
        "outputs": table_rows(report, output_columns()),
        "group_label": GROUP_LABELS[report.by],
        "table_title": table_title(report),
        "outputs_title": outputs_title(report),
        "notes": table_notes(report),
        "year": str(report.year),
        "previous_year": str(report.year - 1),
    }


def report_pdf(report: Report, today: datetime.date | None = None) -> bytes:
    return render_pdf("extension/report_pdf.html", report_context(report, today))


def filename(report: Report) -> str:
    kind = "6-thang" if report.period == reports.HALF_YEAR else "nam"
    return f"bao-cao-khuyen-cong-{kind}-{report.year}"
