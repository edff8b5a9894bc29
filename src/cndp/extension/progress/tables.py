"""The progress-report list's table (also its Excel columns)."""

from __future__ import annotations

import html

import django_tables2 as tables
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cndp.core.links import pk_url_parts
from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import (
    BaseTable,
    DateColumn,
    body_language,
    escape_html,
    localize_int,
    per_language,
    record_url,
)
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
        return SafeString(self.cell_project(record))

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
        return per_language(self, "escalation", _escalation_labels).get(value, value)

    # ---- the page's cells, written straight (cndp_tables.table_body): the markup the steps above give
    # through django-tables2's generic cell (the tests compare both), with what every row shares — the
    # labels of the language, the record page's URL around its number, today — worked out once a table.

    def _cells(self) -> _Cells:
        language = body_language(self)
        cells = self.__dict__.get("_cells_of")
        if cells is None or cells.language != language:
            cells = self._cells_of = _Cells(self, language)
        return cells

    def row_attrs_html(self, record, css: str) -> str:
        return f'class="table-danger {css}"' if self.late_days(record) else f'class="{css}"'

    def cell_report(self, record):
        cells = self._cells()
        if record.kind == "final":
            label = cells.final
        else:
            label = html.escape(cells.periodic % {"n": record.sequence})
        return f'<a href="{cells.url(record)}">{label}</a>'

    def cell_project(self, record):
        project = record.project
        return (
            f'<span class="text-nowrap">{html.escape(project.code)}</span>'
            f'<div class="small text-muted" style="min-width: 14rem">{html.escape(project.name)}</div>'
        )

    def cell_province(self, record):
        province = record.project.province_current
        name = None if province is None else province.name
        if name is None or name == "":
            return self._cells().default
        return html.escape(str(name))

    def cell_period_end(self, record):
        return self._cells().date(record.period_end)

    def cell_due_on(self, record):
        return self._cells().date(record.due_on)

    def cell_status(self, record):
        cells = self._cells()
        value = record.status
        if value is None or value == "":
            return cells.default
        label = cells.statuses.get(value)
        return html.escape(str(value)) if label is None else label

    def cell_late(self, record):
        days = self.late_days(record)
        return localize_int(days, self._cells().language) if days else "—"

    def cell_escalation(self, record):
        cells = self._cells()
        value = record.escalation
        if value is None or value == "":
            return cells.default
        label = cells.escalations.get(value)
        return cells.number(value) if label is None else label

    def cell_percent_complete(self, record):
        cells = self._cells()
        value = record.percent_complete
        if value is None or value == "":
            return cells.default
        return "—" if record.status == "pending" else cells.number(value)

    def cell_actions(self, record):
        cells = self._cells()
        return f'<a class="btn btn-sm btn-outline-secondary py-0" href="{cells.url(record)}">{cells.view}</a>'


class _Cells:
    """What every cell of a table body in one language shares, escaped as the cells write it."""

    def __init__(self, table: ProgressReportTable, language: str):
        self.language = language
        self.table = table
        self.default = escape_html(table.default)
        labels = _LABELS.get(language)
        if labels is None:  # fixed in the code: translated once per language for the process
            labels = _LABELS[language] = {
                "final": html.escape(gettext("Tổng kết")),
                "periodic": gettext("Kỳ %(n)s"),
                "statuses": {value: html.escape(label) for value, label in _status_labels().items()},
                "escalations": {value: html.escape(label) for value, label in _escalation_labels().items()},
                "view": html.escape(gettext("Xem")),
            }
        self.final, self.periodic, self.view = labels["final"], labels["periodic"], labels["view"]
        self.statuses, self.escalations = labels["statuses"], labels["escalations"]
        # A report's page: the URL of its number (ProgressReport.get_absolute_url, the registry's rule).
        parts = pk_url_parts("extension:progressreport_detail")
        self.head, self.tail = (None, None) if parts is None else map(html.escape, parts)

    def url(self, record) -> str:
        if self.head is None:
            return html.escape(record_url(self.table, record))
        return f"{self.head}{record.pk}{self.tail}"

    def date(self, value) -> str:
        """DateColumn's "d/m/Y" (the same in every language), the default for none."""
        if value is None:
            return self.default
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"

    def number(self, value: int) -> str:
        return localize_int(value, self.language)


_LABELS: dict[str, dict] = {}  # language → the cells' labels, escaped


def _escalation_labels() -> dict:
    return {0: "—", 1: gettext("Đã báo Sở"), 2: gettext("Đã báo Cục")}


def _status_labels() -> dict:
    return {value: str(label) for value, label in ReportStatus.choices}


def _late_days(record, today) -> int:
    """Days a report is overdue on `today`: only while its project still owes reports (not suspended or
    ended)."""
    if record.status not in reporting.OPEN or record.project.status not in lifecycle.REPORTING:
        return 0
    return max((today - record.due_on).days, 0)
