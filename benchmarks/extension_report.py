"""Benchmark of the extension report's selectors against hand-written SQL of the same figures.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated (provinces, regions and the extension reference data come with the migrations), then
filled with bulk_create: first 2,500 projects, then up to 25,000 — plan years 2021–2026, the units of the
plan date (63 before 1/7/2025, 34 after), statuses along the lifecycle, approved funds, ledger entries
(advances, payments, refunds, settlements) and progress reports with their obligations on the reporting
calendar (period, due date, state), seeded.

For the annual report of 2026 by province (rolled up to the 34) and the registrations by year:

  (a) the selectors: `report_selectors.grouped(...)` and `report_selectors.yearly(...)`, as the page calls
      them (ORM aggregates, labels, the plain arithmetic of `reports`);
  (b) raw SQL: `cursor.execute` of hand-written GROUP BY queries for the same figures, folded into dicts.

The figures of (a) and (b) must be equal; the number of queries of (a) must be the same at 2,500 and at
25,000 projects. Both are timed in the same run, interleaved, REPEATS times (median). The last line is

    RESULT extension_report_ratio=<a/b> x (goal <= 3.0)

Run: `.venv/bin/python benchmarks/extension_report.py [--projects N] [--repeats N]`.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import tempfile
import time

SEED = 20260701  # the 34-unit map took effect on 1/7/2025; any fixed seed will do
YEAR = 2026
YEARS = range(2021, 2027)
YEAR_WEIGHTS = (95, 97, 100, 104, 101, 106)  # registrations grow a little, not every year
SMALL, BIG = 2_500, 25_000
M = 1_000_000

from _db import count_queries, fresh_database, setup_django, timed  # noqa: E402

# ---- data --------------------------------------------------------------------------------------------------

# (status, weight) of a plan year's projects; the demo's proportions roughly.
STATUS_MIX = [
    ("registered", 4),
    ("doit_appraised", 2),
    ("submitted", 2),
    ("rejected", 18),
    ("withdrawn", 3),
    ("selected", 4),
    ("in_plan", 4),
    ("contracted", 6),
    ("in_progress", 18),
    ("suspended", 1),
    ("inspected", 4),
    ("accepted", 6),
    ("liquidated", 4),
    ("settled", 24),
]
APPROVED = {
    "in_plan",
    "contracted",
    "in_progress",
    "suspended",
    "inspected",
    "accepted",
    "liquidated",
    "settled",
}
PAID = APPROVED - {"in_plan"}
FINISHED = {"accepted", "liquidated", "settled"}


class World:
    """Lookups loaded once."""

    def __init__(self):
        from cndp.accounts.models import Unit, User
        from cndp.extension.models import ActivityType, Programme
        from cndp.places.models import Province

        self.provinces = {v: list(Province.objects.filter(version=v).order_by("code")) for v in ("63", "34")}
        self.types = list(ActivityType.objects.order_by("order"))
        self.programmes = {
            y: Programme.objects.filter(scope="national", phase_start__lte=y, phase_end__gte=y).get()
            for y in YEARS
        }
        self.unit, _ = Unit.objects.get_or_create(
            code="bench-centre",
            defaults={"name": "Trung tâm Khuyến công (benchmark)", "kind": "agency_centre"},
        )
        self.user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
            username="bench", password="bench-only", full_name="Benchmark"
        )


def add_projects(world: World, start: int, stop: int, rng: random.Random) -> None:
    """Projects number start … stop-1, with their ledger and progress reports, by bulk_create."""
    from django.contrib.contenttypes.models import ContentType

    from cndp.extension.models import LedgerEntry, ProgressReport, Project
    from cndp.extension.progress.rules import OBLIGATION_KIND
    from cndp.obligations.models import Obligation
    from cndp.obligations.services import obligations_owed_refresh

    statuses, weights = zip(*STATUS_MIX, strict=True)
    projects, plans = [], []
    for n in range(start, stop):
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        version = "63" if year <= 2025 else "34"
        province = rng.choice(world.provinces[version])
        status = rng.choices(statuses, weights)[0]
        funds = rng.randint(80, 1000) * M
        counterpart = rng.randint(0, 1500) * M
        approved = funds if status == "selected" or status in APPROVED else None
        if approved and rng.random() < 0.1:
            approved = funds * rng.randint(80, 99) // 100
        finished = status in FINISHED
        projects.append(
            Project(
                code=f"BM{year}-{n:06d}",
                plan_year=year,
                name=f"Đề án khuyến công thử tải số {n}",
                programme=world.programmes[year],
                implementing_unit=world.unit,
                province=province,
                province_current_id=province.pk if version == "34" else province.successor_id,
                activity_type=rng.choice(world.types),
                technology_line=rng.random() < 0.08,
                start_date=datetime.date(year, 3, 1),
                end_date=datetime.date(year, 11, 30),
                extension_funds=funds,
                counterpart_funds=counterpart,
                total_funds=funds + counterpart,
                approved_funds=approved,
                status=status,
                achieved_trainees=rng.randint(0, 60) if finished else 0,
                achieved_models=rng.randint(0, 1) if finished else 0,
                achieved_machines=rng.randint(0, 4) if finished or status == "in_progress" else 0,
                achieved_products=rng.randint(0, 2) if finished else 0,
                achieved_jobs=rng.randint(0, 20) if finished else 0,
                search_folded=f"bm{year}-{n:06d}",
            )
        )
        plans.append((year, status, approved))
    saved = Project.objects.bulk_create(projects, batch_size=2000)
    entries, owed = [], []
    for project, (year, status, approved) in zip(saved, plans, strict=True):
        if status not in PAID:
            continue

        def day(m_from, m_to, y=year):
            return datetime.date(y, rng.randint(m_from, m_to), rng.randint(1, 28))

        def add(kind, amount, on, project=project):
            entries.append(
                LedgerEntry(project=project, kind=kind, amount=amount, on=on, recorded_by=world.user)
            )

        advance = approved // 2
        add("advance", advance, day(2, 6))
        if status in FINISHED or status == "inspected" or rng.random() < 0.3:
            paid = approved * rng.randint(85, 100) // 100 - advance
            if (
                paid > 0
            ):  # some of the last plan year's payments fall after its end (not in the annual report)
                late = year == YEAR and rng.random() < 0.2
                add("payment", paid, day(1, 3, YEAR + 1) if late else day(7, 12))
            if rng.random() < 0.05:
                add("refund", rng.randint(1, 10) * M // 10, day(8, 12))
        if status == "settled":
            add("settlement", approved * rng.randint(90, 100) // 100, day(10, 12))
        if status in ("contracted", "in_progress", "inspected", "suspended", "accepted"):
            for seq, (month, state) in enumerate(
                ((6, "accepted"), (12, rng.choice(["pending", "submitted"]))), 1
            ):
                due = datetime.date(year, month, 20)
                report = ProgressReport(project=project, sequence=seq, kind="periodic", obligation_due_on=due)
                # its obligation on the reporting calendar: the period, due date and state
                report._owed = (due.replace(day=14), due, state if rng.random() < 0.8 else "needs_revision")
                owed.append(report)
    LedgerEntry.objects.bulk_create(entries, batch_size=5000)
    ProgressReport.objects.bulk_create(owed, batch_size=5000)
    content_type = ContentType.objects.get_for_model(ProgressReport)
    Obligation.objects.bulk_create(
        [
            Obligation(
                kind=OBLIGATION_KIND,
                title=f"{r.project.code} — báo cáo tiến độ kỳ {r.sequence}",
                content_type=content_type,
                object_id=r.pk,
                unit=world.unit,
                province_id=r.project.province_current_id,
                basis="periodic",
                period_end=r._owed[0],
                due_on=r._owed[1],
                state=r._owed[2],
            )
            for r in owed
        ],
        batch_size=5000,
    )
    obligations_owed_refresh(kind=OBLIGATION_KIND)  # bulk_create sends no signal: as the services keep it


# ---- the two paths -----------------------------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 26)


def by_selectors(user) -> tuple[dict, dict]:
    from cndp.extension.reports import selectors as report_selectors

    table = report_selectors.grouped(user, YEAR, report_selectors.BY_PROVINCE, rollup=True, today=TODAY)
    years = report_selectors.yearly(user, YEAR, span=len(YEARS))
    rows = {row.key: row.figures for row in table.rows if row.figures.registered}
    per_year = {p.year: (p.registered, p.requested, p.approved, p.approved_funds) for p in years}
    return rows, per_year


def by_raw_sql() -> tuple[dict, dict]:
    """The same figures with hand-written GROUP BY queries (portable SQL: SQLite and PostgreSQL)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from cndp.extension.models import LedgerEntry, ProgressReport, Project
    from cndp.extension.reports import rules as reports
    from cndp.obligations.models import Obligation

    report_type = ContentType.objects.get_for_model(ProgressReport).pk
    project, ledger, report, obligation = (
        Project._meta.db_table,
        LedgerEntry._meta.db_table,
        ProgressReport._meta.db_table,
        Obligation._meta.db_table,
    )
    approved = "('in_plan','contracted','in_progress','adjusted','suspended','inspected','accepted','liquidated','settled')"
    selected = approved[:-1] + ",'selected')"
    sql_projects = f"""
        SELECT province_current_id, COUNT(*), SUM(extension_funds),
               SUM(CASE WHEN status IN {selected} THEN 1 ELSE 0 END),
               SUM(CASE WHEN status IN {selected} THEN COALESCE(approved_funds, extension_funds) ELSE 0 END),
               SUM(CASE WHEN status IN {approved} THEN 1 ELSE 0 END),
               SUM(CASE WHEN status IN {approved} THEN approved_funds ELSE 0 END),
               SUM(CASE WHEN status IN {approved} THEN counterpart_funds ELSE 0 END),
               SUM(CASE WHEN status = 'settled' THEN 1 ELSE 0 END),
               SUM(achieved_trainees), SUM(achieved_models), SUM(achieved_machines),
               SUM(achieved_products), SUM(achieved_jobs)
        FROM {project} WHERE plan_year = %s GROUP BY province_current_id"""
    sql_ledger = f"""
        SELECT p.province_current_id,
               SUM(CASE WHEN l.kind IN ('advance', 'payment') THEN l.amount ELSE 0 END)
             - SUM(CASE WHEN l.kind = 'refund' THEN l.amount ELSE 0 END)
        FROM {ledger} l JOIN {project} p ON p.id = l.project_id
        WHERE p.plan_year = %s AND l.{connection.ops.quote_name("on")} <= %s GROUP BY p.province_current_id"""
    sql_overdue = f"""
        SELECT p.province_current_id, COUNT(*)
        FROM {report} r JOIN {project} p ON p.id = r.project_id
        JOIN {obligation} o ON o.object_id = r.id AND o.content_type_id = {report_type}
        WHERE p.plan_year = %s AND o.state IN ('pending', 'needs_revision') AND o.due_on < %s
          AND p.status IN ('contracted', 'in_progress', 'adjusted', 'inspected')
        GROUP BY p.province_current_id"""
    sql_years = f"""
        SELECT plan_year, COUNT(*), SUM(extension_funds),
               SUM(CASE WHEN status IN {approved} THEN 1 ELSE 0 END),
               SUM(CASE WHEN status IN {approved} THEN approved_funds ELSE 0 END)
        FROM {project} WHERE plan_year BETWEEN %s AND %s GROUP BY plan_year"""
    names = ("registered", "requested", "selected", "selected_funds", "approved", "approved_funds",
             "counterpart", "settled", "trainees", "models", "machines", "products", "jobs")  # fmt: skip
    end = datetime.date(YEAR, 12, 31)
    rows: dict[int, dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql_projects, [YEAR])
        for key, *values in cursor.fetchall():
            rows[key] = dict(zip(names, values, strict=True))
        cursor.execute(sql_ledger, [YEAR, end])
        for key, disbursed in cursor.fetchall():
            rows[key]["disbursed"] = disbursed
        cursor.execute(sql_overdue, [YEAR, min(end, TODAY)])
        for key, n in cursor.fetchall():
            rows[key]["overdue_reports"] = n
        cursor.execute(sql_years, [YEARS[0] - 1, YEAR])
        per_year = {y: (n, int(req or 0), a, int(af or 0)) for y, n, req, a, af in cursor.fetchall()}
    figures = {key: reports.figures(values) for key, values in rows.items()}
    return figures, {y: v for y, v in per_year.items() if y in YEARS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=BIG)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cndp-extension-bench-") as tmp:
        setup_django(tmp)
        from django.db import connection

        started = time.perf_counter()
        old_name = fresh_database(tmp)
        migrated = time.perf_counter() - started
        try:
            rng = random.Random(SEED)
            world = World()
            user = world.user

            started = time.perf_counter()
            add_projects(world, 0, SMALL, rng)
            by_selectors(user)  # warm: permissions, content types
            small_queries = count_queries(lambda: by_selectors(user))
            assert by_selectors(user) == by_raw_sql(), "figures differ at 2,500 projects"
            add_projects(world, SMALL, args.projects, rng)
            if connection.vendor == "postgresql":  # statistics for the planner, as autovacuum keeps them
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            built = time.perf_counter() - started
            big_queries = count_queries(lambda: by_selectors(user))
            assert big_queries == small_queries, (small_queries, big_queries)

            selectors_result, raw_result = by_selectors(user), by_raw_sql()
            assert selectors_result == raw_result, "figures differ"
            total = sum(f.registered for f in raw_result[0].values())
            disbursed = sum(f.disbursed for f in raw_result[0].values())

            for _ in range(2):  # warm-up: the database's cache
                by_selectors(user)
                by_raw_sql()
            a_times, b_times = [], []
            for _ in range(args.repeats):
                a_times.append(timed(lambda: by_selectors(user)))
                b_times.append(timed(by_raw_sql))
            a_ms, b_ms = statistics.median(a_times) * 1000, statistics.median(b_times) * 1000

            from cndp.extension.models import LedgerEntry, ProgressReport, Project

            counts = (Project.objects.count(), LedgerEntry.objects.count(), ProgressReport.objects.count())
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {connection.vendor} (fresh; migrated in {migrated:.1f} s)")
    print(
        f"data: {counts[0]:,} projects ({len(YEARS)} plan years), {counts[1]:,} ledger entries, "
        f"{counts[2]:,} progress reports (seed {SEED}); built in {built:.1f} s"
    )
    print(
        f"annual report {YEAR} by province (34): {len(raw_result[0])} provinces, {total:,} projects, "
        f"disbursed {disbursed:,} đồng; registrations {YEARS[0]}–{YEAR}: "
        + ", ".join(str(raw_result[1][y][0]) for y in YEARS)
    )
    print("figures: selectors == raw SQL (checked at 2,500 and at the full size)")
    print(
        f"queries of the selector path: {small_queries} at {SMALL:,} projects, {big_queries} at {args.projects:,}"
    )
    print(f"(a) selectors (grouped + yearly): {a_ms:.1f} ms median of {args.repeats}")
    print(f"(b) raw SQL GROUP BY, same figures: {b_ms:.1f} ms median of {args.repeats}")
    print(f"RESULT extension_report_ratio={a_ms / b_ms:.2f} x (goal <= 3.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
