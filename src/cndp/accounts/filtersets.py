import django_filters
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import Role, UnitKind
from cndp.accounts.models import Unit, User
from cndp.core.filtersets import BaseFilterSet
from cndp.places.models import Province


class UnitFilterSet(BaseFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices)
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), queryset=Province.objects.filter(version="34")
    )
    parent = django_filters.ModelChoiceFilter(
        label=_("Đơn vị cấp trên"), queryset=Unit.objects.exclude(kind__in=["doit", "extension_centre"])
    )

    class Meta(BaseFilterSet.Meta):
        model = Unit
        fields = ["q", "kind", "province", "parent", "is_active"]


def _visible_units(request):
    """The units to filter users by: those the user may see (a province officer: their province's)."""
    if request is None:
        return Unit.objects.all()
    return Unit.objects.restrict(request.user, "view")


class UserFilterSet(BaseFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Đơn vị"), queryset=_visible_units)
    role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=Role.choices, method="filter_role")

    class Meta(BaseFilterSet.Meta):
        model = User
        fields = ["q", "unit", "role", "is_active", "is_agency_staff"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(groups__in=Group.objects.filter(name=value))
