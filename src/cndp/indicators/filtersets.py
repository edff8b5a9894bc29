"""Filter sets of local-industry monitoring: one per model for the list, the API and the Excel export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.indicators.choices import PeriodType, ValueState
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission
from cndp.obligations.choices import State
from cndp.places.models import Province


def _provinces(request=None):
    return Province.objects.order_by("-version", "code")


class IndicatorFilterSet(BaseFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Indicator
        fields = ["period_type", "aggregation"]


class DataSetFilterSet(BaseFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = DataSet
        fields = ["period_type"]


class DataValueFilterSet(BaseFilterSet):
    """Số liệu: by indicator, province (as it was), period type and start, state."""

    indicator = django_filters.ModelChoiceFilter(label=_("Chỉ tiêu"), queryset=Indicator.objects.all())
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=_provinces)
    period_type = django_filters.ChoiceFilter(label=_("Kỳ số liệu"), choices=PeriodType.choices)
    period_from = django_filters.DateFilter(
        label=_("Kỳ từ ngày"), field_name="period_start", lookup_expr="gte"
    )
    period_to = django_filters.DateFilter(
        label=_("Kỳ đến ngày"), field_name="period_start", lookup_expr="lte"
    )
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=ValueState.choices)

    class Meta(BaseFilterSet.Meta):
        model = DataValue
        fields = ["indicator", "province", "period_type", "period_from", "period_to", "state"]


class SubmissionFilterSet(BaseFilterSet):
    """Báo cáo số liệu: by data set, province, period and the obligation's state."""

    dataset = django_filters.ModelChoiceFilter(label=_("Bộ chỉ tiêu"), queryset=DataSet.objects.all())
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=_provinces)
    period_from = django_filters.DateFilter(
        label=_("Kỳ từ ngày"), field_name="period_start", lookup_expr="gte"
    )
    period_to = django_filters.DateFilter(
        label=_("Kỳ đến ngày"), field_name="period_start", lookup_expr="lte"
    )
    state = django_filters.MultipleChoiceFilter(
        label=_("Tình trạng"), choices=State.choices, field_name="obligation__state"
    )

    class Meta(BaseFilterSet.Meta):
        model = Submission
        fields = ["dataset", "province", "period_from", "period_to", "state"]
