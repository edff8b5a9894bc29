"""Records of the follow-up of leaders' conclusions (theo dõi thực hiện kết luận của Lãnh đạo Bộ): the
leaders, their working sessions with provinces, the conclusion notices, the tasks in them, the units each
task is assigned to (lead and coordinating), the units' progress reports and the deadline extensions."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.followup import statuses
from cndp.followup.choices import DeadlineKind, ReportVerdict, Role, State


class Leader(CndpModel):
    """Lãnh đạo Bộ — a Minister or Deputy Minister who chairs working sessions and gives tasks; the weekly
    digest goes to their e-mail (and their account, if they have one, opens their digest page)."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=120, help_text=_("Ví dụ: Thứ trưởng"))
    email = models.EmailField(_("thư điện tử"), blank=True)
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_leader",
    )
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=10)
    is_active = models.BooleanField(_("đang đương nhiệm"), default=True)

    history = HistoricalRecords()
    search_fields = ("full_name", "position")

    class Meta:
        verbose_name = _("lãnh đạo Bộ")
        verbose_name_plural = pgettext_lazy("plural", "lãnh đạo Bộ")
        ordering = ["rank", "full_name", "pk"]

    def __str__(self) -> str:
        return f"{self.position} {self.full_name}"


class WorkingSession(CndpModel):
    """Buổi làm việc — a leader's working session with a province: date, place, participants."""

    date = models.DateField(_("ngày làm việc"))
    leader = models.ForeignKey(
        Leader, verbose_name=_("lãnh đạo chủ trì"), on_delete=models.PROTECT, related_name="sessions"
    )
    province = models.ForeignKey(
        "places.Province", verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    topic = models.CharField(_("nội dung làm việc"), max_length=300, blank=True)
    participants = models.TextField(_("thành phần dự"), blank=True)

    history = HistoricalRecords()
    search_fields = ("topic", "place", "province__name", "leader__full_name")
    scope_path = "province"
    unit_scope_path = "notices__tasks__assignments__unit"
    FIELDS = ("date", "leader", "province", "place", "topic", "participants")

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = pgettext_lazy("plural", "buổi làm việc")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return _("Làm việc với %(p)s ngày %(d)s") % {"p": self.province.name, "d": f"{self.date:%d/%m/%Y}"}


def _notice_upload_to(instance: Notice, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"followup/notices/{datetime.date.today():%Y}/{uuid.uuid4().hex}{suffix}"


class Notice(CndpModel):
    """Thông báo kết luận — the notice of a session's conclusions: number, date, signer, the PDF, and
    the text its tasks were read from."""

    session = models.ForeignKey(
        WorkingSession, verbose_name=_("buổi làm việc"), on_delete=models.PROTECT, related_name="notices"
    )
    number = models.CharField(_("số thông báo"), max_length=60, help_text=_("Ví dụ: 365/TB-BCT"))
    date = models.DateField(_("ngày thông báo"))
    signer = models.CharField(_("người ký"), max_length=160, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300, blank=True)
    file = models.FileField(_("tệp PDF"), upload_to=_notice_upload_to, max_length=255, blank=True)
    text = models.TextField(_("nội dung"), blank=True)

    history = HistoricalRecords()
    search_fields = ("number", "title", "session__province__name", "signer")
    scope_path = "session__province"
    unit_scope_path = "tasks__assignments__unit"
    FIELDS = ("number", "date", "session", "signer", "title")

    class Meta:
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = pgettext_lazy("plural", "thông báo kết luận")
        ordering = ["-date", "number", "pk"]
        constraints = [
            # A number is unique within its year (numbering restarts each year).
            models.UniqueConstraint(
                models.F("number"), ExtractYear("date"), name="followup_notice_number_year"
            ),
        ]

    def __str__(self) -> str:
        return _("Thông báo %(n)s ngày %(d)s") % {"n": self.number, "d": f"{self.date:%d/%m/%Y}"}


class Task(CndpModel):
    """Nhiệm vụ — one assignment of a notice: its content, its place in the notice ("III.1(ii)"), the
    lead unit, the province concerned, the deadline (a date, recurring, or none; the deadline in force
    after extensions, the original kept), the leader who gave it, and where it stands."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("thông báo kết luận"), on_delete=models.PROTECT, related_name="tasks"
    )
    place = models.CharField(_("vị trí trong thông báo"), max_length=40, blank=True)
    content = models.TextField(_("nội dung nhiệm vụ"))
    lead_unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố liên quan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        Leader, verbose_name=_("lãnh đạo giao"), on_delete=models.PROTECT, related_name="tasks"
    )
    deadline_kind = models.CharField(
        _("loại thời hạn"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    original_deadline = models.DateField(_("thời hạn ban đầu"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.OPEN)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    search_fields = ("content", "place", "notice__number", "lead_unit__name", "province__name")
    scope_path = "province"
    unit_scope_path = "assignments__unit"  # a Ministry unit: the tasks it leads or coordinates
    FIELDS = (
        "notice",
        "place",
        "content",
        "lead_unit",
        "coordinating_names",
        "province",
        "leader",
        "deadline_kind",
        "deadline",
        "original_deadline",
        "state",
        "gov_status_label",
        "percent",
        "completed_on",
        "confirmed_by",
        "confirmed_at",
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "nhiệm vụ")
        ordering = ["notice", "pk"]
        indexes = [
            models.Index(fields=["state", "deadline"], name="followup_task_state_deadline"),
            models.Index(fields=["leader", "state"], name="followup_task_leader_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(deadline_kind="date") | models.Q(deadline__isnull=False),
                name="followup_task_dated_has_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_kind="date") | models.Q(deadline__isnull=True),
                name="followup_task_undated_no_deadline",
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="followup_task_percent"),
            models.CheckConstraint(
                condition=~models.Q(state="done") | models.Q(completed_on__isnull=False),
                name="followup_task_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        text = self.content if len(self.content) <= 80 else self.content[:79] + "…"
        return f"{self.place} — {text}" if self.place else text

    def gov_status(self, today: datetime.date | None = None) -> str:
        return statuses.gov_status(self.deadline, self.completed_on, today or datetime.date.today())

    @property
    def gov_status_label(self) -> str:
        from cndp.followup.choices import GovStatus

        return str(GovStatus(self.gov_status()).label)

    gov_status_label.fget.short_description = _("tình trạng (báo cáo Chính phủ)")

    @property
    def coordinating_names(self) -> str:
        units = getattr(self, "coordinating_list", None)  # prefetched by the lists (selectors.task_list)
        if units is None:
            units = [a for a in self.assignments.select_related("unit") if a.role == Role.COORDINATING]
        return ", ".join(a.unit.short_name or a.unit.name for a in units)

    coordinating_names.fget.short_description = _("đơn vị phối hợp")


class Assignment(CndpModel):
    """Đơn vị được giao — a unit's part in a task, lead ("chủ trì") or coordinating ("phối hợp"): the
    thing its progress obligation on the reporting calendar is owed for."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    last_report_on = models.DateField(_("báo cáo gần nhất"), null=True, blank=True)

    history = HistoricalRecords()
    scope_path = "task__province"
    unit_scope_path = "task__assignments__unit"

    class Meta:
        verbose_name = _("đơn vị được giao")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị được giao")
        ordering = ["task", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="followup_assignment_unique"),
            models.UniqueConstraint(
                fields=["task"], condition=models.Q(role="lead"), name="followup_assignment_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()}) — {self.task}"

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url()


def _report_upload_to(instance: ProgressReport, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"followup/reports/{datetime.date.today():%Y}/{uuid.uuid4().hex}{suffix}"


class ProgressReport(CndpModel):
    """Báo cáo tiến độ — a unit's report on its part of a task: what was done, the percentage, an
    attached document, and whether it reports the task (its part) done; a done report of the lead unit
    waits for the agency's confirmation."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("đơn vị được giao"), on_delete=models.PROTECT, related_name="reports"
    )
    reported_on = models.DateField(_("ngày báo cáo"))
    text = models.TextField(_("kết quả thực hiện"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    done = models.BooleanField(_("báo cáo hoàn thành"), default=False)
    document = models.FileField(
        _("tài liệu kèm theo"), upload_to=_report_upload_to, max_length=255, blank=True
    )
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("kết quả xem xét"), max_length=10, choices=ReportVerdict.choices, blank=True)
    verdict_comment = models.TextField(_("ý kiến của Cục"), blank=True)

    history = HistoricalRecords()
    scope_path = "assignment__task__province"
    unit_scope_path = "assignment__task__assignments__unit"

    class Meta:
        verbose_name = _("báo cáo tiến độ nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo tiến độ nhiệm vụ")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="followup_report_percent"),
        ]

    def __str__(self) -> str:
        return _("Báo cáo của %(u)s ngày %(d)s") % {
            "u": self.assignment.unit,
            "d": f"{self.reported_on:%d/%m/%Y}",
        }

    def get_absolute_url(self) -> str:
        return self.assignment.task.get_absolute_url()


class DeadlineExtension(CndpModel):
    """Gia hạn — a task's deadline moved, with the reason and who agreed (the leader or the document)."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="extensions"
    )
    old_kind = models.CharField(_("loại thời hạn cũ"), max_length=10, choices=DeadlineKind.choices)
    old_deadline = models.DateField(_("thời hạn cũ"), null=True, blank=True)
    new_deadline = models.DateField(_("thời hạn mới"))
    reason = models.TextField(_("lý do"))
    agreed_by = models.CharField(_("người đồng ý"), max_length=200)
    agreed_on = models.DateField(_("ngày đồng ý"))
    by = models.ForeignKey(
        "accounts.User", verbose_name=_("người ghi"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    scope_path = "task__province"
    unit_scope_path = "task__assignments__unit"

    class Meta:
        verbose_name = _("gia hạn nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "gia hạn nhiệm vụ")
        ordering = ["task", "agreed_on", "pk"]

    def __str__(self) -> str:
        return _("Gia hạn đến %(d)s") % {"d": f"{self.new_deadline:%d/%m/%Y}"}

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url()
