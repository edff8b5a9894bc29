import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.filtersets import BaseFilterSet
from cndp.party.choices import Gender, MemberStanding
from cndp.party.models import Member

STANDING_TESTS = {
    MemberStanding.IN_ORGANISATION: lambda s: s.in_organisation,
    MemberStanding.OFFICIAL: lambda s: s.in_organisation and s.is_official,
    MemberStanding.PROBATIONARY: lambda s: s.in_organisation and not s.is_official,
    MemberStanding.TEMPORARY_AWAY: lambda s: s.in_organisation and s.temporary_away,
    MemberStanding.EXEMPTED: lambda s: s.in_organisation and s.exempted,
    MemberStanding.SUSPENDED: lambda s: s.in_organisation and s.suspended,
    MemberStanding.LEFT: lambda s: not s.in_organisation and s.left_on is not None,
}


class MemberFilterSet(BaseFilterSet):
    """Đảng viên: by cell and standing at a date (today unless «Tại ngày» is given), and by gender.

    With a date, the cell is the one the member belonged to on that date and only the members in the
    Party Committee on that date are listed (unless the standing asked for is «không còn trong Đảng bộ»).
    """

    at = django_filters.DateFilter(label=_("Tại ngày"), method="filter_later")
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=MemberStanding.choices, method="filter_later"
    )
    cell = django_filters.ModelChoiceFilter(
        label=_("Chi bộ"), queryset=Unit.objects.filter(kind="party_cell"), method="filter_later"
    )
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)

    class Meta(BaseFilterSet.Meta):
        model = Member
        fields = ["q", "at", "status", "cell", "gender"]

    def filter_later(self, queryset, name, value):
        return queryset  # applied together in filter_queryset: they depend on one another

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        at, status, cell = data.get("at"), data.get("status"), data.get("cell")
        if not at and not status:
            return queryset.filter(cell=cell) if cell else queryset
        from cndp.party.selectors import member_states

        test = STANDING_TESTS[status or MemberStanding.IN_ORGANISATION]
        states = member_states(queryset, at or timezone.localdate())
        keep = [
            pk
            for pk, (state, cell_id) in states.items()
            if state is not None and test(state) and (cell is None or cell_id == cell.pk)
        ]
        return queryset.filter(pk__in=keep)
