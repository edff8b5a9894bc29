"""Benchmark of the bulk import of indicator values (`cndp indicators import`, the exchange contract).

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated (the catalogue comes with it; 30 more monthly indicators are added, as an agency's
catalogue may hold more), then an exchange XLSX of N values is written: monthly values of the
catalogue's GTSX and IIP and the 30 others, for the 63 provinces from 1/1980 to 6/2025 and the 34 after,
until N values.

  (a) the import through the service (`services.values_import`): every row checked (indicator, period,
      province valid on the period's last day, value, range, duplicates), then written in batches in
      one transaction with a history row per value;
  (b) the baseline, in the same run: a bare openpyxl read-only pass over the same file (every cell read).

Throughput ratio = (b)'s time / (a)'s time. The peak memory of (a) is the highest resident memory (RSS,
sampled every 5 ms) above the RSS before it. The last lines are

    RESULT indicator_import_ratio=<x> x (goal >= 0.5)
    RESULT indicator_import_peak_mb=<MB> MB (goal <= 500)

Run: `.venv/bin/python benchmarks/indicator_import.py [--values N]` (default 1,000,000).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

EXTRA = 30
FIRST_MONTH = datetime.date(1980, 1, 1)


def setup_django(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cndp.config.settings.test")
    os.environ.setdefault("CNDP_DATA_DIR", tmp)
    import django

    django.setup()


def fresh_database(tmp: str):
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = os.path.join(tmp, "bench.sqlite3")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return old_name


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


def add_indicators() -> list[str]:
    from cndp.indicators.models import Indicator

    Indicator.objects.bulk_create(
        [
            Indicator(code=f"BENCH{i:02d}", name=f"Chỉ tiêu thử tải {i}", unit="tỷ đồng", period_type="month",
                      min_value=0)
            for i in range(1, EXTRA + 1)
        ]
    )  # fmt: skip
    return ["GTSX", "IIP"] + [f"BENCH{i:02d}" for i in range(1, EXTRA + 1)]


def rows(n: int, codes: list[str]):
    """n exchange rows: month by month, each province in force at the month's end, each indicator."""
    from cndp.indicators import periods
    from cndp.places.models import Province

    provinces = list(Province.objects.order_by("version", "code"))
    rng = random.Random(2026)
    period = periods.Period(periods.MONTH, FIRST_MONTH)
    made = 0
    while True:
        units = [p.code for p in provinces if p.is_valid_at(period.end)]
        for code in units:
            for indicator in codes:
                value = (
                    round(rng.uniform(80, 130), 1) if indicator == "IIP" else round(rng.uniform(50, 90000), 1)
                )
                yield (indicator, period.code, code, value)
                made += 1
                if made == n:
                    return
        period = period.shift(1)


def bare_pass(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        cells += len(row)
    workbook.close()
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cndp-indicator-bench-") as tmp:
        setup_django(tmp)
        from django.db import connection

        old_name = fresh_database(tmp)
        try:
            from cndp.indicators.exchange import COLUMNS, write_xlsx
            from cndp.indicators.models import DataValue
            from cndp.indicators.services import values_import

            codes = add_indicators()
            path = Path(tmp) / "values.xlsx"
            started = time.perf_counter()
            write_xlsx(path, rows(args.values, codes), COLUMNS[:4])
            built = time.perf_counter() - started
            size_mb = path.stat().st_size / 1024 / 1024
            started = time.perf_counter()
            cells = bare_pass(path)
            b = time.perf_counter() - started
            with PeakRss() as rss:
                started = time.perf_counter()
                result = values_import(path=path)
                a = time.perf_counter() - started
            assert not result.errors, result.errors[:3]
            assert result.rows == result.valid == result.written == args.values, result.as_dict()
            stored = DataValue.objects.count()
            history = DataValue.history.count()
            assert stored == history == args.values, (stored, history)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"database: {connection.vendor} (fresh); file: {args.values:,} values, {size_mb:.1f} MB, written in {built:.1f} s"
    )
    print(f"(b) bare openpyxl read-only pass: {cells:,} cells in {b:.1f} s ({args.values / b:,.0f} rows/s)")
    print(
        f"(a) import through the service: {result.written:,} values checked and written, {history:,} history "
        f"rows, in {a:.1f} s ({args.values / a:,.0f} rows/s)"
    )
    print(f"RESULT indicator_import_ratio={b / a:.2f} x (goal >= 0.5)")
    print(f"RESULT indicator_import_peak_mb={rss.mb:.0f} MB (goal <= 500)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
