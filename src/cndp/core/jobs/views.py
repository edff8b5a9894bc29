"""Việc chạy nền: the user's list (đang chạy / đã xong), a job's page (progress bar polling the status
endpoint through `static/cndp/jobs.js`, then the result), its status as JSON, its files. Owner or
administrator only; anyone else gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache

from cndp.core.jobs import kinds, selectors


@login_required
def job_list(request):
    jobs = list(selectors.job_list(request.user))
    return render(
        request,
        "core/jobs/job_list.html",
        {"jobs": [(job, selectors.job_status(job)) for job in jobs]},
    )


@login_required
def job_detail(request, pk):
    job = selectors.job_get(request.user, pk)
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
        },
    )


@never_cache
@login_required
def job_status(request, pk):
    job = selectors.job_get(request.user, pk)
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
