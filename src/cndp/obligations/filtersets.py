import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.obligations import kinds
from cndp.obligations.choices import State
from cndp.obligations.models import CalendarRule, Obligation
from cndp.places.models import Province


class ObligationFilterSet(BaseFilterSet):
    """Nghĩa vụ báo cáo: by kind, province, state, due date and escalation."""

    kind = django_filters.ChoiceFilter(label=_("Loại báo cáo"), choices=kinds.choices)
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), queryset=Province.objects.filter(version="34").order_by("code")
    )
    state = django_filters.MultipleChoiceFilter(label=_("Tình trạng"), choices=State.choices)
    due_from = django_filters.DateFilter(label=_("Hạn nộp từ ngày"), field_name="due_on", lookup_expr="gte")
    due_to = django_filters.DateFilter(label=_("Hạn nộp đến ngày"), field_name="due_on", lookup_expr="lte")
    escalated = django_filters.BooleanFilter(label=_("Đã báo trễ hạn"), method="filter_escalated")

    class Meta(BaseFilterSet.Meta):
        model = Obligation
        fields = ["kind", "province", "state", "due_from", "due_to", "escalated"]

    def filter_escalated(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(escalation__gt=0) if value else queryset.filter(escalation=0)


class CalendarRuleFilterSet(BaseFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = CalendarRule
        fields = ["period_type", "confirmed"]
