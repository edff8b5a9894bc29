"""Tables of industrial clusters (bảng danh sách)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cndp.clusters import rules
from cndp.clusters.models import Cluster, ClusterCondition, ClusterReport, SecondaryProject
from cndp.core.numbers import separators
from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable, ChoiceColumn


class NumberColumn(tables.Column):
    """A number in Vietnamese style on screen (1.234,5), the number itself in Excel."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return localize(value)

    def value(self, value):
        return value


class OccupancyColumn(NumberColumn):
    def render(self, value):
        return rules.percent(value, **separators())

    def value(self, value):
        return float(value) if value is not None else None


class FlagColumn(tables.Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Nghị định 32"))
        kwargs.setdefault("empty_values", ())
        super().__init__(accessor="flagged", **kwargs)

    def render(self, record):
        if not record.flagged:
            return ""
        return format_html(
            '<span class="badge text-bg-warning" title="{}">{}</span>',
            "; ".join(f.get("code", "") for f in record.flags or []),
            _("Chưa đáp ứng"),
        )

    def value(self, record):
        return "; ".join(f.get("basis", "") for f in record.flags or [])


class ClusterTable(ProvinceColumnsMixin, BaseTable):
    # Today's province, always theirs, hidden from a province officer (core.scoped_columns); the
    # province as it was when registered stays (a merged province's clusters differ there).
    province_columns = ("province_current",)
    code = tables.Column(linkify=True, verbose_name=_("Mã cụm"), attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên cụm công nghiệp"), attrs={"td": {"style": "min-width: 14rem"}})
    province_current = tables.Column(verbose_name=_("Tỉnh, thành phố"), order_by=("province_current__code",))
    province = tables.Column(
        verbose_name=_("Tỉnh (khi đăng ký)"), order_by=("province__code",), visible=False
    )
    old_district = tables.Column(verbose_name=_("Huyện cũ"), visible=False)
    commune = tables.Column(verbose_name=_("Xã, phường"))
    kind = ChoiceColumn("kind", verbose_name=_("Loại"))
    status = ChoiceColumn("status", verbose_name=_("Trạng thái"))
    area = NumberColumn(
        verbose_name=_("Diện tích (ha)"), accessor="area", order_by=("established_area", "planned_area")
    )
    industrial_land = NumberColumn(verbose_name=_("Đất CN (ha)"))
    leased_area = NumberColumn(verbose_name=_("Đã cho thuê (ha)"))
    occupancy = OccupancyColumn(verbose_name=_("Lấp đầy"))
    wastewater = ChoiceColumn("wastewater", verbose_name=_("Xử lý nước thải"))
    developer_name = tables.Column(verbose_name=_("Chủ đầu tư hạ tầng"), visible=False)
    labour = NumberColumn(verbose_name=_("Lao động"), visible=False)
    flag = FlagColumn()

    class Meta(BaseTable.Meta):
        model = Cluster
        fields = ()
        sequence = (
            "code",
            "name",
            "province_current",
            "province",
            "old_district",
            "commune",
            "kind",
            "status",
            "area",
            "industrial_land",
            "leased_area",
            "occupancy",
            "wastewater",
            "developer_name",
            "labour",
            "flag",
            "actions",
        )


class ProjectTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên dự án"))
    investor = tables.Column(verbose_name=_("Nhà đầu tư"))
    cluster = tables.Column(verbose_name=_("Cụm công nghiệp"), linkify=True, order_by=("cluster__code",))
    trade = tables.Column(verbose_name=_("Ngành nghề"))
    area = NumberColumn(verbose_name=_("Diện tích (ha)"))
    capital = NumberColumn(verbose_name=_("Vốn đăng ký (đồng)"))
    workers = NumberColumn(verbose_name=_("Lao động"))
    fdi = tables.BooleanColumn(verbose_name=_("FDI"))
    status = ChoiceColumn("status", verbose_name=_("Trạng thái"))

    class Meta(BaseTable.Meta):
        model = SecondaryProject
        fields = ()
        sequence = (
            "name",
            "investor",
            "cluster",
            "trade",
            "area",
            "capital",
            "workers",
            "fdi",
            "status",
            "actions",
        )


class DecisionTable(BaseTable):
    kind = ChoiceColumn("kind", verbose_name=_("Quyết định"))
    number = tables.Column(verbose_name=_("Số"))
    date = tables.DateColumn(verbose_name=_("Ngày"))
    issuer = tables.Column(verbose_name=_("Cơ quan ban hành"))
    area = NumberColumn(verbose_name=_("Diện tích (ha)"))
    to_status = ChoiceColumn("to_status", verbose_name=_("Trạng thái mới"))
    recorded_by = tables.Column(verbose_name=_("Người ghi nhận"))

    class Meta(BaseTable.Meta):
        fields = ()
        exclude = ("actions",)


class ReportTable(ProvinceColumnsMixin, BaseTable):
    title = tables.Column(
        verbose_name=_("Báo cáo"), accessor="pk", linkify=lambda record: record.get_absolute_url()
    )
    form = ChoiceColumn("form", verbose_name=_("Biểu mẫu"))
    province = tables.Column(verbose_name=_("Tỉnh, thành phố"), order_by=("province__code",))
    period_end = tables.DateColumn(verbose_name=_("Số liệu đến ngày"))
    due_on = tables.DateColumn(verbose_name=_("Hạn nộp"), accessor="obligation__due_on")
    state = tables.Column(
        verbose_name=_("Tình trạng"), accessor="obligation__state", order_by=("obligation__state",)
    )

    class Meta(BaseTable.Meta):
        model = ClusterReport
        fields = ()
        sequence = ("title", "form", "province", "period_end", "due_on", "state", "actions")

    def render_title(self, record):
        return str(record)

    def value_title(self, record):
        return str(record)

    def render_state(self, record):
        return record.obligation.get_state_display() if record.obligation_id else "—"

    def value_state(self, record):
        return self.render_state(record)


class ConditionTable(BaseTable):
    key = ChoiceColumn("key", verbose_name=_("Điều kiện"))
    applies_to = ChoiceColumn("applies_to", verbose_name=_("Áp dụng cho"))
    min_area = NumberColumn(verbose_name=_("Tối thiểu (ha)"))
    max_area = NumberColumn(verbose_name=_("Tối đa (ha)"))
    share = NumberColumn(verbose_name=_("Tỷ lệ"))
    unleased = NumberColumn(verbose_name=_("Đất chưa thuê (ha)"))
    area_level = ChoiceColumn("area_level", verbose_name=_("Địa bàn"))
    valid_from = tables.DateColumn(verbose_name=_("Từ ngày"))
    valid_to = tables.DateColumn(verbose_name=_("Đến ngày"))
    legal_basis = tables.Column(verbose_name=_("Căn cứ pháp lý"))

    class Meta(BaseTable.Meta):
        model = ClusterCondition
        fields = ()
        sequence = (
            "key",
            "applies_to",
            "min_area",
            "max_area",
            "share",
            "unleased",
            "area_level",
            "valid_from",
            "valid_to",
            "legal_basis",
            "actions",
        )
