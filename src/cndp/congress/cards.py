"""Delegate cards (thẻ đại biểu) as a PDF: eight cards an A4 page, each with the congress's name, the
delegate's name, cell and kind, and the card code as text and as a QR code for the check-in desk's scanner."""

from __future__ import annotations

import segno

from cndp.congress.models import Congress, Delegate, roman
from cndp.congress.rules import header_name
from cndp.core.pdf import render_pdf

PER_ROW = 2
ROWS_PER_PAGE = 4


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def delegate_cards_pdf(congress: Congress) -> bytes:
    """The cards of every delegate of `congress`, by card code. One query; the QR codes as SVG images
    (a data URI each: WeasyPrint draws an image far faster than an inline SVG tree)."""
    delegates = Delegate.objects.filter(congress=congress).select_related("cell").order_by("code")
    cards = [
        {"delegate": d, "qr": segno.make(d.code, error="m").svg_data_uri(scale=3, border=0)}
        for d in delegates
    ]
    rows = _chunks(cards, PER_ROW)
    return render_pdf(
        "congress/cards_pdf.html",
        {
            "congress": congress,
            "congress_title": f"ĐẠI HỘI LẦN THỨ {roman(congress.ordinal)}, "
            f"NHIỆM KỲ {congress.term_start}–{congress.term_end}",
            "organisation_header": header_name(congress.organisation.name),
            "pages": _chunks(rows, ROWS_PER_PAGE),
        },
    )
