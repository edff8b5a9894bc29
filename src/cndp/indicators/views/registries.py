"""Registries (danh mục) of local-industry monitoring: indicators, data sets, values (each value's page
has the history tab: who, when, old → new) and submissions (their page is the entry grid)."""

from django.utils.translation import gettext_lazy as _

from cndp.core import generic
from cndp.indicators import filtersets, tables
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission


class IndicatorViews(generic.Registry):
    model = Indicator
    queryset = Indicator.objects.select_related("weight", "numerator", "denominator")
    table = tables.IndicatorTable
    filterset = filtersets.IndicatorFilterSet
    detail_fields = [
        "code", "name", "name_en", "unit", "period_type", "aggregation", "weight", "numerator", "denominator",
        "factor", "decimals", "min_value", "max_value", "valid_from", "valid_to", "legal_basis", "note",
    ]  # fmt: skip
    allow_delete = False


class DataSetViews(generic.Registry):
    model = DataSet
    queryset = DataSet.objects.select_related("rule")
    table = tables.DataSetTable
    filterset = filtersets.DataSetFilterSet
    detail_fields = ["code", "name", "period_type", "rule", "outlier_share", "valid_from", "valid_to"]
    related_tables = [(_("Chỉ tiêu trong bộ"), "indicators", tables.IndicatorTable)]
    allow_delete = False


class DataValueViews(generic.Registry):
    model = DataValue
    queryset = DataValue.objects.select_related("indicator", "province")
    table = tables.DataValueTable
    filterset = filtersets.DataValueFilterSet
    detail_fields = ["indicator", "province", "period_type", "period_start", "value", "comment", "state"]
    allow_delete = False


class SubmissionViews(generic.Registry):
    model = Submission
    queryset = Submission.objects.select_related("dataset", "province", "obligation")
    table = tables.SubmissionTable
    filterset = filtersets.SubmissionFilterSet
    allow_delete = False
