"""Start a long job and run it (the task worker calls `job_execute`). Only these write a Job."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cndp.core.jobs import kinds
from cndp.core.jobs.models import Job, JobState
from cndp.core.jobs.progress import Progress
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
