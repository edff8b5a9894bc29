"""Nhập cơ sở dữ liệu cụm công nghiệp từ Excel: the upload page with its dry run, the import (all rows or
none) and the template. Thin: parse the request, call `importing.import_clusters`, render."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from cndp.clusters import importing
from cndp.clusters.models import Cluster, ClusterDecision
from cndp.core import importing as core_importing
from cndp.core.excel import workbook_response
from cndp.core.forms import Form
from cndp.core.permissions import require


class ClusterImportForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def clean_file(self):
        return core_importing.check_upload(self.cleaned_data.get("file"))


def _require(user):
    require(user, "add", Cluster)
    require(user, "add", ClusterDecision)


@login_required
def cluster_import(request):
    """«Kiểm tra (chạy thử)» checks every row and cell and writes nothing; «Nhập dữ liệu» writes every row
    or none."""
    _require(request.user)
    form = ClusterImportForm(request.POST or None, request.FILES or None)
    result, dry_run = None, request.POST.get("action") != "import"
    if request.method == "POST" and form.is_valid():
        result = importing.import_clusters(form.cleaned_data["file"], user=request.user, dry_run=dry_run)
    status = 400 if result is not None and result.issues else 200
    return render(
        request, "clusters/import.html", {"form": form, "result": result, "dry_run": dry_run}, status=status
    )


@login_required
def cluster_import_template(request):
    _require(request.user)
    return workbook_response(importing.template(), "mau-nhap-cum-cong-nghiep")
