import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.places.choices import ProvinceKind, ProvinceVersion, RegionGrouping
from cndp.places.models import Province, Region


class ProvinceFilterSet(BaseFilterSet):
    version = django_filters.ChoiceFilter(label=_("Phiên bản"), choices=ProvinceVersion.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=ProvinceKind.choices)
    valid_at = django_filters.DateFilter(label=_("Có hiệu lực vào ngày"), method="filter_valid_at")

    class Meta(BaseFilterSet.Meta):
        model = Province
        fields = ["q", "version", "kind", "valid_at"]

    def filter_valid_at(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=value),
            Q(valid_to__isnull=True) | Q(valid_to__gte=value),
        )


class RegionFilterSet(BaseFilterSet):
    grouping = django_filters.ChoiceFilter(label=_("Cách phân vùng"), choices=RegionGrouping.choices)

    class Meta(BaseFilterSet.Meta):
        model = Region
        fields = ["q", "grouping", "confirmed"]
