import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable
from cndp.obligations.models import CalendarRule, Obligation


class ObligationTable(ProvinceColumnsMixin, BaseTable):
    """Nghĩa vụ báo cáo: what is owed, by whom, by when, how late and whom it was reported to."""

    title = tables.Column(verbose_name=_("Báo cáo"), linkify=lambda record: record.get_absolute_url())
    kind = tables.Column(verbose_name=_("Loại báo cáo"), accessor="kind_label", order_by=("kind",))
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"), accessor="province__name", order_by=("province__code",)
    )
    unit = tables.Column(
        verbose_name=_("Đơn vị phải báo cáo"), accessor="unit__name", order_by=("unit__name",)
    )
    period_end = tables.DateColumn(verbose_name=_("Số liệu đến"), format="d/m/Y")
    due_on = tables.DateColumn(verbose_name=_("Hạn nộp"), format="d/m/Y")
    late = tables.Column(verbose_name=_("Quá hạn (ngày)"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Obligation
        fields = ("title", "kind", "province", "unit", "period_end", "due_on", "state", "late", "escalation")
        exclude = ("actions",)

    def render_late(self, record):
        return _late(record) or "—"

    def value_late(self, record):
        return _late(record)


def _late(record) -> int:
    if not record.is_open:
        return 0
    return max((timezone.localdate() - record.due_on).days, 0)


class CalendarRuleTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên quy định"))
    kinds = tables.Column(verbose_name=_("Loại báo cáo áp dụng"), accessor="kind_labels", orderable=False)

    class Meta(BaseTable.Meta):
        model = CalendarRule
        fields = (
            "name",
            "kinds",
            "period_type",
            "due_day",
            "cutoff_day",
            "remind_days",
            "valid_from",
            "confirmed",
        )
        exclude = ("actions",)
