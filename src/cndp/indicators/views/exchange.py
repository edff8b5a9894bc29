"""Nạp tệp trao đổi số liệu (the long exchange format of `shared/specs/indicator-exchange.md`) from the
web: the file is kept with a long job (core.jobs) and checked — «Kiểm tra (chạy thử)» — or imported — «Nhập
dữ liệu», all or nothing — on the task worker by the service `cndp indicators import` calls; the user
watches the progress on the job's page and may leave and come back. The agency's upload writes approved
figures; a province officer's writes drafts of its own province only (another province's row is an
`out_of_scope` error)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cndp.core.importing import files
from cndp.core.jobs import services as job_services
from cndp.core.jobs.models import Job
from cndp.core.permissions import can, user_province_id
from cndp.indicators.jobs import EXCHANGE_KIND
from cndp.indicators.models import DataValue

MAX_EXCHANGE_BYTES = 100 * 1024 * 1024  # a history load of a million values is about 20 MB as XLSX


def _require_loader(user) -> None:
    if not (can(user, "add", DataValue) and can(user, "change", DataValue)):
        raise PermissionDenied(_("Bạn không có quyền nạp số liệu."))


@login_required
def exchange_upload(request):
    """The upload page (GET) and the start of the job (POST), then the job's page."""
    _require_loader(request.user)
    if request.method == "POST":
        upload = request.FILES.get("file")
        problem = None
        if upload is None:
            problem = _("Chọn tệp trao đổi (.xlsx hoặc .csv) để nạp.")
        else:
            problem = files.upload_too_big(upload.size, limit=MAX_EXCHANGE_BYTES)
        if problem:
            messages.error(request, problem)
        else:
            dry_run = request.POST.get("action") != "import"
            label = (_("Kiểm tra tệp trao đổi %(name)s") if dry_run else _("Nhập tệp trao đổi %(name)s")) % {
                "name": upload.name
            }
            job = job_services.job_start(
                kind=EXCHANGE_KIND, user=request.user, label=label, upload=upload, params={"dry_run": dry_run}
            )
            return redirect(job.get_absolute_url())
    recent = Job.objects.filter(owner=request.user, kind=EXCHANGE_KIND).order_by("-created", "-pk")[:10]
    return render(
        request,
        "indicators/exchange_upload.html",
        {"recent": recent, "province_only": user_province_id(request.user) is not None},
        status=400 if request.method == "POST" else 200,
    )
