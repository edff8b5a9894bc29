"""Nhập danh sách đề án khuyến công đã thực hiện từ Excel: the upload page with its dry run, the import
and the template file. Thin: parse the request, call `services.project_import`, render.

After a clean dry run the checked file is kept in the user's (server-side) session, base64-encoded under a
random token, so that «Nhập dữ liệu» needs no second upload. The stored bytes are only ever read back by
the same user's session, size-limited, and checked again in full before anything is written.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cndp.accounts.models import Unit
from cndp.core import importing
from cndp.core.excel import workbook_response
from cndp.core.forms import Form
from cndp.extension import services
from cndp.extension.imports.reader import example_row, template_workbook
from cndp.extension.imports.services import IMPLEMENTING_KINDS, require_importer
from cndp.extension.models import ActivityType, Programme, Trade

MAX_UPLOAD_BYTES = importing.files.MAX_FILE_BYTES
SESSION_KEY = "extension_project_import"


class ProjectImportForm(Form):
    """Nhập danh sách đề án từ tệp Excel."""

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        return importing.check_upload(self.cleaned_data.get("file"))


def _stored(request) -> dict | None:
    stored = request.session.get(SESSION_KEY)
    if isinstance(stored, dict) and stored.get("user") == request.user.pk:
        return stored
    return None


def _keep(request, data: bytes, name: str) -> str:
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "user": request.user.pk,
        "name": name,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def _take(request, token: str) -> tuple[bytes, str] | None:
    """The checked file kept under `token`, removed from the session (one import per dry run)."""
    stored = _stored(request)
    if not stored or not token or not secrets.compare_digest(str(stored.get("token", "")), token):
        return None
    request.session.pop(SESSION_KEY, None)
    try:
        return base64.b64decode(stored["data"], validate=True), str(stored.get("name", ""))
    except (KeyError, TypeError, binascii.Error):
        return None


class ProjectImportView(LoginRequiredMixin, View):
    """«Kiểm tra (chạy thử)» checks every row and cell and writes nothing; «Nhập dữ liệu» writes all rows or
    none, from a new upload or from the file just checked."""

    template_name = "extension/project_import.html"

    def get(self, request):
        require_importer(request.user)
        return render(request, self.template_name, {"form": ProjectImportForm()})

    def post(self, request):
        require_importer(request.user)
        form = ProjectImportForm(request.POST, request.FILES)
        dry_run = request.POST.get("action") != "import"
        report, token = None, None
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            data, name = None, ""
            if upload is not None:
                request.session.pop(SESSION_KEY, None)  # a new file replaces the one checked before
                data, name = upload.read(), upload.name
            elif not dry_run and request.POST.get("token"):
                kept = _take(request, request.POST["token"])
                if kept is None:
                    form.add_error(
                        "file", _("Tệp đã kiểm tra không còn trong phiên làm việc: hãy chọn lại tệp.")
                    )
                else:
                    data, name = kept
            else:
                form.add_error("file", _("Chưa chọn tệp."))
            if data is not None:
                report = services.project_import(user=request.user, file=data, dry_run=dry_run, filename=name)
                if dry_run and report.ok:
                    token = _keep(request, data, name)
                if report.written:
                    request.session.pop(SESSION_KEY, None)
        status = 200 if report is not None and report.ok else 400
        return render(
            request, self.template_name, {"form": form, "report": report, "token": token}, status=status
        )


class ProjectImportTemplateView(LoginRequiredMixin, View):
    """Tệp mẫu để nhập danh sách đề án, with the valid codes on its second sheet."""

    def get(self, request):
        require_importer(request.user)
        units = list(
            Unit.objects.filter(kind__in=IMPLEMENTING_KINDS).select_related("province").order_by("code")
        )
        example_unit = next((u for u in units if u.province_id and u.province.code == "80"), None)
        wb = template_workbook(
            programmes=Programme.objects.order_by("scope", "phase_start", "code"),
            activity_types=ActivityType.objects.all(),
            trades=Trade.objects.all(),
            units=units,
            example=example_row(example_unit.code if example_unit else ""),
        )
        return workbook_response(wb, "mau-nhap-de-an-khuyen-cong")


__all__ = ["ProjectImportForm", "ProjectImportTemplateView", "ProjectImportView"]
