"""The synthesis table of a draft (bảng tổng hợp ý kiến góp ý và tiếp thu, giải trình) as Excel and as an
official-layout PDF."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cndp.congress.documents.choices import DocumentKind
from cndp.congress.documents.selectors import Synthesis, synthesis
from cndp.congress.models import DraftDocument, roman
from cndp.congress.rules import header_name, official_date
from cndp.core.excel import build_workbook
from cndp.core.pdf import render_pdf

SUBJECTS = {
    DocumentKind.POLITICAL_REPORT: gettext_lazy("dự thảo Báo cáo chính trị"),
    DocumentKind.RESOLUTION: gettext_lazy("dự thảo Nghị quyết Đại hội"),
    DocumentKind.UPPER_LEVEL: gettext_lazy("dự thảo văn kiện Đại hội cấp trên"),
    DocumentKind.NATIONAL: gettext_lazy("dự thảo văn kiện Đại hội toàn quốc của Đảng"),
}


def _subject(document: DraftDocument) -> str:
    """What was commented on, short enough for a title: "dự thảo Báo cáo chính trị" (the full title of
    the draft follows under the title); a draft of another kind by its own title."""
    if document.kind in SUBJECTS:
        return str(SUBJECTS[document.kind])
    title = document.title
    if title.casefold().startswith("dự thảo"):
        return title
    return _("dự thảo %(title)s") % {"title": title}


def synthesis_title(document: DraftDocument) -> str:
    return _("Bảng tổng hợp ý kiến góp ý vào %(subject)s và tiếp thu, giải trình") % {
        "subject": _subject(document)
    }


def _answer_label(comment) -> str:
    return comment.get_answer_display() if comment.answer else _("Chưa trả lời")


def _author(comment) -> tuple[str, str]:
    """(member's name, cell) — the name is empty for a cell's comment."""
    if comment.delegate_id:
        return comment.delegate.full_name, comment.delegate.cell.name
    return "", comment.cell.name


def synthesis_workbook(document: DraftDocument, data: Synthesis | None = None) -> Workbook:
    data = data or synthesis(document)
    header = [
        _("STT"),
        _("Mục"),
        _("Nội dung góp ý"),
        _("Đảng viên góp ý"),
        _("Chi bộ"),
        _("Ngày góp ý"),
        _("Tiếp thu"),
        _("Giải trình"),
    ]
    rows = []
    for n, (section, comment) in enumerate(data.rows(), start=1):
        name, cell = _author(comment)
        rows.append(
            [
                n,
                str(section),
                comment.content,
                name,
                cell,
                timezone.localtime(comment.submitted_at).strftime("%d/%m/%Y"),
                _answer_label(comment),
                comment.explanation,
            ]
        )
    congress = document.congress
    subtitle = _("%(doc)s — Đại hội %(org)s lần thứ %(n)s, nhiệm kỳ %(start)s–%(end)s") % {
        "doc": document,
        "org": congress.organisation.name,
        "n": roman(congress.ordinal),
        "start": congress.term_start,
        "end": congress.term_end,
    }
    wb = build_workbook(synthesis_title(document), header, rows, subtitle)
    ws = wb.active
    for row in ws.iter_rows(min_row=4):
        for column in (2, 7):  # content and explanation: long text, wrapped
            row[column].alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([])
    ws.append([_("Tổng số ý kiến"), data.total])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for label, number in data.count_rows():
        ws.append([label, number])
    return wb


def synthesis_context(document: DraftDocument, data: Synthesis | None = None) -> dict:
    data = data or synthesis(document)
    congress = document.congress
    when = timezone.localtime(document.closed_at) if document.closed_at else timezone.localtime()
    sections, n = [], 0
    for entry in data.sections:
        if not entry.comments:
            continue
        items = []
        for comment in entry.comments:
            n += 1
            name, cell = _author(comment)
            items.append(
                {"n": n, "comment": comment, "name": name, "cell": cell, "answer": _answer_label(comment)}
            )
        sections.append({"section": entry.section, "items": items})
    return {
        "document": document,
        "congress": congress,
        "parent": congress.organisation.parent,
        "ordinal": roman(congress.ordinal),
        "subject": _subject(document).upper(),
        "sections": sections,
        "section_count": len(sections),
        "counts": data.count_rows(),
        "total": data.total,
        "issued": date_format(document.issued_on, "d/m/Y"),
        "when": when,
        "date_line": official_date(when.date(), "Hà Nội"),
        "parent_header": header_name(congress.organisation.parent.name)
        if congress.organisation.parent
        else "",
        "organisation_header": header_name(congress.organisation.name),
    }


def synthesis_pdf(document: DraftDocument, data: Synthesis | None = None) -> bytes:
    return render_pdf("congress/synthesis_pdf.html", synthesis_context(document, data))
