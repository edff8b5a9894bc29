"""The body of a list table (thân bảng) built in Python: one string per row instead of a template loop
over every cell. The markup is the one of django-tables2's bootstrap5 template (row and cell attributes,
localisation, the empty text), at a fraction of the cost on a 50-row page.

What django-tables2 decides for every cell (which arguments a column's `render` takes, whether the
accessor ends on a choices field, the `<td>` attributes, the default) depends on the column and the
record's model only: it is decided once per column (`_CellPlan`), and each cell does only the work that
depends on its record — the same steps as `BoundRow._get_and_render_with`, in the same order, so the
HTML is the same (a test compares both on every registry's table)."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django_tables2 import utils as tables_utils
from django_tables2.columns import ManyToManyColumn
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundRow
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import Accessor, AttributeDict, call_with_appropriate, computed_values

from cndp.core.tables import escape_html, localize_int, record_url

register = template.Library()

_CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


def _attrs_html(attrs) -> str:
    """`AttributeDict.as_html()`: the same `key="value"` pairs (callables called, the blacklisted keys
    and None values left out), escaped as `format_html_join` escapes them."""
    blacklist = AttributeDict.blacklist
    pairs = []
    for key, value in attrs.items():
        if callable(value):
            value = value()
        if key not in blacklist and value is not None:
            pairs.append(f'{escape_html(key)}="{escape_html(value)}"')
    return SafeString(" ".join(pairs))


def _cell_html(column, cell) -> str:
    if type(cell) is int and column.localize is None:
        return localize_int(cell)
    cell = template_localtime(cell)
    if column.localize is None:
        cell = localize(cell)
    else:
        cell = localize(cell, use_l10n=bool(column.localize))
    return escape_html(cell)


def _static_td(column) -> str | None:
    """The <td> opening tag of a column whose cell attributes depend on no record (no callable in its
    `td` / `cell` attributes): built once per table instead of once per cell; None otherwise."""
    attrs = {**column.column.attrs.get("cell", {}), **column.column.attrs.get("td", {})}
    table_attrs = {**column._table.attrs.get("cell", {}), **column._table.attrs.get("td", {})}
    if any(callable(v) for v in (*attrs.values(), *table_attrs.values())):
        return None
    return f"<td {_attrs_html(column.attrs['td'])}>"


def _resolve(bits: list[str], context, accessor: Accessor):
    """`Accessor.resolve(context)` (not quiet): a model instance, which cannot be indexed, is read by
    attribute straight away (django-tables2 tries `context[bit]` first and catches the TypeError, on
    every cell); anything else (a dict, a list, a missing attribute, a method that alters data) is left
    to django-tables2 from where the walk is, so nothing is called twice."""
    current = context
    for index, bit in enumerate(bits):
        if isinstance(current, models.Model) and not hasattr(type(current), "__getitem__"):
            try:
                current = getattr(current, bit)
            except (TypeError, AttributeError):
                return _resolve_rest(bits[index:], current, accessor)  # raises its ValueError
        else:
            return _resolve_rest(bits[index:], current, accessor)
        if callable(current):
            if getattr(current, "alters_data", False):
                raise ValueError(accessor.ALTERS_DATA_ERROR_FMT.format(method=current.__name__))
            if not getattr(current, "do_not_call_in_templates", False):
                current = current(*accessor.callable_args, **accessor.callable_kwargs)
        if current is None:
            break
    return current


def _resolve_rest(bits, current, accessor):
    rest = Accessor(accessor.SEPARATOR.join(bits))
    rest.callable_args, rest.callable_kwargs = accessor.callable_args, accessor.callable_kwargs
    return rest.resolve(current)


def _resolve_quiet(bits, context, accessor):
    try:
        return _resolve(bits, context, accessor)
    except Exception:
        return None


class _CellPlan:
    """One column's way from a record to its cell's HTML, decided once per table."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.accessor = accessor = Accessor(bound_column.accessor)
        path, _, self.remainder = accessor.rpartition(accessor.SEPARATOR)
        self.path = Accessor(path)
        self.path_bits = self.path.bits
        self.bits = accessor.bits
        self.render = bound_column.render
        arguments, catch_all = tables_utils.signature(self.render)
        self.arguments = None if catch_all else tuple(arguments)
        self.unknown_argument = not catch_all and any(a not in _CELL_ARGUMENTS for a in arguments)
        self.callable_default = callable(column._default)
        self.default = None if self.callable_default else bound_column.default
        self.link = link = bound_column.link
        self.plain_link = (
            isinstance(link, LinkTransform)
            and link.url is None
            and link.accessor is None
            and not link.reverse_args
        )
        # linkify=<a function of the record, …> without attributes: the function's URL, as
        # `LinkTransform.__call__` writes the <a>.
        self.url_link = isinstance(link, LinkTransform) and callable(link.url) and not link.attrs
        self.name_accessor = Accessor(bound_column.name)
        self.name_bits = self.name_accessor.bits
        self.link_with_text = isinstance(column, BaseLinkColumn) and column.text is not None
        self.many_to_many = isinstance(column, ManyToManyColumn)
        self.empty_values = column.empty_values
        self.td = _static_td(bound_column)
        # A hot list's table may write a column's cell itself: `cell_<column name>(record)` → the cell's
        # content as HTML (escaped), the same markup as the generic steps below would write (the tests
        # compare both with django-tables2's template). Used only where the <td> is the same for every row.
        fast = getattr(table, f"cell_{bound_column.name}", None)
        self.fast = fast if callable(fast) and self.td is not None else None
        self.choices: dict[type, bool] = {}  # record model → the accessor ends on a choices field
        self.missing: dict[type, bool] = {}  # record model → no attribute for the accessor's first step

    def _has_choices(self, record) -> bool:
        model = type(record)
        known = self.choices.get(model)
        if known is None:
            try:
                field = self.accessor.get_field(model)
                known = bool(getattr(field, "choices", ()))
            except FieldDoesNotExist:
                known = False
            self.choices[model] = known
        return known

    def _unreachable(self, record) -> bool:
        """Does the accessor's first step lead nowhere from this record — a model instance (neither
        indexable nor with a `__getattr__` of its own) with no such attribute, on the instance or its
        class (a computed column: «late», the row's actions)? Its lookup would fail, raising and catching
        an exception on every row."""
        bit = self.bits[0]
        if bit in getattr(record, "__dict__", ()):  # a dict, a tuple: no instance attributes
            return False
        model = type(record)
        known = self.missing.get(model)
        if known is None:
            known = self.missing[model] = (
                issubclass(model, models.Model)
                and not hasattr(model, "__getitem__")
                and not hasattr(model, "__getattr__")
                and not hasattr(model, bit)
            )
        return known

    def content(self, row):
        """The cell's content: `BoundRow.get_cell(name)`, step by step."""
        record = row._record
        value = None
        remainder = self.remainder
        penultimate = _resolve_quiet(self.path_bits, record, self.path) if self.path_bits else record
        if isinstance(penultimate, models.Model) and self._has_choices(record):
            display = getattr(penultimate, f"get_{remainder}_display", None)
            if display:
                value = display()
                remainder = None
        if remainder:
            if self._unreachable(record):  # what django-tables2's failed lookup leaves: no value
                if self.link_with_text:
                    return self._render(row, None)
            else:
                try:
                    value = _resolve(self.bits, record, self.accessor)
                except Exception:
                    if self.link_with_text:
                        return self._render(row, None)
        if value in self.empty_values or (self.many_to_many and not value.exists()):
            return self.bound_column.default if self.callable_default else self.default
        return self._render(row, value)

    def _given(self, row, value) -> dict:
        return {
            "value": value,
            "record": row._record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }

    def _render(self, row, value):
        arguments = self.arguments
        if arguments is None:
            content = self.render(**self._given(row, value))
        elif self.unknown_argument:
            content = None  # as `call_with_appropriate`: a render wanting more than a cell offers
        elif arguments == ("value",):
            content = self.render(value=value)
        elif arguments == ("record",):
            content = self.render(record=row._record)
        elif arguments == ("record", "table"):
            content = self.render(record=row._record, table=self.table)
        elif arguments == ("value", "table"):
            content = self.render(value=value, table=self.table)
        else:
            given = self._given(row, value)
            content = self.render(**{name: given[name] for name in arguments})
        if not self.link:
            return content
        if self.url_link:
            href = call_with_appropriate(self.link.url, self._given(row, value))
            if href is None:
                return content
            return SafeString(f'<a href="{escape_html(href)}">{escape_html(content)}</a>')
        if not self.plain_link:
            return self.link(content, **self._given(row, value))
        # `LinkTransform.__call__` for linkify=True: the URL of the record (or of the object the
        # column's name leads to), shared with the row's «Xem» button.
        target = _resolve(self.name_bits, row._record, self.name_accessor)
        if not hasattr(target, "get_absolute_url"):
            if not hasattr(row._record, "get_absolute_url"):
                return self.link(content, **self._given(row, value))  # django-tables2 raises its TypeError
            target = row._record
        if self.link.attrs:
            attrs = AttributeDict(computed_values(self.link.attrs, kwargs=self._given(row, value)))
            attrs["href"] = record_url(self.table, target)
            if attrs["href"] is None:
                return content
            return format_html("<a {}>{}</a>", attrs.as_html(), content)
        href = record_url(self.table, target)
        if href is None:
            return content
        return SafeString(f'<a href="{escape_html(href)}">{escape_html(content)}</a>')

    def html(self, row) -> str:
        if self.fast is not None:
            return f"{self.td}{self.fast(row._record)}</td>"
        content = self.content(row)
        bound_column = self.bound_column
        td = self.td
        if td is None:  # attributes computed from the record and value, as `BoundRow.items()` allows
            bound_column.current_value = content
            bound_column.current_record = row._record
            td = f"<td {_attrs_html(bound_column.attrs['td'])}>"
        if isinstance(content, str):  # what localising leaves as it is: escaped only
            return f"{td}{escape_html(content)}</td>"
        return f"{td}{_cell_html(bound_column, content)}</td>"


def _row_attrs(table):
    """(even, odd) <tr> attributes when no row attribute depends on the record; None otherwise."""
    if any(callable(v) for v in table.row_attrs.values()):
        return None
    pairs = []
    for css in ("even", "odd"):
        attrs = tables_utils.AttributeDict(computed_values(table.row_attrs, kwargs={"table": table}))
        attrs["class"] = f"{attrs['class']} {css}" if attrs.get("class") else css
        pairs.append(_attrs_html(attrs))
    return tuple(pairs)


@register.simple_tag(takes_context=True)
def table_head(context, table):
    """<thead> of the table: django-tables2's bootstrap5 template (`table.thead`) written in Python, the
    same tags, attributes and sort links (`querystring_replace`: the request's query with the sort
    field replaced by the column's next order, escaped) without a template tag per header."""
    if not table.show_header:
        return ""
    request = context.get("request")
    if request is None:  # what `querystring_replace` says
        raise template.TemplateSyntaxError("table_head needs the request in the context")
    thead = table.attrs.get("thead")
    parts = [f"<thead {thead.as_html() if hasattr(thead, 'as_html') else ''}><tr>"]
    field = table.prefixed_order_by_field
    query = dict(request.GET)
    for column in table.columns:
        header = _shown(column.header, context)
        if column.orderable:
            params = dict(query)
            if field not in ("", None):
                params[field] = column.order_by_alias.next
            href = conditional_escape("?" + urlencode(params, doseq=True))
            header = f'<a href="{href}">{header}</a>'
        parts.append(f'<th {column.attrs["th"].as_html()} scope="col">{header}</th>')
    parts.append("</tr></thead>")
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


@register.simple_tag
def table_body(table):
    """<tbody> of the table's current page (or its empty text)."""
    parts = ["<tbody>"]
    table.__dict__["_body_language"] = get_language()  # read once for every cell (`body_language`)
    try:
        return _table_body(table, parts)
    finally:
        table.__dict__.pop("_body_language", None)


def _table_body(table, parts: list[str]) -> str:
    columns = list(table.columns)
    plans = [_CellPlan(table, column) for column in columns]
    row_attrs = _row_attrs(table)
    # A table whose row attributes depend on the record may write them itself: `row_attrs_html(record,
    # "even" or "odd")` → the <tr>'s attributes, the markup django-tables2 writes (`BoundRow.attrs`: the
    # row's class, then the even/odd one; the tests compare it with django-tables2's template).
    fast_attrs = getattr(table, "row_attrs_html", None) if row_attrs is None else None
    for row in table.paginated_rows:
        if type(row) is BoundRow:
            if fast_attrs is not None:
                attrs = fast_attrs(row._record, "odd" if row.row_counter % 2 else "even")
            elif row_attrs is None:
                attrs = _attrs_html(row.attrs)
            else:
                attrs = row_attrs[row.row_counter % 2]
            cells = "".join([plan.html(row) for plan in plans])
        else:  # a pinned row: django-tables2's own way
            attrs = row.attrs.as_html()
            cells = "".join(
                f"<td {column.attrs['td'].as_html()}>{_cell_html(column, cell)}</td>"
                for column, cell in row.items()
            )
        parts.append(f"<tr {attrs}>{cells}</tr>")
    if len(parts) == 1 and table.empty_text:
        parts.append(format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text))
    parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped or built by format_html


@register.simple_tag(takes_context=True)
def table_pagination(context, table):
    """The pages of a list table (phân trang): django-tables2's bootstrap5 `pagination` block written in
    Python — the same links (`querystring_replace`: the request's query with the page replaced, escaped),
    numbers (`table_page_range`, localised as `{{ p }}`) and labels — instead of a template tag per link."""
    page = getattr(table, "page", None)
    if not page or table.paginator.num_pages <= 1:
        return ""
    request = context.get("request")
    if request is None:  # what `querystring_replace` says
        raise template.TemplateSyntaxError("table_pagination needs the request in the context")
    query = dict(request.GET)
    field = table.prefixed_page_field

    def href(number) -> str:
        params = dict(query)
        if field not in ("", None):
            params[field] = number
        return escape("?" + urlencode(params, doseq=True))

    parts = ['<nav aria-label="Table navigation"><ul class="pagination justify-content-center">']
    if page.has_previous():
        parts.append(
            f'<li class="previous page-item"><a href="{href(page.previous_page_number())}" class="page-link">'
            f'<span aria-hidden="true">&laquo;</span> {escape(gettext("previous"))}</a></li>'
        )
    if page.has_previous() or page.has_next():
        for number in table_page_range(page, table.paginator):
            active = " active" if page.number == number else ""
            link = f' href="{href(number)}"' if number != "..." else ""
            parts.append(
                f'<li class="page-item{active}"><a class="page-link"{link}>{_shown(number, context)}</a></li>'
            )
    if page.has_next():
        parts.append(
            f'<li class="next page-item"><a href="{href(page.next_page_number())}" class="page-link">'
            f'{escape(gettext("next"))} <span aria-hidden="true">&raquo;</span></a></li>'
        )
    parts.append("</ul></nav>")
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


def _shown(value, context) -> str:
    """`{{ value }}` in a template: localised, then escaped (`render_value_in_context`)."""
    value = template_localtime(value, use_tz=context.use_tz)
    value = localize(value, use_l10n=context.use_l10n)
    return conditional_escape(value)
