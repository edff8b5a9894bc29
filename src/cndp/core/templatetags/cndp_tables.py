"""The body of a list table (thân bảng) built in Python: one string per row instead of a template loop
over every cell. The markup is the one of django-tables2's bootstrap5 template (row and cell attributes,
localisation, the empty text), at a fraction of the cost on a 50-row page."""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

register = template.Library()


def _cell_html(column, cell) -> str:
    cell = template_localtime(cell)
    if column.localize is None:
        cell = localize(cell)
    else:
        cell = localize(cell, use_l10n=bool(column.localize))
    return conditional_escape(cell)


def _static_td(column) -> str | None:
    """The <td> opening tag of a column whose cell attributes depend on no record (no callable in its
    `td` / `cell` attributes): built once per table instead of once per cell; None otherwise."""
    attrs = {**column.column.attrs.get("cell", {}), **column.column.attrs.get("td", {})}
    table_attrs = {**column._table.attrs.get("cell", {}), **column._table.attrs.get("td", {})}
    if any(callable(v) for v in (*attrs.values(), *table_attrs.values())):
        return None
    return f"<td {column.attrs['td'].as_html()}>"


@register.simple_tag
def table_body(table):
    """<tbody> of the table's current page (or its empty text)."""
    parts = ["<tbody>"]
    columns = list(table.columns)
    static = {column.name: _static_td(column) for column in columns}
    for row in table.paginated_rows:
        cells = [
            (static[column.name] or f"<td {column.attrs['td'].as_html()}>")
            + f"{_cell_html(column, cell)}</td>"
            for column, cell in row.items()
        ]
        parts.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
    if len(parts) == 1 and table.empty_text:
        parts.append(format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text))
    parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped or built by format_html
