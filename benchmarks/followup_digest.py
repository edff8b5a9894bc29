"""Benchmark of the leaders' weekly digest (`cndp manage followup_digest`): one leader's week over 5,000
tasks, then over --tasks (20,000 by default), every one of them in the digest (a third became overdue, a
third was confirmed done, a third had its deadline extended that week: the worst week).

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated, then filled with bulk_create.

  (a) the digest: `selectors.leader_digest` and the e-mail's text (`tasks.digest_body`), as the worker
      builds them;
  (b) the baseline, in the same run: reading the same tasks' rows once (values_list).

The number of queries of (a) must be the same at both sizes. The last line is

    RESULT digest=<seconds of (a)> s (goal < 15)

Run: `.venv/bin/python benchmarks/followup_digest.py [--tasks N]`.
"""

from __future__ import annotations

import argparse
import datetime
import time

from _db import count_queries, throwaway_database, timed  # noqa: E402

SMALL, BIG = 5_000, 20_000
MONDAY = datetime.date(2026, 6, 15)


def add(n: int, start: int, leader, units, provinces) -> None:
    from django.utils import timezone

    from cndp.followup.models import DeadlineExtension, Notice, Task, WorkingSession

    session = WorkingSession.objects.create(date=MONDAY, leader=leader, province=provinces[0])
    notice = Notice.objects.create(session=session, number=f"{start}/TB-BCT", date=MONDAY)
    confirmed = timezone.make_aware(
        datetime.datetime.combine(MONDAY + datetime.timedelta(days=2), datetime.time(9))
    )
    tasks = []
    for i in range(start, start + n):
        kind = i % 3
        tasks.append(
            Task(
                notice=notice,
                place=f"III.{i}",
                content=f"Nhiệm vụ thử tải số {i}: rà soát, hướng dẫn, báo cáo Lãnh đạo Bộ",
                lead_unit=units[i % len(units)],
                province=provinces[i % len(provinces)],
                leader=leader,
                deadline=MONDAY + datetime.timedelta(days=i % 5)
                if kind != 2
                else MONDAY + datetime.timedelta(days=90),
                state="done" if kind == 1 else "open",
                percent=100 if kind == 1 else 40,
                completed_on=MONDAY if kind == 1 else None,
                confirmed_at=confirmed if kind == 1 else None,
            )
        )
    Task.objects.bulk_create(tasks, batch_size=5000)
    DeadlineExtension.objects.bulk_create(
        [
            DeadlineExtension(
                task=t,
                old_kind="date",
                old_deadline=MONDAY,
                new_deadline=t.deadline,
                reason="Chờ ý kiến các bộ, ngành",
                agreed_by="Thứ trưởng",
                agreed_on=MONDAY + datetime.timedelta(days=1),
            )
            for t in tasks
            if t.state == "open" and t.deadline > MONDAY + datetime.timedelta(days=30)
        ],
        batch_size=5000,
    )


def digest(leader):
    from cndp.followup import selectors
    from cndp.followup.tasks import digest_body

    result = selectors.leader_digest(leader, MONDAY)
    return result, digest_body(result)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=BIG)
    args = parser.parse_args()
    with throwaway_database("cndp-digest-bench-"):
        from django.db import connection

        from cndp.accounts.models import Unit
        from cndp.followup.models import Leader, Task
        from cndp.places.models import Province

        provinces = list(Province.objects.filter(version="34").order_by("code"))
        units = [
            Unit.objects.create(
                code=f"bench-{i}", name=f"Đơn vị thử {i}", short_name=f"ĐV{i}", kind="ministry"
            )
            for i in range(12)
        ]
        leader = Leader.objects.create(
            full_name="Lãnh đạo thử tải", position="Thứ trưởng", email="ld@example.vn"
        )
        started = time.perf_counter()
        add(SMALL, 0, leader, units, provinces)
        small_queries = count_queries(lambda: digest(leader))
        add(args.tasks - SMALL, SMALL, leader, units, provinces)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        big_queries = count_queries(lambda: digest(leader))
        assert big_queries == small_queries, (small_queries, big_queries)
        result, body = digest(leader)
        listed = result.count("overdue") + result.count("completed") + result.count("extended")
        b = timed(lambda: list(Task.objects.filter(leader=leader).values_list("pk", "content", "deadline")))
        a = timed(lambda: digest(leader))

    print(f"database: {connection.vendor} (fresh); {args.tasks:,} tasks of one leader built in {built:.1f} s")
    print(f"queries of the digest: {small_queries} at {SMALL:,} tasks, {big_queries} at {args.tasks:,}")
    print(f"tasks in the digest: {listed:,}; e-mail text {len(body):,} characters")
    print(f"(b) baseline, reading the leader's tasks once: {b:.2f} s; ratio {a / b:.1f} x")
    print(f"RESULT digest={a:.2f} s (goal < 15)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
