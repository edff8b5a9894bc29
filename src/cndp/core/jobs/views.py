"""Việc chạy nền: the user's list (đang chạy / đã xong), a job's page (progress bar polling the status
endpoint through `static/cndp/jobs.js`, then the result), its status as JSON, its files. Owner or
administrator only; anyone else gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cndp.core.jobs import kinds, selectors, services
from cndp.core.jobs.models import Job, JobState


def _current(job: Job) -> Job:
    """The job, failed first if its worker died (past CNDP_JOB_TIMEOUT_MINUTES: services.jobs_fail_stale)."""
    if not job.is_finished and services.jobs_fail_stale(jobs=Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


@login_required
def job_list(request):
    services.jobs_fail_stale(jobs=Job.objects.filter(owner=request.user))
    jobs = list(selectors.job_list(request.user))
    return render(
        request,
        "core/jobs/job_list.html",
        {"jobs": [(job, selectors.job_status(job)) for job in jobs]},
    )


@login_required
def job_detail(request, pk):
    job = _current(selectors.job_get(request.user, pk))
    kind = kinds.get(job.kind)
    again = ""
    if kind and kind.again:
        try:
            again = reverse(kind.again)
        except NoReverseMatch:
            again = ""
    summary = job.summary or {}
    return render(
        request,
        "core/jobs/job_detail.html",
        {
            "job": job,
            "status": selectors.job_status(job),
            "summary": summary,
            "errors": summary.get("errors") or [],
            "again": again,
            "can_retry": job.state == JobState.FAILED
            and job.owner_id == request.user.pk
            and kind is not None,
        },
    )


@login_required
@require_POST
def job_retry(request, pk):
    """Chạy lại: a failed job of one's own started again (a new job); its page."""
    job = selectors.job_get(request.user, pk)
    if job.owner_id != request.user.pk or job.state != JobState.FAILED or kinds.get(job.kind) is None:
        raise Http404
    return redirect(services.job_retry(job=job, user=request.user).get_absolute_url())


@never_cache
@login_required
def job_status(request, pk):
    job = _current(selectors.job_get(request.user, pk))
    return JsonResponse(selectors.job_status(job))


def _file(field, name: str):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name or field.name.rsplit("/", 1)[-1])


@login_required
def job_input(request, pk):
    """The file the job was started with, as uploaded."""
    job = selectors.job_get(request.user, pk)
    return _file(job.file, job.file_name)


@login_required
def job_result(request, pk):
    """An export's result file."""
    job = selectors.job_get(request.user, pk)
    return _file(job.result_file, job.result_name)
