"""Tables of industrial extension's reference data (danh mục)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable
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
from cndp.extension.projects.tables import MoneyColumn, YearColumn


class ProgrammeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên chương trình"))
    phase_start = YearColumn(verbose_name=_("Từ năm"))
    phase_end = YearColumn(verbose_name=_("Đến năm"))

    class Meta(BaseTable.Meta):
        model = Programme
        fields = ("code", "name", "scope", "province", "phase_start", "phase_end", "legal_basis")


class ActivityTypeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên nội dung"))

    class Meta(BaseTable.Meta):
        model = ActivityType
        fields = ("order", "code", "name", "valid_from", "valid_to", "legal_basis")


class FundingCapTable(BaseTable):
    activity_type = tables.Column(
        verbose_name=_("Nội dung hoạt động"), linkify=lambda record: record.get_absolute_url()
    )
    province = tables.Column(verbose_name=_("Phạm vi"), default=_("Quốc gia"))
    max_amount = MoneyColumn(verbose_name=_("Số tiền tối đa (đồng)"))

    class Meta(BaseTable.Meta):
        model = FundingCap
        fields = (
            "activity_type",
            "province",
            "share_percent",
            "max_amount",
            "per",
            "line_multiplier",
            "valid_from",
            "valid_to",
            "legal_basis",
            "confirmed",
        )


class TradeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên ngành nghề"))

    class Meta(BaseTable.Meta):
        model = Trade
        fields = ("order", "code", "name", "valid_from", "valid_to", "legal_basis")


class PriorityAreaTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên"))

    class Meta(BaseTable.Meta):
        model = PriorityArea
        fields = ("kind", "code", "name", "valid_from", "valid_to", "legal_basis")


class RubricTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên bộ tiêu chí"))

    class Meta(BaseTable.Meta):
        model = Rubric
        fields = ("code", "name", "scale", "pass_score", "min_reviewers", "valid_from", "valid_to")


class AnnualFundTable(BaseTable):
    year = YearColumn(verbose_name=_("Năm kế hoạch"), linkify=lambda record: record.get_absolute_url())
    amount = MoneyColumn(verbose_name=_("Kinh phí (đồng)"))

    class Meta(BaseTable.Meta):
        model = AnnualFund
        fields = ("year", "programme", "amount", "decision", "note")


class ScheduleRuleTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên quy định"))

    class Meta(BaseTable.Meta):
        model = ScheduleRule
        fields = (
            "name",
            "registration_day",
            "registration_month",
            "valid_from",
            "valid_to",
            "confirmed",
        )
