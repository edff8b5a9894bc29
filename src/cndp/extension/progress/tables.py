"""The progress-report list's table (also its Excel columns)."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable, DateColumn, escape_html, per_language, record_url
from cndp.extension.choices import ReportStatus
from cndp.extension.models import ProgressReport
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import lifecycle


class ProgressReportTable(ProvinceColumnsMixin, BaseTable):
    """Báo cáo tiến độ: late ones stand out (days late, escalation level)."""

    report = tables.Column(
        verbose_name=_("Báo cáo"),
        accessor="sequence",
        linkify=lambda record, table: record_url(table, record),  # shared with the row's «Xem» button
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
    status = tables.Column(verbose_name=_("Tình trạng"), accessor="status", order_by=("obligations__state",))
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
        row_attrs = {"class": lambda record, table: "table-danger" if table.late_days(record) else ""}

    # Labels and formats are translated once per table and language (per_language), not in every row.

    def render_project(self, record):
        project = record.project
        return SafeString(
            f'<span class="text-nowrap">{escape_html(project.code)}</span>'
            f'<div class="small text-muted" style="min-width: 14rem">{escape_html(project.name)}</div>'
        )

    def value_project(self, record):
        return record.project.code

    def render_report(self, record):
        final, periodic = per_language(self, "report", lambda: (gettext("Tổng kết"), gettext("Kỳ %(n)s")))
        return final if record.kind == "final" else periodic % {"n": record.sequence}

    def value_report(self, record):
        return record.label

    def render_status(self, value):
        return per_language(self, "status", _status_labels).get(value, value)

    def value_status(self, value):
        return self.render_status(value)

    def render_percent_complete(self, record, value):
        return "—" if record.status == "pending" else value

    def render_late(self, record):
        return self.late_days(record) or "—"

    def value_late(self, record):
        return self.late_days(record)

    def late_days(self, record) -> int:
        """`_late_days` on the day the table is drawn (today looked up once, not twice a row)."""
        today = self.__dict__.get("_today")
        if today is None:
            today = self._today = timezone.localdate()
        return _late_days(record, today)

    def render_escalation(self, value):
        labels = per_language(
            self, "escalation", lambda: {0: "—", 1: gettext("Đã báo Sở"), 2: gettext("Đã báo Cục")}
        )
        return labels.get(value, value)


def _status_labels() -> dict:
    return {value: str(label) for value, label in ReportStatus.choices}


def _late_days(record, today) -> int:
    """Days a report is overdue on `today`: only while its project still owes reports (not suspended or
    ended)."""
    if record.status not in reporting.OPEN or record.project.status not in lifecycle.REPORTING:
        return 0
    return max((today - record.due_on).days, 0)
