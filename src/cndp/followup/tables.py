"""Tables of the follow-up's lists (bảng), each exported to Excel as shown."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable, ChoiceColumn
from cndp.followup.choices import GovStatus
from cndp.followup.models import DeadlineExtension, Leader, Notice, ProgressReport, Task, WorkingSession

GOV_LABELS = dict(GovStatus.choices)
GOV_BADGES = {
    "done_on_time": "success",
    "done_late": "warning",
    "not_done_in_time": "secondary",
    "not_done_overdue": "danger",
}


class TaskTable(ProvinceColumnsMixin, BaseTable):
    """Nhiệm vụ: place, content, units, province, deadline, state, the Government's status."""

    notice = tables.Column(
        verbose_name=_("Thông báo"), accessor="notice__number", order_by=("notice__date", "notice__number")
    )
    place = tables.Column(verbose_name=_("Vị trí"))
    content = tables.Column(
        verbose_name=_("Nội dung nhiệm vụ"), linkify=lambda record: record.get_absolute_url()
    )
    lead_unit = tables.Column(
        verbose_name=_("Chủ trì"), accessor="lead_unit__name", order_by=("lead_unit__name",)
    )
    # Exported, not shown on the narrow screen list (the task's page shows them).
    coordinating = tables.Column(
        verbose_name=_("Phối hợp"),
        accessor="coordinating_names",
        orderable=False,
        empty_values=(),
        visible=False,
    )
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"), accessor="province__name", order_by=("province__code",)
    )
    leader = tables.Column(
        verbose_name=_("Lãnh đạo giao"),
        accessor="leader__full_name",
        order_by=("leader__rank",),
        visible=False,
    )
    deadline = tables.Column(verbose_name=_("Thời hạn"), empty_values=(), order_by=("deadline",))
    state = ChoiceColumn("state", verbose_name=_("Trạng thái"))
    gov = tables.Column(verbose_name=_("Tình trạng"), empty_values=(), order_by=("gov",))
    percent = tables.Column(verbose_name=_("Tiến độ (%)"))

    class Meta(BaseTable.Meta):
        model = Task
        fields = ("notice", "place", "content", "lead_unit", "coordinating", "province", "leader", "deadline")
        sequence = (
            "notice",
            "place",
            "content",
            "lead_unit",
            "coordinating",
            "province",
            "leader",
            "deadline",
            "state",
            "gov",
            "percent",
        )
        exclude = ("actions",)

    def render_content(self, value):
        return value if len(value) <= 110 else value[:109] + "…"

    def value_content(self, value):
        return value

    def _deadline(self, record):
        if record.deadline:
            return f"{record.deadline:%d/%m/%Y}"
        return str(record.get_deadline_kind_display())

    def render_deadline(self, record):
        return self._deadline(record)

    def value_deadline(self, record):
        return record.deadline.isoformat() if record.deadline else str(record.get_deadline_kind_display())

    def render_gov(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            GOV_BADGES.get(record.gov, "secondary"),
            GOV_LABELS.get(record.gov, ""),
        )

    def value_gov(self, record):
        return str(GOV_LABELS.get(record.gov, ""))


class NoticeTable(ProvinceColumnsMixin, BaseTable):
    number = tables.Column(verbose_name=_("Số thông báo"), linkify=True)
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"),
        accessor="session__province__name",
        order_by=("session__province__code",),
    )
    leader = tables.Column(
        verbose_name=_("Lãnh đạo"), accessor="session__leader__full_name", order_by=("session__leader__rank",)
    )

    class Meta(BaseTable.Meta):
        model = Notice
        fields = ("number", "date", "province", "leader", "signer", "title")
        exclude = ("actions",)


class WorkingSessionTable(ProvinceColumnsMixin, BaseTable):
    date = tables.Column(verbose_name=_("Ngày làm việc"), linkify=True)
    province = tables.Column(
        verbose_name=_("Tỉnh, thành phố"), accessor="province__name", order_by=("province__code",)
    )

    class Meta(BaseTable.Meta):
        model = WorkingSession
        fields = ("date", "leader", "province", "place", "topic")
        exclude = ("actions",)

    def render_date(self, value):
        return f"{value:%d/%m/%Y}"

    def value_date(self, value):
        return value.isoformat()


class LeaderTable(BaseTable):
    full_name = tables.Column(verbose_name=_("Họ và tên"), linkify=True)

    class Meta(BaseTable.Meta):
        model = Leader
        fields = ("full_name", "position", "email", "is_active")
        exclude = ("actions",)


class ProgressReportTable(BaseTable):
    task = tables.Column(
        verbose_name=_("Nhiệm vụ"),
        accessor="assignment__task",
        linkify=lambda record: record.get_absolute_url(),
        orderable=False,
    )
    unit = tables.Column(
        verbose_name=_("Đơn vị"), accessor="assignment__unit__name", order_by=("assignment__unit__name",)
    )
    role = tables.Column(verbose_name=_("Vai trò"), accessor="assignment__role", orderable=False)
    verdict = ChoiceColumn("verdict", verbose_name=_("Kết quả xem xét"))

    class Meta(BaseTable.Meta):
        model = ProgressReport
        fields = ("reported_on", "task", "unit", "role", "percent", "done", "verdict", "text")
        exclude = ("actions",)

    def render_role(self, record):
        return record.assignment.get_role_display()

    def value_role(self, record):
        return str(record.assignment.get_role_display())


class DeadlineExtensionTable(BaseTable):
    task = tables.Column(
        verbose_name=_("Nhiệm vụ"), linkify=lambda record: record.get_absolute_url(), orderable=False
    )

    class Meta(BaseTable.Meta):
        model = DeadlineExtension
        fields = ("agreed_on", "task", "old_deadline", "new_deadline", "reason", "agreed_by")
        exclude = ("actions",)
