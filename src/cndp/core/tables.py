"""Table bases (bảng): declarative columns, a link to the record, an actions column.

Cells are built in Python (`format_html`), not by a template per cell: a template rendered for each of
50 rows costs more than the rest of the page (django-tables2 renders a `TemplateColumn` with the request,
so every context processor runs again for each row)."""

from __future__ import annotations

from collections.abc import Iterator

import django_tables2 as tables
from django.db.models import QuerySet
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.rows import BoundRow

# Records read from the database at a time by an export (a server-side cursor on PostgreSQL).
EXPORT_CHUNK_SIZE = 2000


class ActionsColumn(tables.Column):
    """The «Xem» button of a row (to the record's page); never exported."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}})
        super().__init__(**kwargs)

    def render(self, record):
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary py-0" href="{}">{}</a>',
            record.get_absolute_url(),
            _("Xem"),
        )


class BaseTable(tables.Table):
    """Base of every list table. `exclude_from_export` columns never reach the Excel file."""

    actions = ActionsColumn()

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Không có bản ghi nào.")
        template_name = "core/table.html"


def export_values(
    table: tables.Table, chunk_size: int = EXPORT_CHUNK_SIZE
) -> tuple[list, int, Iterator[list]]:
    """(header, number of rows, rows) of what the table exports: the values of `as_values()` (its
    `value_*` methods, columns not `exclude_from_export`), the records read by a query iterator
    (`.iterator(chunk_size=…)`) so that no more than a chunk of them is held at once, whatever the count."""
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    header = [force_str(c.header, strings_only=True) for c in columns]
    data = table.data.data
    if isinstance(data, QuerySet):
        count, records = data.count(), data.iterator(chunk_size=chunk_size)
    else:
        count, records = len(table.data), iter(table.data)

    def rows():
        for record in records:
            row = BoundRow(record, table=table)
            yield [force_str(row.get_cell_value(c.name), strings_only=True) for c in columns]

    return header, count, rows()
