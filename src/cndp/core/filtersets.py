"""FilterSet base (bộ lọc): one per model, serving the HTML list, the API and the Excel export."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.core.forms import BootstrapMixin
from cndp.core.text import nfc


class FilterForm(BootstrapMixin, forms.Form):
    """The filter form shown above a list."""


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`: accent-insensitive search over the model's folded search column."""

    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))

    class Meta:
        form = FilterForm

    def search(self, queryset, name, value):
        value = nfc(value)
        if not value:
            return queryset
        return queryset.search(value)
