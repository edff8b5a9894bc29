"""Delegate cards (thẻ đại biểu) as a PDF: eight cards an A4 page, each with the congress's name, the
delegate's name, cell and kind, and the card code as text and as a QR code for the check-in desk's scanner.

Made fast (benchmarks/cards.py): every card sits at a fixed place on its page (no table for the engine to
measure), each QR code is a PNG of one pixel a module drawn sharp (no SVG path to parse), made once per
code in the process, and the finished PDF is kept in the cache under the digest of its HTML, so printing
the same cards again is immediate while any change of a name, a cell, a code or the template makes a new
one."""

from __future__ import annotations

import functools
import hashlib

import segno
from django.core.cache import cache
from django.template.loader import render_to_string

from cndp.congress.models import Congress, Delegate, roman
from cndp.congress.rules import header_name
from cndp.core.pdf import FONT_DIR, font_css

PER_ROW = 2
ROWS_PER_PAGE = 4
CACHE_SECONDS = 24 * 3600


@functools.lru_cache(maxsize=4096)
def qr_image(code: str) -> str:
    """The card code's QR code as a PNG data URI, one pixel a module (drawn sharp: image-rendering)."""
    return segno.make(code, error="m").png_data_uri(scale=1, border=0)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def cards_html(congress: Congress) -> str:
    """The cards' HTML, by card code (one query)."""
    delegates = Delegate.objects.filter(congress=congress).select_related("cell").order_by("code")
    cards = [{"delegate": d, "qr": qr_image(d.code)} for d in delegates]
    rows = _chunks(cards, PER_ROW)
    return render_to_string(
        "congress/cards_pdf.html",
        {
            "congress": congress,
            "congress_title": f"ĐẠI HỘI LẦN THỨ {roman(congress.ordinal)}, "
            f"NHIỆM KỲ {congress.term_start}–{congress.term_end}",
            "organisation_header": header_name(congress.organisation.name),
            "pages": _chunks(rows, ROWS_PER_PAGE),
            "font_css": font_css(),
        },
    )


def delegate_cards_pdf(congress: Congress, *, use_cache: bool = True) -> bytes:
    """The cards of every delegate of `congress` as a PDF (from the cache when the same HTML was laid out
    before)."""
    html = cards_html(congress)
    key = "congress:cards:" + hashlib.sha256(html.encode()).hexdigest()
    if use_cache and (pdf := cache.get(key)) is not None:
        return pdf
    from weasyprint import HTML  # imported here: only PDF views need it (and Debian's pango)

    pdf = HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
    if use_cache:
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
