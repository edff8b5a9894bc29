"""FilterSet base (bộ lọc): one per model, serving the HTML list, the API and the Excel export."""

from __future__ import annotations

import html

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.forms.models import ModelChoiceIterator
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cndp.core.forms import BootstrapMixin, GroupedModelChoiceIterator, confine_choices
from cndp.core.permissions import user_province_id
from cndp.core.text import nfc

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# The widget templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "number", "date", "datetime", "time", "email", "url", "search", "tel",
                 "hidden", "checkbox")
)  # fmt: skip


def _escaped(value) -> str:
    """`conditional_escape(value)`, the same text, without the wrapper that looks for a lazy argument in
    every call (a filter form escapes each option's value and label: thousands of calls a page)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    """Django's `django/forms/widgets/attrs.html`: False left out, True as a bare name."""
    if not attrs:
        return ""
    return "".join(
        f" {_escaped(name)}" + ("" if value is True else f'="{_escaped(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input_attrs_html(attrs: dict) -> str:
    """`attrs.html` as `input.html` includes it: each value written with `stringformat:'s'` (a plain
    string, so escaped even when it was marked safe)."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class FastSelectMixin:
    """A select (danh sách chọn), and a text, number or date box, rendered in Python with the markup of
    Django's templates (`select.html`, `select_option.html`, `input.html`, `attrs.html`, byte for byte):
    the templates include a template per option, the costliest part of a list page's filter form (a
    province or programme filter has dozens), and a box's template is most of what is left."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name in INPUT_TEMPLATES:  # a text, number or date box, a tick box: `input.html`
            value = widget["value"]
            value = "" if value is None else f' value="{escape(value)}"'
            return mark_safe(  # noqa: S308 — every value is escaped
                f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
                f"{_input_attrs_html(widget['attrs'])}>"
            )
        if template_name != SELECT_TEMPLATE or self.option_template_name != OPTION_TEMPLATE:
            return super()._render(template_name, context, renderer)
        parts = [f'<select name="{_escaped(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{_escaped(str(option["value"]))}"'
                    f"{_attrs_html(option['attrs'])}>{_escaped(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the renderer strips the template's last newline
        return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


_FAST_SELECTS: dict[type, type] = {}


def _fast_select_class(widget_class: type) -> type:
    fast = _FAST_SELECTS.get(widget_class)
    if fast is None:
        fast = _FAST_SELECTS[widget_class] = type(widget_class.__name__, (FastSelectMixin, widget_class), {})
    return fast


def _choice_columns_only(field: forms.Field) -> None:
    """A model choice whose model names the columns its options show (`choice_fields`: the label, the
    group) reads only those, unless the filter asked for others: its label or value taken elsewhere
    (`label_from_instance`, `to_field_name`) or its columns already chosen (`only`, `defer`)."""
    queryset = getattr(field, "queryset", None)
    if not isinstance(field, forms.ModelChoiceField) or queryset is None:
        return
    columns = getattr(queryset.model, "choice_fields", None)
    if (
        columns is None
        or field.to_field_name
        or type(field).label_from_instance is not forms.ModelChoiceField.label_from_instance
        or queryset.query.deferred_loading != (frozenset(), True)
    ):
        return
    field.queryset = queryset.only(*columns)


class ListedModelChoiceIterator(ModelChoiceIterator):
    """A model choice's options read in one query (Django's iterator reads them through a server-side
    cursor on PostgreSQL: DECLARE, FETCH and CLOSE, three round trips a select). A filter offers a short
    list — provinces, units, programmes — which fits in memory."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


_LISTED: dict[type, type] = {ModelChoiceIterator: ListedModelChoiceIterator}


def _choices_listed(field: forms.Field) -> None:
    """Give a model choice the listed iterator: Django's own replaced, a subclass (django-filters' adds
    its "none" choice, then asks Django's for the rest) put before it."""
    iterator = getattr(field, "iterator", None)
    if (
        not isinstance(field, forms.ModelChoiceField)
        or not isinstance(iterator, type)
        or not issubclass(iterator, ModelChoiceIterator)
        or issubclass(iterator, (ListedModelChoiceIterator, GroupedModelChoiceIterator))
    ):
        return
    listed = _LISTED.get(iterator)
    if listed is None:
        listed = _LISTED[iterator] = type(iterator.__name__, (iterator, ListedModelChoiceIterator), {})
    field.iterator = listed
    field.widget.choices = field.choices


class FilterForm(BootstrapMixin, forms.Form):
    """The filter form shown above a list; its selects rendered in Python (`FastSelectMixin`), its
    model choices read with only the columns they show (`_choice_columns_only`), in one query
    (`ListedModelChoiceIterator`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _choice_columns_only(field)
            _choices_listed(field)
            widget = field.widget
            fast = isinstance(widget, forms.Select) or widget.template_name in INPUT_TEMPLATES
            if fast and not isinstance(widget, FastSelectMixin):
                widget.__class__ = _fast_select_class(type(widget))


# A number filter accepts only what every database can compare with a 64-bit integer column: SQLite
# raises OverflowError past it (a 500), so a larger value is refused as invalid instead (400 in the API).
NUMBER_BOUNDS = {"min_value": -(2**63), "max_value": 2**63 - 1}


def _single_valued(model, field_name: str | None) -> bool:
    """True if `field_name` (a path like "project__plan_year", lookups allowed at its end) reaches no
    many-to-many or reverse foreign key: a filter on it cannot repeat a row."""
    if not field_name:
        return False
    for part in field_name.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return True  # a lookup or transform ("__gte", "__year"): the path ended on a field
        if field.many_to_many or field.one_to_many:
            return False
        if not field.is_relation:
            return True
        model = field.related_model
    return True


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`: accent-insensitive search over the model's folded search column; bounds every number
    filter to the 64-bit range."""

    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))

    class Meta:
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for filter_ in self.filters.values():
            if type(filter_) is django_filters.NumberFilter:
                for key, bound in NUMBER_BOUNDS.items():
                    filter_.extra.setdefault(key, bound)
            if filter_.distinct and model is not None and _single_valued(model, filter_.field_name):
                # A multiple-choice filter asks for DISTINCT by default; over columns of the row or of
                # single-valued relations no row can come twice, and DISTINCT over every selected
                # column made PostgreSQL sort the whole filtered set before taking a page.
                filter_.distinct = False

    @property
    def form(self):
        """The filter form; a user confined to a province is offered only their province's choices, and
        no province filter when that leaves theirs alone (`core.forms.confine_choices`)."""
        if not hasattr(self, "_form"):
            form = super().form
            confine_choices(form, user_province_id(getattr(self.request, "user", None)), hide_single=True)
        return self._form

    def search(self, queryset, name, value):
        value = nfc(value)
        if not value:
            return queryset
        return queryset.search(value)
