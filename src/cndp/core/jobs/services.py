"""Start a long job and run it (the task worker calls `job_execute`). Only these write a Job."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cndp.core.jobs import kinds
from cndp.core.jobs.models import Job, JobState
from cndp.core.jobs.progress import Progress
from cndp.core.numbers import number
from cndp.core.text import nfc

logger = logging.getLogger(__name__)

MAX_ERRORS = 1000  # errors kept in a job's summary (the count says how many there were)


def _enqueue(job_id: int):
    from cndp.core.jobs.tasks import job_run

    return job_run.enqueue(job_id)


def job_start(*, kind: str, user, label: str, upload=None, params: dict | None = None) -> Job:
    """Việc mới: the uploaded file kept in the media storage with the job, the job queued for the task
    worker. With the immediate backend (tests, `TASKS_BACKEND=immediate`) it has run when this returns."""
    if kinds.get(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    params = dict(params or {})
    params.setdefault("language", translation.get_language() or "vi")
    job = Job(kind=kind, owner=user, label=nfc(label)[:300], params=params)
    if upload is not None:
        job.file_name = nfc(upload.name or "")[-255:]
        job.file.save(_safe_name(upload.name), upload, save=False)
    job.save()
    result = _enqueue(job.pk)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(getattr(result, "id", ""))[:64])
    job.refresh_from_db()
    return job


def _safe_name(name: str | None, stem: str = "input") -> str:
    suffix = ""
    if name and "." in name:
        suffix = "." + name.rsplit(".", 1)[1].lower()[:8]
    return stem + (suffix if suffix.isascii() and suffix[1:].isalnum() else "")


def attach(job: Job, name: str, data) -> None:
    """An export's file (bytes or a File), kept with the job (saved when the job ends)."""
    job.result_name = name[-255:]
    job.result_file.save(
        _safe_name(name, "result"), ContentFile(data) if isinstance(data, bytes) else data, save=False
    )


def _trim(summary: dict) -> dict:
    summary = dict(summary or {})
    errors = summary.get("errors")
    if isinstance(errors, list):
        summary["errors_total"] = len(errors)
        summary["errors"] = errors[:MAX_ERRORS]
    return summary


def job_execute(*, job_id: int) -> str:
    """Run a queued job (once: a job already started is left alone) and record how it ended."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    kind = kinds.get(job.kind)
    progress = Progress(job)
    state, error, summary = JobState.DONE, "", {}
    with translation.override(job.params.get("language") or "vi"):
        try:
            if kind is None:
                raise kinds.JobFailed(_("Loại việc này không còn trong hệ thống."))
            summary = _trim(kind.run(job, progress))
        except kinds.JobFailed as exc:
            state, error = JobState.FAILED, str(exc)
        except Exception:  # noqa: BLE001 — recorded on the job for its owner, logged for the administrator
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            state = JobState.FAILED
            error = _(
                "Việc dừng vì một lỗi không lường trước; không có dữ liệu nào được ghi dở (mọi thay đổi của "
                "việc đã được huỷ). Hãy báo quản trị viên, mã việc #%(id)s."
            ) % {"id": job.pk}
    job.state, job.error, job.summary = state, error, summary
    job.checked, job.written, job.total = progress.checked, progress.written, progress.total
    job.finished = timezone.now()
    job.save(
        update_fields=["state", "error", "summary", "checked", "written", "total", "finished",
                       "result_file", "result_name"]
    )  # fmt: skip
    progress.close()
    return state


# ---- upkeep: jobs whose worker died, old result files -------------------------------------------------


def stale_message() -> str:
    return _(
        "Việc không kết thúc sau %(h)s giờ: tiến trình chạy nền đã dừng giữa chừng (máy chủ khởi động lại "
        "hoặc bị tắt). Không có dữ liệu nào được ghi dở (mọi thay đổi của việc đã được huỷ). Hãy bấm "
        "«Chạy lại»; nếu lỗi lặp lại, hãy báo quản trị viên, mã việc #%(id)s."
    )


def jobs_fail_stale(*, jobs=None, now: datetime.datetime | None = None) -> int:
    """Jobs still «running» (or queued) past `CNDP_JOB_TIMEOUT_MINUTES` — their worker died, so their
    transaction was rolled back — become failed with a message that says so; returns how many. `jobs`
    narrows the search (a user's own). Reads first and writes only when there is one: on SQLite a write
    would wait for a live job's transaction, which holds the one write lock."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.CNDP_JOB_TIMEOUT_MINUTES)
    queryset = Job.objects.all() if jobs is None else jobs
    stale = list(
        queryset.filter(
            models.Q(state=JobState.RUNNING, started__lt=cutoff)
            | models.Q(state=JobState.QUEUED, created__lt=cutoff)
        ).values_list("pk", "params")
    )
    minutes = settings.CNDP_JOB_TIMEOUT_MINUTES
    for pk, params in stale:
        with translation.override((params or {}).get("language") or "vi"):
            error = stale_message() % {"h": number(minutes / 60, 0 if minutes % 60 == 0 else 1), "id": pk}
        Job.objects.filter(pk=pk, state__in=[JobState.RUNNING, JobState.QUEUED]).update(
            state=JobState.FAILED, error=error, finished=now
        )
    return len(stale)


def job_retry(*, job: Job, user) -> Job:
    """Chạy lại: a failed job started again as a new job of its owner — the same kind, label, parameters
    and uploaded file (the file is shared, not copied)."""
    if job.owner_id != user.pk:
        raise PermissionDenied
    if job.state != JobState.FAILED:
        raise ValueError("only a failed job is run again")
    if kinds.get(job.kind) is None:
        raise ValueError(f"unknown job kind {job.kind!r}")
    again = Job(
        kind=job.kind, owner=user, label=job.label, params=dict(job.params or {}), file_name=job.file_name
    )
    again.params["language"] = translation.get_language() or again.params.get("language") or "vi"
    again.params["retry_of"] = job.pk
    if job.file:
        again.file.name = job.file.name
    again.save()
    result = _enqueue(again.pk)
    Job.objects.filter(pk=again.pk, task_id="").update(task_id=str(getattr(result, "id", ""))[:64])
    again.refresh_from_db()
    return again


def job_results_purge(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Delete the result files of the jobs that ended more than `days` (`CNDP_JOB_RESULT_DAYS`) ago; the
    job stays, its page says when the file was removed. Returns the number of files removed."""
    days = settings.CNDP_JOB_RESULT_DAYS if days is None else days
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    removed = 0
    old = Job.objects.filter(finished__lt=cutoff).exclude(result_file="").only("pk", "result_file", "summary")
    for job in old.iterator(chunk_size=500):
        job.result_file.delete(save=False)
        summary = dict(job.summary or {})
        summary["result_removed"] = now.date().isoformat()
        Job.objects.filter(pk=job.pk).update(result_file="", summary=summary)
        removed += 1
    return removed
