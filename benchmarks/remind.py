"""Benchmark of the daily job of the reporting calendar (`manage.py remind`): reminders and escalations
over 50,000 open obligations.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated, then filled with bulk_create: obligations of one calendar rule spread over the 34
provinces, a third entering the reminder window, a third one day late, a third fifteen days late (every
one of them gets a notice: the worst case of a day).

  (a) the job: `services.obligations_follow_up` (select, record each notice as a step, update), as the
      worker runs it;
  (b) the baseline, in the same run: reading the same open obligations' rows once (values_list).

The number of queries of (a) must be the same at 5,000 and at the full size. The last line is

    RESULT remind=<seconds of (a)> s (goal < 30)

Run: `.venv/bin/python benchmarks/remind.py [--obligations N]`.
"""

from __future__ import annotations

import argparse
import datetime
import time

from _db import count_queries, throwaway_database, timed  # noqa: E402

SMALL, BIG = 5_000, 50_000
TODAY = datetime.date(2026, 6, 15)
DUES = (datetime.date(2026, 6, 20), datetime.date(2026, 6, 14), datetime.date(2026, 5, 31))


def add(n: int, start: int, rule) -> None:
    from django.contrib.contenttypes.models import ContentType

    from cndp.obligations.models import Obligation
    from cndp.places.models import Province

    provinces = list(Province.objects.filter(version="34").order_by("code"))
    ct = ContentType.objects.get_for_model(Province)
    Obligation.objects.bulk_create(
        [
            Obligation(
                kind="bench.report",
                title=f"Báo cáo thử tải số {i}",
                content_type=ct,
                object_id=i,
                province=provinces[i % len(provinces)],
                rule=rule,
                period_end=DUES[i % 3].replace(day=14) if i % 3 == 0 else DUES[i % 3],
                due_on=DUES[i % 3],
            )
            for i in range(start, start + n)
        ],
        batch_size=5000,
    )


def reset() -> None:
    from cndp.obligations.models import Obligation, ObligationStep

    ObligationStep.objects.all().delete()
    Obligation.objects.update(reminded_on=None, escalation=0, escalated_on=None)


def job():
    from cndp.obligations.services import obligations_follow_up

    return obligations_follow_up(today=TODAY)


def baseline():
    from cndp.obligations.models import Obligation

    return len(list(Obligation.objects.filter(state="pending").values_list("pk", "title", "due_on")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--obligations", type=int, default=BIG)
    args = parser.parse_args()
    with throwaway_database("cndp-remind-bench-"):
        from django.db import connection

        from cndp.obligations.models import CalendarRule, EscalationStep, ObligationStep

        rule = CalendarRule.objects.create(
            name="Benchmark",
            kinds=["bench.report"],
            valid_from=datetime.date(2020, 1, 1),
            legal_basis="-",
        )
        EscalationStep.objects.create(rule=rule, days_late=1, audience="province")
        EscalationStep.objects.create(rule=rule, days_late=15, audience="agency")
        started = time.perf_counter()
        add(SMALL, 0, rule)
        job()  # warm-up: the per-process caches (content types, the kinds' rules) filled once
        reset()
        small_queries = count_queries(job)
        reset()
        add(args.obligations - SMALL, SMALL, rule)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        big_queries = count_queries(job)
        assert big_queries == small_queries, (small_queries, big_queries)
        steps = ObligationStep.objects.count()
        assert steps == args.obligations, steps
        reset()
        b = timed(baseline)
        a = timed(job)

    print(
        f"database: {connection.vendor} (fresh); {args.obligations:,} open obligations built in {built:.1f} s"
    )
    print(
        f"queries of the job: {small_queries} at {SMALL:,} obligations, {big_queries} at {args.obligations:,}"
    )
    print(f"notices recorded: {steps:,} (one per obligation: reminder, first or second escalation)")
    print(f"(b) baseline, reading the open obligations once: {b:.2f} s; ratio {a / b:.1f} x")
    print(f"RESULT remind={a:.2f} s (goal < 30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
