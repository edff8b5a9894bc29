"""The progress-report list's table (also its Excel columns)."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable, DateColumn
from cndp.extension.models import ProgressReport
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import lifecycle


class ProgressReportTable(ProvinceColumnsMixin, BaseTable):
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
    # Sorted by the report's copy of the due date (an index serves it; always the obligation's).
    due_on = DateColumn(
        verbose_name=_("Hạn nộp"),
        format="d/m/Y",
        order_by=("obligation_due_on", "project_id", "sequence"),
    )
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
