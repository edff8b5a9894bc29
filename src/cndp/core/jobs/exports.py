"""Xuất Excel trong nền: any registry list's Excel export (what is filtered is what is exported) as a long
job — for a list too long to wait for. The job keeps the list's URL and query; the worker finds the list's
view by resolving that URL (so a list with its own base queryset — the overdue list, the flagged
clusters — exports what it shows), rebuilds the table as the owner would see it (their scope, their
filters) and writes the streamed workbook to the job's result file, counting rows as it goes."""

from __future__ import annotations

import tempfile

from django.core.files import File
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.excel import workbook_chunks
from cndp.core.jobs import kinds, services
from cndp.core.tables import export_values

EXPORT_KIND = "core.list_export"
EVERY = 500  # rows between two progress reports


def export_start(*, request, title: str):
    """Queue the export of the list at `request` (its path and filters, without the paging)."""
    query = request.GET.copy()
    for key in ("export", "page"):
        query.pop(key, None)
    return services.job_start(
        kind=EXPORT_KIND,
        user=request.user,
        label=_("Xuất Excel: %(list)s") % {"list": title},
        params={"path": request.path, "query": query.urlencode()},
    )


def _list_view(job):
    path = job.params.get("path") or ""
    try:
        match = resolve(path)
    except Resolver404 as exc:
        raise kinds.JobFailed(_("Danh sách này không còn trong hệ thống.")) from exc
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "list_table"):
        raise kinds.JobFailed(_("Danh sách này không xuất được trong nền."))
    request = RequestFactory().get(path, QueryDict(job.params.get("query") or "", mutable=False))
    request.user = job.owner
    request.htmx = False
    view = view_class()
    view.setup(request, *match.args, **match.kwargs)
    return view, request


def export_run(job, progress) -> dict:
    from cndp.core.generic import export_titles

    view, request = _list_view(job)
    table, filterset = view.list_table(request)
    header, count, rows = export_values(table)
    title, subtitle = export_titles(view.registry, filterset, count)
    progress.report(checked=0, written=0, total=count, force=True)

    def counted():
        n = 0
        for n, row in enumerate(rows, start=1):  # noqa: B007 — the count after the loop
            yield row
            if not n % EVERY:
                progress.report(checked=n, written=n)
        progress.report(checked=n, written=n, total=n, force=True)

    with tempfile.TemporaryFile() as out:
        for chunk in workbook_chunks(title, header, counted(), subtitle):
            out.write(chunk)
        out.seek(0)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        services.attach(job, f"{view.registry.model._meta.model_name}-{stamp}.xlsx", File(out))
    return {
        "rows": progress.checked,
        "written": progress.written,
        "message": _("Đã xuất %(n)s bản ghi ra tệp Excel.") % {"n": progress.written},
    }


kinds.register(kinds.Kind(EXPORT_KIND, gettext_lazy("Xuất Excel"), run=export_run))
