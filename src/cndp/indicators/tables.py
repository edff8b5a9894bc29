"""Tables of local-industry monitoring (bảng chỉ tiêu, bộ chỉ tiêu, số liệu, báo cáo số liệu)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission


class IndicatorTable(BaseTable):
    code = tables.Column(linkify=True, verbose_name=_("Mã"))

    class Meta(BaseTable.Meta):
        model = Indicator
        fields = ("code", "name", "unit", "period_type", "aggregation", "decimals", "valid_from", "valid_to")
        exclude = ("actions",)


class DataSetTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Bộ chỉ tiêu"))

    class Meta(BaseTable.Meta):
        model = DataSet
        fields = ("code", "name", "period_type", "rule", "outlier_share", "valid_from", "valid_to")
        exclude = ("actions",)


class DataValueTable(ProvinceColumnsMixin, BaseTable):
    indicator = tables.Column(
        verbose_name=_("Chỉ tiêu"), accessor="indicator__code", order_by=("indicator__code",), linkify=False
    )
    period = tables.Column(verbose_name=_("Kỳ"), accessor="period_start", empty_values=())
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"), accessor="province__name", order_by=("province__code",)
    )
    value = tables.Column(verbose_name=_("Giá trị"), linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = DataValue
        fields = ("indicator", "period", "province", "value", "state", "comment", "updated")
        exclude = ("actions",)

    def render_period(self, record):
        return record.period.code

    def value_period(self, record):
        return record.period.code


class SubmissionTable(ProvinceColumnsMixin, BaseTable):
    title = tables.Column(
        verbose_name=_("Báo cáo số liệu"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("-period_start",),
    )
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"), accessor="province__name", order_by=("province__code",)
    )
    due_on = tables.DateColumn(verbose_name=_("Hạn nộp"), accessor="obligation__due_on", format="d/m/Y")
    state = tables.Column(
        verbose_name=_("Tình trạng"), accessor="obligation__state", order_by=("obligation__state",)
    )

    class Meta(BaseTable.Meta):
        model = Submission
        fields = ("title", "province", "due_on", "state")
        exclude = ("actions",)

    def render_title(self, record):
        return f"{record.dataset.name} — {record.period.label}"

    def value_title(self, record):
        return self.render_title(record)

    def render_state(self, record):
        return record.obligation.get_state_display() if record.obligation_id else _("Chưa nộp")

    def value_state(self, record):
        return str(self.render_state(record))
