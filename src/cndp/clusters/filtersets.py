"""Filter sets of industrial clusters: one per model, serving the list, the API and the Excel export."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from cndp.clusters.choices import (
    ClusterKind,
    ClusterStatus,
    ConditionKey,
    Period,
    ProjectStatus,
    ReportForm,
    Wastewater,
)
from cndp.clusters.models import Cluster, ClusterCondition, ClusterReport, SecondaryProject
from cndp.core.filtersets import BaseFilterSet
from cndp.obligations.choices import State
from cndp.places.models import Province, Region

PROVINCES_34 = Province.objects.filter(version="34").order_by("code")


class ClusterFilterSet(BaseFilterSet):
    """Cụm công nghiệp: by today's province or the old one, region, kind, status, wastewater, flagged."""

    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), field_name="province_current", queryset=PROVINCES_34
    )
    province_old = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố (trước 1/7/2025)"),
        field_name="province",
        queryset=Province.objects.filter(version="63").order_by("code"),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Vùng"), queryset=Region.objects.all(), method="filter_region"
    )
    kind = django_filters.ChoiceFilter(label=_("Loại cụm"), choices=ClusterKind.choices)
    status = django_filters.MultipleChoiceFilter(label=_("Trạng thái"), choices=ClusterStatus.choices)
    wastewater = django_filters.ChoiceFilter(label=_("Xử lý nước thải"), choices=Wastewater.choices)
    flagged = django_filters.BooleanFilter(label=_("Chưa đáp ứng Nghị định 32"))

    class Meta(BaseFilterSet.Meta):
        model = Cluster
        fields = ["q", "province", "province_old", "region", "kind", "status", "wastewater", "flagged"]

    def filter_region(self, queryset, name, value: Region):
        if not value:
            return queryset
        old = list(value.provinces.values_list("pk", "successor_id"))
        ids = {pk for pk, _ in old} | {successor for _, successor in old if successor}
        return queryset.filter(province__in=ids)


class ProjectFilterSet(BaseFilterSet):
    cluster = django_filters.NumberFilter(label=_("Cụm (mã số)"), field_name="cluster_id")
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), field_name="cluster__province_current", queryset=PROVINCES_34
    )
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ProjectStatus.choices)
    fdi = django_filters.BooleanFilter(label=_("Dự án FDI"))

    class Meta(BaseFilterSet.Meta):
        model = SecondaryProject
        fields = ["q", "cluster", "province", "status", "fdi"]


class ReportFilterSet(BaseFilterSet):
    form = django_filters.ChoiceFilter(label=_("Biểu mẫu"), choices=ReportForm.choices)
    year = django_filters.NumberFilter(label=_("Năm"))
    period = django_filters.ChoiceFilter(label=_("Kỳ"), choices=Period.choices)
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=PROVINCES_34)
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=State.choices, field_name="obligation__state"
    )
    cluster = django_filters.NumberFilter(label=_("Cụm (mã số)"), field_name="cluster_id")

    class Meta(BaseFilterSet.Meta):
        model = ClusterReport
        fields = ["q", "form", "year", "period", "province", "state", "cluster"]


class ConditionFilterSet(BaseFilterSet):
    key = django_filters.ChoiceFilter(label=_("Điều kiện"), choices=ConditionKey.choices)

    class Meta(BaseFilterSet.Meta):
        model = ClusterCondition
        fields = ["q", "key"]
