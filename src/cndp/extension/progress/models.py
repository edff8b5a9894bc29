"""Progress reports of extension projects and the documents attached to them (báo cáo tiến độ, tài liệu
đính kèm)."""

from __future__ import annotations

import hashlib
import os

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.extension.choices import DocumentKind, ReportKind, ReportStatus

OUTPUTS = ("trainees", "models", "machines", "products", "jobs")


def _labelled(label):
    """A read-only property shown on the detail page under `label` (core.generic.display_value)."""

    def wrap(fget):
        fget.short_description = label
        return property(fget)

    return wrap


class ProgressReport(CndpModel):
    """Báo cáo tiến độ — one report a contracted project owes (periodic or final) and what the implementing
    side reported (progress, outputs achieved so far, difficulties, documents). Owing it is an obligation
    of the shared reporting calendar (obligations.Obligation of kind «extension.progress», linked by
    content type): its period, due date, state (pending → submitted → accepted, or returned with a comment
    → resubmitted), steps (who and when), reminders and escalation are the obligation's, read here through
    `obligation` (prefetch `obligations`: selectors.report_list), or read with the report by the list
    (selectors.report_list_page: the fields of `LISTED`)."""

    project = models.ForeignKey(
        "extension.Project", verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="reports"
    )
    sequence = models.PositiveSmallIntegerField(_("kỳ số"))
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("tỷ lệ hoàn thành (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc, kiến nghị"), blank=True)
    achieved_trainees = models.PositiveIntegerField(_("lượt người đã được đào tạo"), default=0)
    achieved_models = models.PositiveIntegerField(_("mô hình trình diễn đã xây dựng"), default=0)
    achieved_machines = models.PositiveIntegerField(_("máy móc, thiết bị đã hỗ trợ"), default=0)
    achieved_products = models.PositiveIntegerField(_("sản phẩm được chứng nhận"), default=0)
    achieved_jobs = models.PositiveIntegerField(_("việc làm mới tạo ra"), default=0)
    # The obligation owed for this report (one; deleted with it).
    obligations = GenericRelation("obligations.Obligation", related_query_name="extension_progress_report")
    # A copy of the obligation's due date, so an index serves the list's order (due date, project,
    # sequence) without a join: written by the services that set the obligation's (reports_schedule; a
    # calendar rule re-dating open obligations calls back through the kind's `redated` hook, in the same
    # transaction). The obligation's `due_on` stays the record; the two never differ (tested).
    obligation_due_on = models.DateField(_("hạn nộp (bản sao để sắp xếp)"), editable=False)

    history = HistoricalRecords(excluded_fields=["obligation_due_on"])
    search_fields = ("project__code", "project__name", "narrative")
    # What a report shows (the detail page and the API share them); from `status` on, the obligation's.
    FIELDS = (
        "project",
        "sequence",
        "kind",
        "period_end",
        "due_on",
        "status",
        "percent_complete",
        "narrative",
        "difficulties",
        *(f"achieved_{name}" for name in OUTPUTS),
        "submissions",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "review_comment",
        "reminded_on",
        "escalation",
        "escalated_on",
    )
    # The detail page shows the state and the escalation by their labels.
    DETAIL_FIELDS = tuple(
        {"status": "status_label", "escalation": "escalation_label"}.get(f, f) for f in FIELDS
    )
    scope_path = "project__province_current"

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo tiến độ")
        # The list's order, served by ext_report_list_order ((project, sequence) is unique: a total order).
        # By the project's id, not `project` (that would sort by the project's own ordering, through a join).
        ordering = ["obligation_due_on", "project_id", "sequence"]
        indexes = [
            models.Index(fields=["obligation_due_on", "project", "sequence"], name="ext_report_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["project", "sequence"], name="ext_report_unique_sequence"),
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="ext_report_percent_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.project.code}"

    @property
    def label(self) -> str:
        """«Báo cáo tiến độ kỳ 2» or «Báo cáo tổng kết»."""
        if self.kind == ReportKind.FINAL:
            return str(ReportKind.FINAL.label)
        return _("Báo cáo tiến độ kỳ %(n)s") % {"n": self.sequence}

    def outputs(self) -> dict[str, int]:
        return {name: getattr(self, f"achieved_{name}") for name in OUTPUTS}

    # ---- what the obligation says (prefetched by the lists; one query otherwise) ----------------------

    @property
    def obligation(self):
        """The obligation owed for this report (None only before it is scheduled), through the relation
        (its prefetch if any: `selectors.with_obligation`)."""
        return next(iter(self.obligations.all()), None) if self.pk else None

    def _owed(self, name, default=None):
        values = self.__dict__
        listed = LISTED.get(name)
        if listed is not None and listed in values:  # read with the report (selectors.report_list_page)
            return default if values["listed_state"] is None else values[listed]
        obligation = self.obligation
        return default if obligation is None else getattr(obligation, name)

    @_labelled(_("số liệu tính đến ngày"))
    def period_end(self):
        return self._owed("period_end")

    @_labelled(_("hạn nộp"))
    def due_on(self):
        return self._owed("due_on")

    @_labelled(_("tình trạng"))
    def status(self) -> str:
        return self._owed("state", ReportStatus.PENDING)

    @_labelled(_("tình trạng"))
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)

    def get_status_display(self) -> str:
        return self.status_label

    @_labelled(_("số lần nộp"))
    def submissions(self) -> int:
        return self._owed("submissions", 0)

    @_labelled(_("đã nhắc ngày"))
    def reminded_on(self):
        return self._owed("reminded_on")

    @_labelled(_("báo trễ hạn"))
    def escalation(self) -> int:
        return self._owed("escalation", 0)

    @_labelled(_("báo trễ hạn"))
    def escalation_label(self) -> str:
        return str(ESCALATION_LABELS.get(self.escalation, self.escalation))

    @_labelled(_("báo trễ hạn ngày"))
    def escalated_on(self):
        return self._owed("escalated_on")

    def _last_step(self, actions):
        obligation = self.obligation
        if obligation is None:
            return None
        steps = [s for s in obligation.steps.all() if s.action in actions]
        return max(steps, key=lambda s: (s.at, s.pk)) if steps else None

    @_labelled(_("nộp lúc"))
    def submitted_at(self):
        return getattr(self._last_step(SUBMIT_ACTIONS), "at", None)

    @_labelled(_("người nộp"))
    def submitted_by(self):
        return getattr(self._last_step(SUBMIT_ACTIONS), "by", None)

    @_labelled(_("xem xét lúc"))
    def reviewed_at(self):
        return getattr(self._last_step(REVIEW_ACTIONS), "at", None)

    @_labelled(_("người xem xét"))
    def reviewed_by(self):
        return getattr(self._last_step(REVIEW_ACTIONS), "by", None)

    @_labelled(_("ý kiến xem xét"))
    def review_comment(self) -> str:
        return getattr(self._last_step(REVIEW_ACTIONS), "comment", "")


# The obligation's fields the report list reads with each report, under these names (`listed_state` None:
# no obligation); the others are read through `obligation`.
LISTED = {name: f"listed_{name}" for name in ("period_end", "due_on", "state", "escalation")}
SUBMIT_ACTIONS = ("submit", "resubmit")  # obligations.choices.Action
REVIEW_ACTIONS = ("accept", "return")
ESCALATION_LABELS = {0: _("Chưa"), 1: _("Đã báo Sở Công Thương"), 2: _("Đã báo Cục")}


def _upload_to(instance: ProjectDocument, filename: str) -> str:
    base = os.path.basename(filename) or "tai-lieu"
    return f"extension/{instance.project_id or 'new'}/{base}"


class ProjectDocument(CndpModel):
    """Tài liệu đính kèm đề án — the dossier, decisions, contract, reports, records; kept with its
    SHA-256 so that a copy can be checked, downloaded only by those who may see the project."""

    project = models.ForeignKey(
        "extension.Project", verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="documents"
    )
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("báo cáo tiến độ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=DocumentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày văn bản"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to=_upload_to, max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    history = HistoricalRecords()
    search_fields = ("title", "number", "project__code")
    scope_path = "project__province_current"

    class Meta:
        verbose_name = _("tài liệu đề án")
        verbose_name_plural = pgettext_lazy("plural", "tài liệu đề án")
        ordering = ["project", "-uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=0), name="ext_document_size"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("extension:document_download", args=[self.pk])

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name)

    @staticmethod
    def digest(chunks) -> tuple[int, str]:
        h, size = hashlib.sha256(), 0
        for chunk in chunks:
            h.update(chunk)
            size += len(chunk)
        return size, h.hexdigest()
