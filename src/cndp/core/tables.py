"""Table bases (bảng): declarative columns, a link to the record, an actions column."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class BaseTable(tables.Table):
    """Base of every list table. `exclude_from_export` columns never reach the Excel file."""

    actions = tables.TemplateColumn(
        template_name="core/includes/row_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "text-end text-nowrap"}},
    )

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Không có bản ghi nào.")
        template_name = "core/table.html"
