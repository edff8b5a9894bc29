"""FilterSet base (bộ lọc): one per model, serving the HTML list, the API and the Excel export."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.core.forms import BootstrapMixin
from cndp.core.text import nfc


class FilterForm(BootstrapMixin, forms.Form):
    """The filter form shown above a list."""


# A number filter accepts only what every database can compare with a 64-bit integer column: SQLite
# raises OverflowError past it (a 500), so a larger value is refused as invalid instead (400 in the API).
NUMBER_BOUNDS = {"min_value": -(2**63), "max_value": 2**63 - 1}


class BaseFilterSet(django_filters.FilterSet):
    """Adds `q`: accent-insensitive search over the model's folded search column; bounds every number
    filter to the 64-bit range."""

    q = django_filters.CharFilter(method="search", label=_("Tìm kiếm"))

    class Meta:
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if type(filter_) is django_filters.NumberFilter:
                for key, bound in NUMBER_BOUNDS.items():
                    filter_.extra.setdefault(key, bound)

    def search(self, queryset, name, value):
        value = nfc(value)
        if not value:
            return queryset
        return queryset.search(value)
