"""Progress of a running job (tiến độ): counters written while the job's own transaction is still open,
so the page polling them sees them move — throttled (one write per INTERVAL seconds at most) and never
through the job's connection:

- PostgreSQL: a connection of its own (autocommit, a short lock timeout) updates the job's row;
- SQLite: the job's transaction holds the database's one write lock until it ends (WAL lets readers in,
  not a second writer), so a second connection would wait for it — and the job would wait for the
  progress: a deadlock. The counters go to a small side file beside the database file instead (replaced
  atomically), which the status page reads while the job runs. The job's row gets the final counters when
  the job ends, after its transaction.

Progress is best effort: a failed write is logged and skipped, never fails the job."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

INTERVAL = 0.5  # seconds between two writes of the counters (tests set 0)


def _side_dir(settings_dict: dict) -> Path:
    """Beside the SQLite file (the web server and the worker share it by definition); a per-process
    temporary folder for an in-memory database (tests)."""
    name = str(settings_dict.get("NAME") or "")
    if name and not name.startswith("file:") and name != ":memory:" and "mode=memory" not in name:
        path = Path(name)
        return path.with_name(path.name + ".jobs")
    return Path(tempfile.gettempdir()) / f"cndp-jobs-{os.getpid()}"


def side_file(job_id: int, alias: str = DEFAULT_DB_ALIAS) -> Path:
    return _side_dir(connections[alias].settings_dict) / f"{job_id}.json"


def read_side(job_id: int) -> dict | None:
    """The counters a running job wrote to its side file (SQLite), or None."""
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        return None
    try:
        return json.loads(side_file(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Progress:
    """Handed to a job's `run`: `report(checked=, written=, total=)` as often as it likes."""

    def __init__(self, job):
        self.job_id = job.pk
        self.checked = job.checked
        self.written = job.written
        self.total = job.total
        self.writes = 0  # how many times the counters were written (tests)
        base = connections[DEFAULT_DB_ALIAS]
        self._settings = dict(base.settings_dict)
        self._postgres = base.vendor == "postgresql"
        self._wrapper_class = type(base)
        self._side = None
        self._last = None

    def report(self, *, checked: int | None = None, written: int | None = None, total: int | None = None,
               force: bool = False) -> None:  # fmt: skip
        if checked is not None:
            self.checked = checked
        if written is not None:
            self.written = written
        if total is not None:
            self.total = total
        now = time.monotonic()
        if not force and self._last is not None and now - self._last < INTERVAL:
            return
        self._last = now
        try:
            self._write_postgres() if self._postgres else self._write_file()
            self.writes += 1
        except Exception:  # noqa: BLE001 — progress never fails the job
            logger.warning("job %s: progress not written", self.job_id, exc_info=True)

    def _write_postgres(self) -> None:
        if self._side is None:
            self._side = self._wrapper_class(self._settings, alias="cndp_job_progress")
            with self._side.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
        with self._side.cursor() as cursor:
            cursor.execute(
                "UPDATE core_job SET checked = %s, written = %s, total = %s WHERE id = %s",
                [self.checked, self.written, self.total, self.job_id],
            )

    def _write_file(self) -> None:
        folder = _side_dir(self._settings)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{self.job_id}.json"
        temporary = folder / f"{self.job_id}.{os.getpid()}.tmp"
        temporary.write_text(
            json.dumps({"checked": self.checked, "written": self.written, "total": self.total}),
            encoding="utf-8",
        )
        os.replace(temporary, target)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None
        if not self._postgres:
            try:
                (_side_dir(self._settings) / f"{self.job_id}.json").unlink(missing_ok=True)
            except OSError:
                pass
