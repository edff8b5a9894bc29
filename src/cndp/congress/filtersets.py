import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.congress.choices import CongressKind, CongressStatus, Exclusion
from cndp.congress.models import Congress, Delegate
from cndp.core.filtersets import BaseFilterSet


class CongressFilterSet(BaseFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại đại hội"), choices=CongressKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CongressStatus.choices)

    class Meta(BaseFilterSet.Meta):
        model = Congress
        fields = ["q", "kind", "status"]


class DelegateFilterSet(BaseFilterSet):
    congress = django_filters.ModelChoiceFilter(label=_("Đại hội"), queryset=Congress.objects.all())
    is_official = django_filters.BooleanFilter(label=_("Đảng viên chính thức"))
    present = django_filters.BooleanFilter(label=_("Đang có mặt"))
    exclusion = django_filters.ChoiceFilter(label=_("Không tính vào cơ sở"), choices=Exclusion.choices)

    class Meta(BaseFilterSet.Meta):
        model = Delegate
        fields = ["q", "congress", "is_official", "present", "exclusion"]
