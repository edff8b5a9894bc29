"""Benchmark of the project list's Excel export (xuất Excel danh sách đề án) at 25,000 projects.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated and filled as `extension_report.py` fills it (25,000 projects with their ledger and
progress reports, seeded). The export is asked as the agency's officer asks it, through Django's request
handler and middleware (`/extension/projects/?export=xlsx`), and read to its last byte:

  - the time to the first byte of the body and to the last (REPEATS times, median);
  - the peak of memory above the process's baseline, the larger of two measures: Python allocations
    (tracemalloc, in a separate untimed run: tracing is slow) and the resident memory (RSS, sampled
    every 5 ms by a thread during the timed runs; it can hide growth in memory the process had freed).

The file is opened again to check its row count. The last lines are

    RESULT export_peak_mb=<MB> MB (goal <= 100)
    RESULT export_first_byte_s=<s> s (goal <= 1.0)

Run: `.venv/bin/python benchmarks/export.py [--projects N] [--repeats N]`.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _db import PeakRss, throwaway_database  # noqa: E402
from extension_report import SEED, World, add_projects  # noqa: E402

URL = "/extension/projects/?export=xlsx"


def export_once(client) -> tuple[float, float, int, bytes]:
    """(seconds to the first byte, seconds to the last, size, the file) of one export, the body read
    chunk by chunk (the compressed file is kept, to be checked: 1–2 MB at 25,000 rows)."""
    started = time.perf_counter()
    response = client.get(URL)
    assert response.status_code == 200, response.status_code
    chunks = response.streaming_content if response.streaming else iter([response.content])
    first_byte = None
    size = 0
    parts = []
    for chunk in chunks:
        if chunk and first_byte is None:
            first_byte = time.perf_counter() - started
        size += len(chunk)
        parts.append(chunk)
    total = time.perf_counter() - started
    response.close()
    return first_byte, total, size, b"".join(parts)


def export_peak(client) -> tuple[float, int]:
    """(peak MB allocated above the baseline, file size) of one export, the body read chunk by chunk and
    dropped (as a server hands it to the socket)."""
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    response = client.get(URL)
    chunks = response.streaming_content if response.streaming else iter([response.content])
    size = 0
    for chunk in chunks:
        size += len(chunk)
    response.close()
    del response, chunks
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - baseline) / 1024 / 1024, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=25_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print where one export's time goes")
    args = parser.parse_args()

    with throwaway_database("cndp-export-bench-") as db:
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from openpyxl import load_workbook

        migrated = db.migrated
        rng = random.Random(SEED)
        world = World()
        started = time.perf_counter()
        add_projects(world, 0, args.projects, rng)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(world.user)
        client.get("/extension/projects/?export=xlsx&q=none-such")  # warm: templates, permissions
        if args.profile:
            import cProfile
            import pstats

            with cProfile.Profile() as profile:
                export_once(client)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        firsts, totals, peaks = [], [], []
        for _ in range(args.repeats):
            with PeakRss() as rss:
                first, total, size, content = export_once(client)
            firsts.append(first)
            totals.append(total)
            peaks.append(rss.mb)
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        rows = sum(1 for _ in sheet.iter_rows(min_row=4, values_only=True))
        assert rows == args.projects, (rows, args.projects)
        del content, sheet
        traced_mb = export_peak(client)[0]

    print(f"database: {connection.vendor} (fresh; migrated in {migrated:.1f} s)")
    print(f"data: {args.projects:,} projects (seed {SEED}); built in {built:.1f} s")
    print(f"export: {rows:,} rows, {size / 1024 / 1024:.1f} MB file, checked by reading it back")
    print(
        f"time to the last byte: {statistics.median(totals):.2f} s median of {args.repeats}; "
        f"first byte {statistics.median(firsts):.3f} s"
    )
    print(f"Python allocations (tracemalloc, untimed run): peak {traced_mb:.1f} MB above the baseline")
    print(f"RSS above the process's baseline during the export: {', '.join(f'{p:.1f}' for p in peaks)} MB")
    print(f"RESULT export_peak_mb={max(traced_mb, *peaks):.1f} MB (goal <= 100)")
    print(f"RESULT export_first_byte_s={statistics.median(firsts):.3f} s (goal <= 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
