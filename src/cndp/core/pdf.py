"""PDF rendering (văn bản PDF) with WeasyPrint and the Times-metric font shipped in static/fonts
(Liberation Serif), so Vietnamese diacritics print the same on every server."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"


def font_css() -> str:
    faces = []
    for weight, style, name in (
        ("normal", "normal", "Regular"),
        ("bold", "normal", "Bold"),
        ("normal", "italic", "Italic"),
        ("bold", "italic", "BoldItalic"),
    ):
        path = (FONT_DIR / f"LiberationSerif-{name}.ttf").as_uri()
        faces.append(
            f"@font-face {{ font-family: 'CNDP Serif'; src: url('{path}'); font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(faces)


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: only PDF views need it (and Debian's pango)

    html = render_to_string(template, {**context, "font_css": font_css()})
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
