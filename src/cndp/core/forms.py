"""Form bases (biểu mẫu): every text input is NFC-normalised at the boundary."""

from __future__ import annotations

import unicodedata

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from cndp.core.text import hidden_characters, nfc


def hidden_characters_message(codes: list[str]) -> str:
    """The one message for text that holds invisible or control characters (ký tự ẩn)."""
    return _(
        "Có ký tự ẩn hoặc ký tự điều khiển (%(codes)s), thường do dán từ tệp khác hoặc do bộ gõ cũ; "
        "hãy xóa và gõ lại nội dung này."
    ) % {"codes": ", ".join(codes)}


def normalise_value(value, multiline: bool):
    if not isinstance(value, str):
        return value
    if multiline:
        return unicodedata.normalize("NFC", value).replace("\r\n", "\n").strip()
    return nfc(value)


class NFCFormMixin:
    """Normalise every submitted string to NFC (and single spaces on one-line fields) before validation."""

    def _clean_fields(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                key = self.add_prefix(name)
                if key in self.data and hasattr(self.data, "getlist"):
                    multiline = isinstance(field.widget, forms.Textarea)
                    data = self.data.copy()
                    data.setlist(key, [normalise_value(v, multiline) for v in self.data.getlist(key)])
                    self.data = data
        super()._clean_fields()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.CharField) and isinstance(value, str):
                codes = hidden_characters(value, multiline=isinstance(field.widget, forms.Textarea))
                if codes:
                    self.add_error(name, hidden_characters_message(codes))


class CheckList(forms.CheckboxSelectMultiple):
    """A multiple choice as a list of check boxes (danh sách đánh dấu), chosen by mouse or keyboard
    alone (Tab, Space) — never a `<select multiple>`, which needs Ctrl+click. A long list gets a filter
    box from `static/cndp/cndp.js` (`data-checklist`) and scrolls inside its frame."""

    template_name = "core/widgets/checklist.html"
    input_type = "checklist"  # templates label it as a field, not as a single check box

    def _render(self, template_name, context, renderer=None):
        """`core/widgets/checklist.html` written in Python, byte for byte (a filter form's status list
        took a template include per option, the costliest field of a list page's filters)."""
        if template_name != CheckList.template_name:
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id")
        parts = [
            f'<div{f" id={_quoted(widget_id)}" if widget_id else ""} class="cndp-checklist" role="group" '
            f'data-checklist data-filter-label="{conditional_escape(_("Lọc danh sách"))}" '
            f'data-chosen-label="{conditional_escape(_("Đã chọn"))}">'
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(
                    f'\n  <div class="cndp-checklist-group small fw-semibold text-body-secondary">'
                    f"{_shown(group)}</div>"
                )
            for option in options:
                attrs = option["attrs"]
                parts.append(
                    f'\n  <div class="form-check"><input type="checkbox" name="{conditional_escape(option["name"])}" '
                    f'value="{escape(option["value"])}"{_plain_attrs_html(attrs)}><label class="form-check-label" '
                    f'for="{conditional_escape(attrs.get("id", ""))}">{_shown(option["label"])}</label></div>'
                )
        parts.append("\n</div>")
        return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


def _shown(value) -> str:
    """`{{ value }}` in a template: localised (a number, a date), then escaped."""
    return conditional_escape(localize(template_localtime(value)))


def _quoted(value) -> str:
    return f'"{conditional_escape(value)}"'


def _plain_attrs_html(attrs: dict) -> str:
    """`django/forms/widgets/attrs.html`: False left out, True as a bare name, each value written with
    `stringformat:'s'` (a plain string, so escaped even when it was marked safe)."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class GroupedModelChoiceIterator(ModelChoiceIterator):
    """The choices of a model whose rows belong to labelled lists (`choice_group`: (order, label), e.g.
    a province of the 34 or of the 63) as one `<optgroup>` per list, the lists by their order, the rows
    in the queryset's order within each; a single list stays flat."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[tuple, list] = {}
        for obj in self.queryset:
            groups.setdefault(tuple(obj.choice_group), []).append(self.choice(obj))
        if len(groups) == 1:
            yield from next(iter(groups.values()))
        else:
            for (_order, label), choices in sorted(groups.items()):
                yield (label, choices)


def group_model_choices(field: forms.Field) -> None:
    """Show a model choice's options in labelled groups if its model declares `choice_group`."""
    if (
        isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, forms.ModelMultipleChoiceField)
        and field.queryset is not None  # set later by the form (a queryset=None field)
        and hasattr(field.queryset.model, "choice_group")
        and issubclass(field.iterator, ModelChoiceIterator)
        and not issubclass(field.iterator, GroupedModelChoiceIterator)
        and getattr(field, "null_label", None) is None
    ):
        field.iterator = GroupedModelChoiceIterator
        field.widget.choices = field.choices


def confine_choices(form: forms.BaseForm, province_id: int | None, *, hide_single: bool = False) -> None:
    """Offer a user confined to a province nothing of another province: the provinces that are theirs (a
    model choice whose model declares `scope_choices_q`, the places' Province: their unit of the 34 and
    the units of the 63 it took over), and of a province-scoped model (`scope_path`) the records of their
    province and those of no province (the agency's units, national programmes). With `hide_single` (a
    filter), a province choice left with one province or none is removed: a filter that can only choose
    their own province filters nothing (the list is already theirs). So is one left with the same province
    once in each list (Hà Nội of the 34 and Hà Nội of the 63, a province the merger of 1/7/2025 left as it
    was): it would show their province twice and choose nothing; a merged province keeps the choice of
    the old provinces it took over."""
    if province_id is None:
        return
    for name, field in list(form.fields.items()):
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            continue
        model = field.queryset.model
        scope_q = getattr(model, "scope_choices_q", None)
        path = getattr(model, "scope_path", None)
        if scope_q is None and path:
            field.queryset = field.queryset.filter(Q(**{path: province_id}) | Q(**{f"{path}__isnull": True}))
            continue
        if scope_q is None:
            continue
        field.queryset = field.queryset.filter(scope_q(province_id))
        if hide_single and not field.required and _one_place(field.queryset):
            del form.fields[name]
        else:
            group_model_choices(field)


def _one_place(queryset) -> bool:
    """Do these choices name one place at most: none, one, or one in each labelled list (`choice_group`,
    the same province of the 34 and of the 63)?"""
    rows = list(queryset)
    if len(rows) <= 1:
        return True
    groups = [tuple(row.choice_group) for row in rows if hasattr(row, "choice_group")]
    return len(groups) == len(rows) and len(set(groups)) == len(rows)


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates stay declarative; a `<select multiple>` becomes a
    check list (`CheckList`); a model's choices in labelled lists (`choice_group`) shown as groups."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.SelectMultiple):
                multiple = field.widget
                field.widget = CheckList(attrs={k: v for k, v in multiple.attrs.items() if k != "size"})
                field.widget.choices = multiple.choices
                field.widget.is_required = multiple.is_required
            group_model_choices(field)
            widget = field.widget
            if isinstance(widget, CheckList):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(widget, forms.DateInput):
                # Typed as dd/mm/yyyy whatever the browser's locale (a date picker would follow the OS).
                widget.format = "%d/%m/%Y"
                widget.attrs.setdefault("placeholder", "dd/mm/yyyy")
                widget.attrs.setdefault("inputmode", "numeric")


class ModelForm(NFCFormMixin, BootstrapMixin, forms.ModelForm):
    """Base of every edit form."""


class Form(NFCFormMixin, BootstrapMixin, forms.Form):
    """Base of every plain form."""
