"""Benchmark of the national picture of industrial clusters against a raw SQL aggregate of the same figures.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated (provinces, regions and the Decree 32 conditions come with the migrations), then filled
with bulk_create: first 2,000 clusters, then up to 20,000 — across the 63 old provinces (scoped by their
34-unit successors), statuses along the lifecycle, areas of 10–75 ha, leased land (a few overstated),
wastewater plants and flags, seeded.

For the picture by province (today's 34), as the page computes it:

  (a) the selector: `picture.picture(queryset, "province")` (one grouped ORM aggregate, the province
      names, the ratios in plain Python — layouts.Figures);
  (b) raw SQL: `cursor.execute` of a hand-written GROUP BY with the same sums and counts, folded into the
      same Figures.

The figures of (a) and (b) must be equal, and the number of queries of (a) the same at 2,000 and at
20,000 clusters. Both are timed in the same run, interleaved, REPEATS times (median). The last line is

    RESULT clusters_report_ratio=<a/b> x (goal <= 3.0)

Run: `.venv/bin/python benchmarks/clusters_report.py [--clusters N] [--repeats N]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal

SEED = 20240315  # Decree 32/2024 was signed on 15/3/2024; any fixed seed will do
SMALL, BIG = 2_000, 20_000
STATUS_MIX = [
    ("planned", 15),
    ("established", 8),
    ("under_construction", 11),
    ("operating", 58),
    ("expanded", 4),
    ("removed", 3),
    ("revoked", 1),
]

from _db import count_queries, throwaway_database, timed  # noqa: E402


def add_clusters(start: int, stop: int, rng: random.Random) -> None:
    import datetime

    from cndp.clusters.models import Cluster
    from cndp.places.models import Province

    old = list(Province.objects.filter(version="63").order_by("code"))
    statuses, weights = zip(*STATUS_MIX, strict=True)
    rows = []
    for n in range(start, stop):
        province = rng.choice(old)
        status = rng.choices(statuses, weights)[0]
        area = Decimal(rng.randint(1000, 7500)) / 100
        land = (area * Decimal(rng.randint(60, 75)) / 100).quantize(Decimal("0.01"))
        operating = status in ("operating", "expanded")
        leased = (
            (land * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01")) if operating else Decimal(0)
        )
        if operating and rng.random() < 0.01:
            leased = land + Decimal(5)  # an overstated report: counts as full, flagged
        established = status not in ("planned", "removed") and rng.random() > 0.03
        rows.append(
            Cluster(
                code=f"BM-{n:06d}",
                name=f"Cụm công nghiệp {n}",
                province=province,
                province_current_id=province.successor_id,
                status=status,
                kind="craft_village" if rng.random() < 0.1 else "ordinary",
                planned_area=area,
                established_area=area if established else None,
                established_on=datetime.date(2015, 1, 1) if established else None,
                industrial_land=land,
                leased_area=leased,
                wastewater=rng.choice(["none", "none", "none", "building", "operating"])
                if operating
                else "none",
                flagged=rng.random() < 0.05,
                search_folded=f"bm-{n:06d}",
            )
        )
    Cluster.objects.bulk_create(rows, batch_size=2000)


def by_selector():
    from cndp.clusters import picture
    from cndp.clusters.models import Cluster

    result = picture.picture(Cluster.objects.all(), "province")
    return {code: f for _name, code, f in result["rows"]}


def by_raw_sql():
    """The same figures with one hand-written GROUP BY (portable SQL: SQLite and PostgreSQL)."""
    from django.db import connection

    from cndp.clusters import layouts
    from cndp.clusters.models import Cluster
    from cndp.places.models import Province

    cluster, province = Cluster._meta.db_table, Province._meta.db_table
    operating = "c.status IN ('operating', 'expanded')"
    sql = f"""
        SELECT p.code, COUNT(*),
               SUM(CASE WHEN c.established_on IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN {operating} THEN 1 ELSE 0 END),
               SUM(COALESCE(c.established_area, c.planned_area)),
               SUM(CASE WHEN {operating} THEN c.industrial_land ELSE 0 END),
               SUM(CASE WHEN {operating} THEN
                   CASE WHEN c.leased_area < c.industrial_land THEN c.leased_area ELSE c.industrial_land END
                   ELSE 0 END),
               SUM(CASE WHEN {operating} AND c.wastewater = 'operating' THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.flagged THEN 1 ELSE 0 END)
        FROM {cluster} c JOIN {province} p ON p.id = c.province_current_id
        WHERE c.status NOT IN ('removed', 'revoked')
        GROUP BY p.code"""
    out = {}
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for code, n, est, op, area, land, leased, ww, flagged in cursor.fetchall():
            out[code] = layouts.Figures(
                clusters=n,
                established=est,
                operating=op,
                area=Decimal(str(area or 0)),
                land=Decimal(str(land or 0)),
                leased=Decimal(str(leased or 0)),
                wastewater=ww,
                flagged=flagged,
            )
    return out


def same(a: dict, b: dict) -> bool:
    def key(f):
        return (
            f.clusters,
            f.established,
            f.operating,
            round(f.area, 2),
            round(f.land, 2),
            round(f.leased, 2),
            f.wastewater,
            f.flagged,
        )

    return a.keys() == b.keys() and all(key(a[k]) == key(b[k]) for k in a)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=BIG)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with throwaway_database("cndp-clusters-bench-"):
        from django.db import connection

        rng = random.Random(SEED)
        small = min(SMALL, args.clusters)
        add_clusters(0, small, rng)
        by_selector()  # warm
        queries_small = count_queries(by_selector)
        assert same(by_selector(), by_raw_sql()), "the selector and the SQL disagree"
        started = time.perf_counter()
        add_clusters(small, args.clusters, rng)
        filled = time.perf_counter() - started
        queries_big = count_queries(by_selector)
        assert same(by_selector(), by_raw_sql()), "the selector and the SQL disagree"
        selector_times, sql_times = [], []
        for _ in range(args.repeats):
            selector_times.append(timed(by_selector))
            sql_times.append(timed(by_raw_sql))
        a, b = statistics.median(selector_times), statistics.median(sql_times)
        print(f"database: {connection.vendor}; clusters: {args.clusters:,} (filled in {filled:.1f} s)")
        print(f"queries of the picture: {queries_small} at {small:,}, {queries_big} at {args.clusters:,}")
        print(
            f"picture by province (selector): {a * 1000:.1f} ms; raw SQL: {b * 1000:.1f} ms (median of {args.repeats})"
        )
        if queries_small != queries_big:
            print("FAIL: the query count grows with the clusters")
            return 1
        ratio = a / b if b else float("inf")
        print(f"RESULT clusters_report_ratio={ratio:.2f} x (goal <= 3.0)")
        return 0 if ratio <= 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
