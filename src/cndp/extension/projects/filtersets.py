"""Project filter sets: one per model, for the HTML list, the API and the Excel export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.extension.choices import BeneficiaryKind, ProjectStatus
from cndp.extension.models import ActivityType, Beneficiary, Programme, Project
from cndp.places.models import Province

# What a filter's options read of their records (the label, its group, the order): every select of the form
# is read on each page, and a record built with every column of a dated reference costs more than its label.
PROVINCE_CHOICE_FIELDS = ("version", "code", "name")
ACTIVITY_TYPE_CHOICE_FIELDS = ("code", "name", "order")
PROGRAMME_CHOICE_FIELDS = ("code", "name", "phase_start", "phase_end")


class ProjectFilterSet(BaseFilterSet):
    """Đề án: by plan year, province (today's 34 units, which cover the old ones), activity type, status,
    programme."""

    plan_year = django_filters.NumberFilter(label=_("Năm kế hoạch"))
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"),
        field_name="province_current",
        queryset=Province.objects.filter(version="34").order_by("code").only(*PROVINCE_CHOICE_FIELDS),
    )
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Nội dung hoạt động"), queryset=ActivityType.objects.only(*ACTIVITY_TYPE_CHOICE_FIELDS)
    )
    status = django_filters.MultipleChoiceFilter(label=_("Trạng thái"), choices=ProjectStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Chương trình"), queryset=Programme.objects.only(*PROGRAMME_CHOICE_FIELDS)
    )

    class Meta(BaseFilterSet.Meta):
        model = Project
        fields = ["q", "plan_year", "province", "activity_type", "status", "programme"]


class BeneficiaryFilterSet(BaseFilterSet):
    plan_year = django_filters.NumberFilter(label=_("Năm kế hoạch"), field_name="project__plan_year")
    project = django_filters.NumberFilter(label=_("Đề án (mã số)"), field_name="project_id")
    kind = django_filters.ChoiceFilter(label=_("Loại hình"), choices=BeneficiaryKind.choices)
    women_owned = django_filters.BooleanFilter(label=_("Do phụ nữ làm chủ"))
    ethnic_minority_owned = django_filters.BooleanFilter(label=_("Do người dân tộc thiểu số làm chủ"))

    class Meta(BaseFilterSet.Meta):
        model = Beneficiary
        fields = ["q", "plan_year", "project", "kind", "women_owned", "ethnic_minority_owned"]
