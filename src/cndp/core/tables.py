"""Table bases (bảng): declarative columns, a link to the record, an actions column.

Cells are built in Python (`format_html`), not by a template per cell: a template rendered for each of
50 rows costs more than the rest of the page (django-tables2 renders a `TemplateColumn` with the request,
so every context processor runs again for each row)."""

from __future__ import annotations

import copy
import datetime
import functools
import html
import types
from collections.abc import Iterator

import django_tables2 as tables
from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils import dateformat
from django.utils.encoding import force_str
from django.utils.formats import date_format, get_format, localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns.base import library
from django_tables2.rows import BoundRow

# Records read from the database at a time by an export (a server-side cursor on PostgreSQL).
EXPORT_CHUNK_SIZE = 2000


def _cached_signatures(signature):
    """django-tables2 calls `inspect.signature` on a column's render / value method for every cell (a
    fifth of a list page's time, most of an export's): the answer depends only on the function, so it is
    kept per function (a bound method by its function: binding changes no parameter but `self`, which
    django-tables2 drops anyway)."""

    @functools.lru_cache(maxsize=4096)
    def of_function(function, bound):
        return signature(functools.partial(function, None) if bound else function)

    def cached(fn):
        if isinstance(fn, types.MethodType) and isinstance(fn.__func__, types.FunctionType):
            return of_function(fn.__func__, True)
        if isinstance(fn, types.FunctionType):
            return of_function(fn, False)
        return signature(fn)

    cached.__wrapped__ = signature
    return cached


if not hasattr(tables_utils.signature, "__wrapped__"):
    tables_utils.signature = _cached_signatures(tables_utils.signature)


def _column_copy(self, memo):
    """A table's own copy of a declared column (django-tables2 deep-copies every column of the class for
    each table: ≈ 1 ms a list page, mostly copying translated labels, tuples and link settings that no
    table changes). What a table does change is the column's own attributes (`columns.hide()` sets
    `visible`) and, possibly, its cell attributes: those are the copy's own; the rest is shared."""
    clone = copy.copy(self)
    memo[id(self)] = clone
    attrs = getattr(self, "attrs", None)
    if isinstance(attrs, dict):
        clone.attrs = copy.copy(attrs)
        for key, value in attrs.items():
            if isinstance(value, dict):
                clone.attrs[key] = copy.copy(value)
    return clone


if "__deepcopy__" not in vars(tables.Column):
    tables.Column.__deepcopy__ = _column_copy


def escape_html(text) -> SafeString:
    """`conditional_escape(text)` without the look for a lazy string among the arguments that Django's
    `keep_lazy` wrapper makes on each call (thousands of calls a list page): safe text as it is, anything
    else as `escape` writes it."""
    if isinstance(text, Promise):
        text = str(text)
    as_html = getattr(text, "__html__", None)
    if as_html is not None:
        return as_html()
    return SafeString(html.escape(str(text)))


_GROUPING: dict[str, str | None] = {}


def localize_int(value: int, language: str | None = None) -> str:
    """`localize(value)` of a whole number (money in VND: "1.234.567" in Vietnamese, "1,234,567" in
    English), the language's separator read once: Django reads each format setting and splits the digits
    in Python for every cell. Anything else, or a grouping other than by thousands, is Django's.
    `language`: the active one when the caller has it already (`body_language`)."""
    if type(value) is not int:
        return localize(value)
    language = language or get_language()
    separator = _GROUPING.get(language, False)
    if separator is False:
        grouped = settings.USE_THOUSAND_SEPARATOR and get_format("NUMBER_GROUPING") == 3
        separator = _GROUPING[language] = get_format("THOUSAND_SEPARATOR") if grouped else None
    if separator is None:
        return localize(value)
    return f"{value:,}".replace(",", separator) if separator != "," else f"{value:,}"


@receiver(setting_changed)
def _forget_formats(*, setting, **kwargs):
    if setting in ("USE_THOUSAND_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR", "FORMAT_MODULE_PATH"):
        _GROUPING.clear()
    if setting in ("FORMAT_MODULE_PATH", "DATE_FORMAT", "SHORT_DATE_FORMAT", "LANGUAGE_CODE"):
        _DATE_FORMATS.clear()


def body_language(table) -> str:
    """The active language while the table's body is written (`cndp_tables.table_body` reads it once for
    the body, not in every cell: a thread-and-context-local lookup each time); `get_language()` else."""
    return table.__dict__.get("_body_language") or get_language()


def per_language(table, key, build):
    """`build()` (labels to translate, a format) worked out once per table and language, not per row."""
    known = table.__dict__.setdefault("_per_language", {})
    language = (key, body_language(table))
    value = known.get(language)
    if value is None:
        value = known[language] = build()
    return value


class ActionsColumn(tables.Column):
    """The «Xem» button of a row (to the record's page); never exported."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}})
        super().__init__(**kwargs)

    def render(self, record, table):
        # The label translated and escaped once per table and language, not once per row.
        labels = table.__dict__.setdefault("_view_labels", {})
        language = body_language(table)
        label = labels.get(language)
        if label is None:
            label = labels[language] = conditional_escape(_("Xem"))
        url = conditional_escape(record_url(table, record))
        return mark_safe(f'<a class="btn btn-sm btn-outline-secondary py-0" href="{url}">{label}</a>')  # noqa: S308


def record_url(table, record) -> str:
    """`record.get_absolute_url()`, worked out once per record and table: a row's linked first column
    and its «Xem» button lead to the same page (a `reverse()` each, otherwise)."""
    urls = table.__dict__.setdefault("_record_urls", {})
    key = id(record)
    known = urls.get(key)
    if known is None or known[0] is not record:
        known = urls[key] = (record, record.get_absolute_url())
    return known[1]


# {(language, model, field): {value: label}}: a field's choices are fixed in the code, so their labels are
# kept per language for the process (a table's columns are copied for each table, a per-column dict
# would be rebuilt on every page).
_CHOICE_LABELS: dict[tuple, dict] = {}


class ChoiceColumn(tables.Column):
    """A choices field shown (and exported) by its label, looked up in a dict built once per table and
    language: Django's `get_FOO_display`, which django-tables2 calls for every cell of a choices field,
    rebuilds the field's choices and translates every label on each call. Sorted by the stored value."""

    def __init__(self, field: str, **kwargs):
        kwargs.setdefault("order_by", (field,))
        super().__init__(accessor="pk", **kwargs)
        self.field = field

    def label(self, record, language: str | None = None):
        value = getattr(record, self.field)
        if value in (None, ""):
            return self.default
        key = (language or get_language(), type(record), self.field)
        labels = _CHOICE_LABELS.get(key)
        if labels is None:
            choices = record._meta.get_field(self.field).flatchoices
            labels = _CHOICE_LABELS[key] = {k: str(v) for k, v in choices}
        return labels.get(value, value)

    def render(self, record, table):
        return self.label(record, body_language(table))

    def value(self, record):
        return self.label(record)


# The format characters of a day (ngày) as Django's `dateformat` writes them.
_DAY_PARTS = {
    "d": lambda value: f"{value.day:02d}",
    "j": lambda value: f"{value.day}",
    "m": lambda value: f"{value.month:02d}",
    "n": lambda value: f"{value.month}",
    "Y": lambda value: f"{value.year:04d}",
    "y": lambda value: f"{value.year % 100:02d}",
}


# {(format name or format, language): compiled format}: `get_format` looks the language's format up on
# every call (twice a row on a list with two date columns).
_DATE_FORMATS: dict[tuple, tuple | None] = {}


@functools.lru_cache(maxsize=64)
def _compiled_date_format(format_string: str) -> tuple | None:
    """A date format made only of day, month and year numbers ("d/m/Y", the Vietnamese short format)
    as (literal or function) pieces, split as Django's `dateformat` splits it; None for any other
    format (names of months or days, times), left to Django. Django reads and splits the format for
    every cell: on a 50-row list with three date columns, the costliest column there was."""
    pieces = []
    for i, piece in enumerate(dateformat.re_formatchars.split(str(format_string))):
        if i % 2:
            if piece not in _DAY_PARTS:
                return None
            pieces.append(_DAY_PARTS[piece])
        elif piece:
            pieces.append(dateformat.re_escaped.sub(r"\1", piece))
    return tuple(pieces)


@library.register
class DateColumn(tables.Column):
    """A date (ngày) as django-tables2's `DateColumn` shows it (the `date` filter with the given format,
    the locale's short format by default) and exports it (ISO 8601), formatted in Python: django-tables2's
    compiles a template for every cell. Registered, so a table's automatic column of a date field is this."""

    def __init__(self, format: str | None = None, short: bool = True, **kwargs):
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        kwargs.setdefault("empty_values", ())  # as a template column: a blank is rendered (the default)
        super().__init__(**kwargs)

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None

    def render(self, value, bound_column):
        if value in (None, ""):
            return bound_column.default  # the column's, else the table's ("—")
        if isinstance(value, datetime.date):
            key = (self.format, get_language())
            compiled = _DATE_FORMATS.get(key, False)
            if compiled is False:
                compiled = _DATE_FORMATS[key] = _compiled_date_format(get_format(self.format))
            if compiled is not None:
                text = "".join(piece if isinstance(piece, str) else piece(value) for piece in compiled)
                return text or bound_column.default
        try:
            return date_format(value, self.format) or bound_column.default
        except AttributeError:
            return bound_column.default

    def value(self, value, bound_column):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return self.render(value, bound_column)


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
