"""Progress reports of extension projects and the documents attached to them (báo cáo tiến độ, tài liệu
đính kèm)."""

from __future__ import annotations

import hashlib
import os

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.extension.choices import DocumentKind, ReportKind, ReportStatus

OUTPUTS = ("trainees", "models", "machines", "products", "jobs")


class ProgressReport(CndpModel):
    """Báo cáo tiến độ — one report a contracted project owes (periodic or final), what the implementing
    side reported (progress, outputs achieved so far, difficulties) and the agency's review. Each
    submission and review is kept in the history; a report sent back keeps its original due date."""

    project = models.ForeignKey(
        "extension.Project", verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="reports"
    )
    sequence = models.PositiveSmallIntegerField(_("kỳ số"))
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    period_end = models.DateField(_("số liệu tính đến ngày"))
    due_on = models.DateField(_("hạn nộp"), db_index=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
        db_index=True,
    )
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
    submissions = models.PositiveSmallIntegerField(_("số lần nộp"), default=0)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("ý kiến xem xét"), blank=True)
    reminded_on = models.DateField(_("đã nhắc ngày"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(
        _("báo trễ hạn"),
        default=0,
        choices=[(0, _("Chưa")), (1, _("Đã báo Sở Công Thương")), (2, _("Đã báo Cục"))],
    )
    escalated_on = models.DateField(_("báo trễ hạn ngày"), null=True, blank=True)

    history = HistoricalRecords()
    search_fields = ("project__code", "project__name", "narrative")
    # What a report shows (the detail page and the API share them).
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
    scope_path = "project__province_current"

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo tiến độ")
        ordering = ["due_on", "project", "sequence"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="ext_report_status_due"),
            models.Index(
                fields=["due_on", "project", "sequence"], name="ext_report_list_order"
            ),  # the list's
        ]
        constraints = [
            models.UniqueConstraint(fields=["project", "sequence"], name="ext_report_unique_sequence"),
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="ext_report_percent_0_100"
            ),
            models.CheckConstraint(
                condition=models.Q(escalation__gte=0, escalation__lte=2), name="ext_report_escalation_0_2"
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

    def get_absolute_url(self) -> str:
        return reverse("extension:progressreport_detail", args=[self.pk])

    def outputs(self) -> dict[str, int]:
        return {name: getattr(self, f"achieved_{name}") for name in OUTPUTS}


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
