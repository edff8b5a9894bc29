"""Nhập số liệu từ Excel: the province's template for a data set, province and period (labels locked, the
previous period beside each value), and its upload — checked first (a dry run: problems by row and column,
comments converted from NFD / TCVN3 with the conversion shown), saved only when every row is valid, all or
nothing (`indicators.workbook.grid_upload`). Only the side that may edit the grid may upload; another
province's submission is 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.indicators import workbook
from cndp.indicators.views.entry import _submission, grid_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def submission_template(request, pk):
    """Tải tệp mẫu Excel của báo cáo này."""
    submission = _submission(request, pk)
    data = workbook.template_bytes(submission.dataset, submission.province, submission.period)
    response = HttpResponse(data, content_type=XLSX)
    name = f"mau-{submission.dataset.code}-{submission.province.code}-{submission.period.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def submission_upload(request, pk):
    """Kiểm tra (dry run) or nhập (save) a filled template; the result is shown on the upload page."""
    submission = _submission(request, pk)
    if not grid_context(submission, request.user)["editable"]:
        raise PermissionDenied(
            _("Báo cáo này không nhập được số liệu (đã gửi, đã duyệt, hoặc không phải của đơn vị bạn).")
        )
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chọn tệp Excel (.xlsx) để nhập."))
        return redirect(submission.get_absolute_url())
    save = request.POST.get("action") == "import"
    result = workbook.grid_upload(
        file=upload,
        dataset=submission.dataset,
        province=submission.province,
        period=submission.period,
        user=request.user,
        dry_run=not save,
    )
    if result.saved:
        messages.success(
            request, _("Đã nhập %(n)s chỉ tiêu từ tệp Excel (bản nháp).") % {"n": len(result.entries)}
        )
        return redirect(submission.get_absolute_url())
    return render(
        request,
        "indicators/upload_result.html",
        {"submission": submission, "result": result, "checked": not save, "file_name": upload.name},
        status=200 if not result.issues else 422,
    )
