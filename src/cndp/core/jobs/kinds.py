"""The kinds of long job (loại việc chạy nền): each app registers its own in its AppConfig.ready(), so
core never imports a domain app.

    register(Kind("indicators.exchange_import", _("Nạp tệp trao đổi số liệu"), run=exchange_run,
                  again="indicators:exchange_upload"))

`run(job, progress) -> dict` does the work (its own transaction: all or nothing) and returns the summary
the job's page shows: `rows`, `valid`, `written`, `dry_run`, `ok`, `message` and `errors` (a list of
{row, column, code, message}); any of them may be missing. It reports its counters through
`progress.report(checked=, written=, total=)`. An export attaches its file with `attach(job, name, data)`.
A problem the user can fix raises `JobFailed("…")` (the message is shown as it is)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class JobFailed(Exception):
    """The job cannot be done for a reason the user can act on; the message (Vietnamese) is shown."""


@dataclass(frozen=True)
class Kind:
    key: str  # "app.what", stored on Job.kind
    label: str  # Vietnamese, for the jobs list ("Nạp tệp trao đổi số liệu")
    run: Callable  # run(job, progress) -> dict
    again: str = ""  # URL name of the page that starts another such job ("Tải lên tệp khác")


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS[kind.key] = kind


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else str(_("Việc chạy nền"))
