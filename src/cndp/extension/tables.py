import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable, ChoiceColumn, DateColumn
from cndp.extension import lifecycle
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    Beneficiary,
    FundingCap,
    LedgerEntry,
    PriorityArea,
    Programme,
    ProgressReport,
    Project,
    ProjectTransition,
    Rubric,
    ScheduleRule,
    Trade,
)
from cndp.extension.progress import rules as reporting


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

    def render(self, value):
        return localize(value)

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
        return format_html('{}<div class="small text-muted">{}</div>', record.name, record.activity_type.name)

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


class ProgressReportTable(BaseTable):
    """Báo cáo tiến độ: late ones stand out (days late, escalation level)."""

    report = tables.Column(
        verbose_name=_("Báo cáo"),
        accessor="sequence",
        linkify=lambda record: record.get_absolute_url(),
        attrs={"td": {"class": "text-nowrap"}},
    )
    project = tables.Column(verbose_name=_("Đề án"), accessor="project__code", order_by=("project__code",))
    # Under the code on screen (a column of its own squeezed to a few words a line); a column in Excel.
    project_name = tables.Column(
        verbose_name=_("Tên đề án"), accessor="project__name", orderable=False, visible=False
    )
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"),
        accessor="project__province_current__name",
        order_by=("project__province_current__code",),
    )
    # The period, due date, state and escalation are the report's obligation's (prefetched).
    period_end = DateColumn(
        verbose_name=_("Số liệu đến"), format="d/m/Y", order_by=("obligations__period_end",)
    )
    due_on = DateColumn(verbose_name=_("Hạn nộp"), format="d/m/Y", order_by=("obligations__due_on",))
    late = tables.Column(verbose_name=_("Quá hạn (ngày)"), empty_values=(), orderable=False)
    percent_complete = tables.Column(verbose_name=_("Hoàn thành (%)"), attrs={"td": {"class": "text-end"}})
    status = tables.Column(
        verbose_name=_("Tình trạng"), accessor="status_label", order_by=("obligations__state",)
    )
    escalation = tables.Column(verbose_name=_("Báo trễ hạn"), order_by=("obligations__escalation",))

    class Meta(BaseTable.Meta):
        model = ProgressReport
        fields = (
            "report",
            "project",
            "project_name",
            "province",
            "period_end",
            "due_on",
            "status",
            "late",
            "escalation",
            "percent_complete",
        )
        row_attrs = {"class": lambda record: "table-danger" if _late_days(record) else ""}

    def render_project(self, record):
        return format_html(
            '<span class="text-nowrap">{}</span><div class="small text-muted" style="min-width: 14rem">{}</div>',
            record.project.code,
            record.project.name,
        )

    def value_project(self, record):
        return record.project.code

    def render_report(self, record):
        return _("Tổng kết") if record.kind == "final" else _("Kỳ %(n)s") % {"n": record.sequence}

    def value_report(self, record):
        return record.label

    def render_percent_complete(self, record, value):
        return "—" if record.status == "pending" else value

    def render_late(self, record):
        return _late_days(record) or "—"

    def value_late(self, record):
        return _late_days(record)

    def render_escalation(self, value):
        return {0: "—", 1: _("Đã báo Sở"), 2: _("Đã báo Cục")}.get(value, value)


def _late_days(record) -> int:
    """Days a report is overdue: only while its project still owes reports (not suspended or ended)."""
    if record.status not in reporting.OPEN or record.project.status not in lifecycle.REPORTING:
        return 0
    return max((timezone.localdate() - record.due_on).days, 0)


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
