import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.filtersets import BaseFilterSet
from cndp.party.choices import Gender, MemberStatus
from cndp.party.models import Member


class MemberFilterSet(BaseFilterSet):
    cell = django_filters.ModelChoiceFilter(
        label=_("Chi bộ"), queryset=Unit.objects.filter(kind="party_cell")
    )
    status = django_filters.ChoiceFilter(
        label=_("Loại đảng viên"), choices=MemberStatus.choices, method="filter_status"
    )
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)

    class Meta(BaseFilterSet.Meta):
        model = Member
        fields = ["q", "cell", "status", "gender"]

    def filter_status(self, queryset, name, value):
        today = datetime.date.today()
        official = Q(official_on__isnull=False, official_on__lte=today)
        return queryset.filter(official) if value == MemberStatus.OFFICIAL else queryset.exclude(official)
