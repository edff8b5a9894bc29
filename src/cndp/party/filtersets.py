import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.filtersets import BaseFilterSet
from cndp.party.choices import Gender, MemberStanding, MemberStatus
from cndp.party.models import Member

# The standing asked for, as a condition on the period covering the date (MemberPeriod).
STANDING_PERIODS = {
    MemberStanding.IN_ORGANISATION: Q(in_organisation=True),
    MemberStanding.OFFICIAL: Q(in_organisation=True, status=MemberStatus.OFFICIAL),
    MemberStanding.PROBATIONARY: Q(in_organisation=True, status=MemberStatus.PROBATIONARY),
    MemberStanding.TEMPORARY_AWAY: Q(in_organisation=True, temporary_away=True),
    MemberStanding.EXEMPTED: Q(in_organisation=True, exempted=True),
    MemberStanding.SUSPENDED: Q(in_organisation=True, suspended=True),
    MemberStanding.LEFT: Q(in_organisation=False, has_left=True),
}


class CellFilter(django_filters.CharFilter):
    """Chi bộ, typed (its code, or its id) with suggestions from `party:cell_autocomplete` instead of a
    drop-down of every cell. An unknown cell lists nobody."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": "cell-options",
                    "autocomplete": "off",
                    "data-autocomplete": reverse_lazy("party:cell_autocomplete"),
                    "placeholder": _("Gõ tên hoặc mã chi bộ"),
                }
            ),
        )
        super().__init__(**kwargs)


def cell_from(value: str) -> Unit | None:
    """The cell a filter value names (its code, or its id); an unsaved stand-in that matches no member
    when none does; None when the value is empty."""
    value = (value or "").strip()
    if not value:
        return None
    lookup = Q(code=value)
    if value.isdigit() and len(value) < 19:  # an id (a longer number is none: beyond a BIGINT)
        lookup |= Q(pk=int(value))
    return Unit.objects.filter(kind="party_cell").filter(lookup).first() or Unit(pk=0, kind="party_cell")


class MemberFilterSet(BaseFilterSet):
    """Đảng viên: by cell and standing at a date (today unless «Tại ngày» is given), and by gender.

    With a date, the cell is the one the member belonged to on that date and only the members in the
    Party Committee on that date are listed (unless the standing asked for is «không còn trong Đảng bộ»).
    All in SQL: the member has a period covering the date with that standing (and cell).
    """

    at = django_filters.DateFilter(label=_("Tại ngày"), method="filter_later")
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=MemberStanding.choices, method="filter_later"
    )
    cell = CellFilter(label=_("Chi bộ"), method="filter_later")
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Gender.choices)

    class Meta(BaseFilterSet.Meta):
        model = Member
        fields = ["q", "at", "status", "cell", "gender"]

    def filter_later(self, queryset, name, value):
        return queryset  # applied together in filter_queryset: they depend on one another

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        at, status = data.get("at"), data.get("status")
        cell = cell_from(data.get("cell"))
        if not at and not status:
            return queryset.filter(cell=cell) if cell else queryset
        from cndp.party.selectors import periods_at

        standing = status or MemberStanding.IN_ORGANISATION
        periods = periods_at(at or timezone.localdate()).filter(STANDING_PERIODS[standing])
        if cell is not None:
            if standing == MemberStanding.LEFT:  # no cell on that date: the last one they had
                queryset = queryset.filter(cell=cell)
            else:
                periods = periods.filter(cell=cell)
        # a subquery (the database starts from the periods' index by cell and date), not a list of ids
        return queryset.filter(pk__in=periods.order_by().values("member_id"))
