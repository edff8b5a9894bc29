"""Columns that name the province, hidden from a user confined to one province.

A province officer's lists hold their province's records only (`core.permissions.restrict`), so a column
naming the province says the same thing on every row. A table lists such columns in `province_columns`;
django-tables2 calls `before_render(request)` before it draws the table (the list page, its htmx refresh,
the related tables of a detail page), where they are hidden for such a user. Hidden is not excluded: the
Excel export (`core.tables.export_values`, every column but `exclude_from_export`) keeps them, since a file
leaves the screen — it is forwarded, merged with other provinces' files — and must say whose rows it holds.
"""

from cndp.core.permissions import user_province_id


class ProvinceColumnsMixin:
    """Mix into a `BaseTable` (before it); `province_columns` names the columns to hide."""

    province_columns: tuple[str, ...] = ("province",)

    def before_render(self, request):
        super().before_render(request)
        if user_province_id(getattr(request, "user", None)) is None:
            return
        for name in self.province_columns:
            if name in self.columns:
                self.columns.hide(name)
