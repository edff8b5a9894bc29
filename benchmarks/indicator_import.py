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
import random
import time
from pathlib import Path

from _db import PeakRss, throwaway_database  # noqa: E402

EXTRA = 30
FIRST_MONTH = datetime.date(1980, 1, 1)


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
    with throwaway_database("cndp-indicator-bench-") as db:
        from django.db import connection

        from cndp.indicators.exchange import COLUMNS, write_xlsx
        from cndp.indicators.models import DataValue
        from cndp.indicators.services import values_import

        codes = add_indicators()
        path = Path(db.folder) / "values.xlsx"
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
