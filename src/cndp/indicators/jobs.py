"""The exchange-format upload as a long job (việc chạy nền, core.jobs): the file the user uploaded, kept
with the job, is checked (dry run) or imported by `values_import` on the task worker — the same service,
the same error codes as `cndp indicators import` — while the job's page shows rows checked and written."""

from __future__ import annotations

import shutil
import tempfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.jobs.kinds import JobFailed, Kind
from cndp.indicators.services import values_import

EXCHANGE_KIND = "indicators.exchange_import"


def exchange_run(job, progress) -> dict:
    """Run `values_import` over the job's file as its owner; the summary is the CLI's JSON plus a line."""
    dry_run = bool(job.params.get("dry_run"))
    if not job.file:
        raise JobFailed(_("Không còn tệp đã tải lên của việc này: hãy tải tệp lên lại."))
    # openpyxl goes by the name's ending; the reader itself decides by the content (a CSV opens as text)
    with tempfile.NamedTemporaryFile(prefix="cndp-exchange-", suffix=".xlsx") as local:
        try:
            with job.file.open("rb") as stored:
                shutil.copyfileobj(stored, local, 1 << 20)
        except OSError as exc:
            raise JobFailed(_("Không đọc được tệp đã tải lên của việc này: hãy tải tệp lên lại.")) from exc
        local.flush()
        result = values_import(path=local.name, user=job.owner, dry_run=dry_run, progress=progress.report)
    summary = {**result.as_dict(), "dry_run": dry_run, "ok": not result.errors}
    if result.errors:
        summary["message"] = _(
            "Tệp có %(n)s lỗi: không ghi dòng nào. Sửa các ô được nêu rồi tải lên lại."
        ) % {"n": len(result.errors)}
    elif dry_run:
        summary["message"] = _("Tệp hợp lệ: %(n)s dòng sẵn sàng để nhập (chạy thử, chưa ghi gì).") % {
            "n": result.valid
        }
    else:
        summary["message"] = _("Đã nhập %(n)s giá trị từ tệp.") % {"n": result.written}
    return summary


KIND = Kind(
    EXCHANGE_KIND,
    gettext_lazy("Nạp tệp trao đổi số liệu"),
    run=exchange_run,
    again="indicators:exchange_upload",
)
