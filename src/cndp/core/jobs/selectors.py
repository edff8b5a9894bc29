"""Reads of long jobs: a user's own (an administrator may open any), and a job's live status."""

from __future__ import annotations

from django.http import Http404

from cndp.core.jobs import kinds
from cndp.core.jobs.models import Job, JobState
from cndp.core.jobs.progress import read_side

LIST_LIMIT = 200


def job_list(user):
    """Việc đang chạy / đã xong: the user's own jobs, newest first."""
    return Job.objects.filter(owner=user).defer("summary", "params").order_by("-created", "-pk")[:LIST_LIMIT]


def job_get(user, pk) -> Job:
    """The job, if it is the user's (or the user is an administrator); 404 otherwise (not disclosed)."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.owner_id == user.pk or user.is_superuser):
        raise Http404
    return job


def job_status(job: Job) -> dict:
    """What the progress bar shows: state, counters (live from the side file on SQLite), percentage."""
    checked, written, total = job.checked, job.written, job.total
    if job.state == JobState.RUNNING:
        side = read_side(job.pk)
        if side:
            checked = max(checked, side.get("checked") or 0)
            written = max(written, side.get("written") or 0)
            total = side.get("total") or total
    if total is not None and checked > total and not job.is_finished:
        total = None  # the file understated its size: the total is not known until the end
    if job.is_finished:
        percent = 100
    elif total:
        percent = min(99, int(checked * 100 / total))
    else:
        percent = 0
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": str(JobState(job.state).label),
        "kind": kinds.label(job.kind),
        "checked": checked,
        "written": written,
        "total": total,
        "percent": percent,
        "finished": job.is_finished,
        "url": job.get_absolute_url(),
    }
