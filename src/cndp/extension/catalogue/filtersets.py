"""Filter sets of industrial extension's reference data (danh mục)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.extension.choices import PriorityKind, ProgrammeScope
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    FundingCap,
    PriorityArea,
    Programme,
    Rubric,
    ScheduleRule,
    Trade,
    valid_at,
)
from cndp.places.models import Province


class DatedFilterSet(BaseFilterSet):
    valid_at = django_filters.DateFilter(label=_("Có hiệu lực vào ngày"), method="filter_valid_at")

    def filter_valid_at(self, queryset, name, value):
        return valid_at(queryset, value)


class ProgrammeFilterSet(DatedFilterSet):
    scope = django_filters.ChoiceFilter(label=_("Cấp"), choices=ProgrammeScope.choices)

    class Meta(BaseFilterSet.Meta):
        model = Programme
        fields = ["q", "scope", "valid_at"]


class ActivityTypeFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = ActivityType
        fields = ["q", "valid_at"]


class FundingCapFilterSet(DatedFilterSet):
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Nội dung hoạt động"), queryset=ActivityType.objects.all()
    )
    national = django_filters.BooleanFilter(
        label=_("Mức quốc gia"), field_name="province", lookup_expr="isnull"
    )
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=Province.objects.all())

    class Meta(BaseFilterSet.Meta):
        model = FundingCap
        fields = ["q", "activity_type", "national", "province", "valid_at"]


class TradeFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Trade
        fields = ["q", "valid_at"]


class PriorityAreaFilterSet(DatedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Nhóm"), choices=PriorityKind.choices)

    class Meta(BaseFilterSet.Meta):
        model = PriorityArea
        fields = ["q", "kind", "valid_at"]


class RubricFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Rubric
        fields = ["q", "valid_at"]


class AnnualFundFilterSet(BaseFilterSet):
    year = django_filters.NumberFilter(label=_("Năm kế hoạch"))
    programme = django_filters.ModelChoiceFilter(label=_("Chương trình"), queryset=Programme.objects.all())

    class Meta(BaseFilterSet.Meta):
        model = AnnualFund
        fields = ["q", "year", "programme"]


class ScheduleRuleFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = ScheduleRule
        fields = ["q", "valid_at"]
