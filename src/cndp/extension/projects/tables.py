"""Project tables: the registry's list (also its Excel columns), beneficiaries, transitions, the ledger; the
year and money columns every extension table uses."""

import django_tables2 as tables
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable, ChoiceColumn, body_language, escape_html, localize_int
from cndp.extension.models import Beneficiary, LedgerEntry, Project, ProjectTransition


class YearColumn(tables.Column):
    """A year: 2026, never 2.026."""

    def render(self, value):
        return str(value)

    def value(self, value):
        return value


class MoneyColumn(tables.Column):
    """VND shown as 1.234.567 (right-aligned); exported to Excel as the number itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value, table):
        return localize_int(value, body_language(table))

    def value(self, value):
        return value


class ProjectTable(BaseTable):
    code = tables.Column(linkify=True, verbose_name=_("Mã đề án"), attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên đề án"), attrs={"td": {"style": "min-width: 18rem"}})
    plan_year = YearColumn(verbose_name=_("Năm"))
    province = tables.Column(verbose_name=_("Tỉnh, thành phố"), order_by=("province__code",))
    # Shown under the project's name on screen (a narrow column of its own wrapped word by word); its own
    # column in the Excel file.
    activity_type = tables.Column(
        verbose_name=_("Nội dung"), order_by=("activity_type__order",), visible=False
    )
    extension_funds = MoneyColumn(verbose_name=_("Kinh phí khuyến công (đồng)"))
    total_funds = MoneyColumn(verbose_name=_("Tổng kinh phí (đồng)"))
    score = tables.Column(verbose_name=_("Điểm"), attrs={"td": {"class": "text-end"}})
    status = ChoiceColumn("status", verbose_name=_("Trạng thái"), attrs={"td": {"style": "min-width: 9rem"}})

    class Meta(BaseTable.Meta):
        model = Project
        fields = (
            "code",
            "name",
            "plan_year",
            "province",
            "activity_type",
            "extension_funds",
            "total_funds",
            "score",
            "status",
        )

    def render_province(self, record):
        return record.province.short_name

    def render_name(self, record):
        return SafeString(
            f'{escape_html(record.name)}<div class="small text-muted">{escape_html(record.activity_type.name)}</div>'
        )

    def value_name(self, record):
        return record.name

    def value_province(self, record):
        return record.province.name


class BeneficiaryTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên cơ sở"))
    project = tables.Column(
        verbose_name=_("Đề án"),
        accessor="project__code",
        linkify=lambda record: record.project.get_absolute_url(),
    )

    class Meta(BaseTable.Meta):
        model = Beneficiary
        fields = ("name", "project", "kind", "tax_code", "labour", "women_owned", "ethnic_minority_owned")


class TransitionTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = ProjectTransition
        fields = ("at", "source", "target", "actor", "decision_number", "decision_date", "comment")
        exclude = ("actions",)


class LedgerTable(BaseTable):
    amount = MoneyColumn(verbose_name=_("Số tiền (đồng)"))

    class Meta(BaseTable.Meta):
        model = LedgerEntry
        fields = ("on", "kind", "amount", "document_number", "note", "recorded_by")
        exclude = ("actions",)
