"""Form bases (biểu mẫu): every text input is NFC-normalised at the boundary."""

from __future__ import annotations

import unicodedata

from django import forms
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


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates stay declarative."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
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
