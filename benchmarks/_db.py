"""What the benchmarks share: Django set up on a throw-away database, query counting, timing, peak memory.

A benchmark imports it first (`from _db import ...`; the script's folder is on the path when it is run as
`.venv/bin/python benchmarks/<name>.py`), which also puts `src/` on the path.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def setup_django(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cndp.config.settings.test")
    os.environ.setdefault("CNDP_DATA_DIR", tmp)
    import django

    django.setup()


def _sqlite_copy(source: str, target: str) -> None:
    """A consistent copy of an SQLite database (the backup API: right even with a write-ahead log)."""
    import sqlite3

    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def fresh_database(tmp: str):
    """Create and migrate a throw-away database; returns what `destroy_test_db` needs.

    On SQLite, with CNDP_BENCH_MIGRATED naming a file (as `.ci/run` does for its benchmarks), the first
    benchmark migrates and leaves a copy of the just-migrated database there, and the next ones start from
    that copy instead of migrating again: the same schema and rows, without a minute of migrations each."""
    from django.db import connection

    if connection.vendor != "sqlite":
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return old_name
    name = os.path.join(tmp, "bench.sqlite3")  # a file, as in use (the test default would be in memory)
    migrated = os.environ.get("CNDP_BENCH_MIGRATED")
    if migrated and os.path.exists(migrated):
        old_name = connection.settings_dict["NAME"]
        connection.close()
        _sqlite_copy(migrated, name)
        from django.conf import settings

        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["TEST"]["NAME"] = name
        return old_name
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    if migrated:
        connection.close()
        _sqlite_copy(name, migrated)
    return old_name


@dataclass(frozen=True)
class Database:
    folder: str  # the temporary folder (data directory, SQLite file, generated files)
    migrated: float  # seconds the migrations took


@contextlib.contextmanager
def throwaway_database(prefix: str) -> Iterator[Database]:
    """A temporary folder, Django set up on it and a fresh migrated database (SQLite in the folder; with
    DATABASE_URL set, a test database on that server), dropped and removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        setup_django(tmp)
        from django.db import connection

        started = time.perf_counter()
        old_name = fresh_database(tmp)
        try:
            yield Database(tmp, time.perf_counter() - started)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """The highest RSS seen while the block runs, above the RSS at its start."""

    def __enter__(self):
        gc.collect()
        self.baseline = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def mb(self) -> float:
        return (self.peak - self.baseline) / 1024 / 1024
