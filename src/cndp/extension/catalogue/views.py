"""Reference data screens of industrial extension (danh mục): programmes and their yearly funds, activity
types and their funding caps, trades, priority areas, rubrics, the registration deadline rule."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from cndp.core import generic
from cndp.extension.catalogue import filtersets, forms, tables
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    FundingCap,
    PriorityArea,
    Programme,
    Rubric,
    ScheduleRule,
    Trade,
)


class ProgrammeViews(generic.Registry):
    model = Programme
    queryset = Programme.objects.select_related("province")
    table = tables.ProgrammeTable
    filterset = filtersets.ProgrammeFilterSet
    form = forms.ProgrammeForm
    detail_fields = Programme.FIELDS
    detail_template = "extension/programme_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {"targets": obj.targets.all(), "funds": obj.funds.all()}


class ActivityTypeViews(generic.Registry):
    model = ActivityType
    table = tables.ActivityTypeTable
    filterset = filtersets.ActivityTypeFilterSet
    form = forms.ActivityTypeForm
    detail_fields = ActivityType.FIELDS
    related_tables = [(gettext_lazy("Mức hỗ trợ tối đa"), "caps", tables.FundingCapTable)]


class FundingCapViews(generic.Registry):
    model = FundingCap
    queryset = FundingCap.objects.select_related("activity_type", "province")
    table = tables.FundingCapTable
    filterset = filtersets.FundingCapFilterSet
    form = forms.FundingCapForm
    detail_fields = FundingCap.FIELDS


class TradeViews(generic.Registry):
    model = Trade
    table = tables.TradeTable
    filterset = filtersets.TradeFilterSet
    form = forms.TradeForm
    detail_fields = Trade.FIELDS


class PriorityAreaViews(generic.Registry):
    model = PriorityArea
    table = tables.PriorityAreaTable
    filterset = filtersets.PriorityAreaFilterSet
    form = forms.PriorityAreaForm
    detail_fields = PriorityArea.FIELDS


class RubricViews(generic.Registry):
    model = Rubric
    table = tables.RubricTable
    filterset = filtersets.RubricFilterSet
    form = forms.RubricForm
    detail_fields = Rubric.FIELDS
    detail_template = "extension/rubric_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {"criteria": obj.criteria.all()}


class AnnualFundViews(generic.Registry):
    model = AnnualFund
    queryset = AnnualFund.objects.select_related("programme")
    table = tables.AnnualFundTable
    filterset = filtersets.AnnualFundFilterSet
    form = forms.AnnualFundForm
    detail_fields = AnnualFund.FIELDS


class ScheduleRuleViews(generic.Registry):
    model = ScheduleRule
    table = tables.ScheduleRuleTable
    filterset = filtersets.ScheduleRuleFilterSet
    form = forms.ScheduleRuleForm
    detail_fields = ScheduleRule.FIELDS
