"""The long job (việc chạy nền): who started it, what, its state and counters, its input file (kept in the
media storage with the job) and its result — a summary shown on its page and, for an export, a file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Thất bại")


class Job(models.Model):
    """Một việc chạy nền của một người dùng: only its owner (and an administrator) sees it. Counters are
    written while it runs by `cndp.core.jobs.progress` (throttled, outside the job's own transaction)."""

    kind = models.CharField(_("loại việc"), max_length=60)
    label = models.CharField(_("việc"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("người chạy")
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    file = models.FileField(_("tệp đầu vào"), upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    total = models.PositiveBigIntegerField(_("tổng số dòng"), null=True, blank=True)
    checked = models.PositiveBigIntegerField(_("số dòng đã kiểm tra"), default=0)
    written = models.PositiveBigIntegerField(_("số dòng đã ghi"), default=0)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)
    result_file = models.FileField(
        _("tệp kết quả"), upload_to="jobs/results/%Y/%m/", blank=True, max_length=300
    )
    result_name = models.CharField(_("tên tệp kết quả"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    task_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=["owner", "-created"], name="core_job_owner_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in JobState]), name="core_job_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
