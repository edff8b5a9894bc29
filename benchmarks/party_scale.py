"""Benchmark of the party registry at national scale: counts at a date from the dated periods.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated, then filled with bulk_create at `--scale` of a national congress round (≈ 55,000
grassroots organisations, ≈ 5.5 million members; default 1/100: 550 organisations — party cells under the
34 provincial committees — and 55,000 members): each member gets a history of events (admission, most
recognised as official after 12 months, some cell changes, transfers out and back, temporary activity
elsewhere, deaths and removals), seeded, checked by the plain rules, and the periods the services would
write for it (`rules.periods`).

Measured, interleaved, after a warm-up:

  (a) one organisation's counts at a date: `selectors.counts_at(AT, cell_ids=[cell])` (official,
      probationary, away, exempted, suspended), for 200 organisations;
  (b) the floor: an indexed `COUNT(*)` of the organisation's current members
      (`Member.objects.filter(cell=cell).count()`), for the same 200;
  (c) the whole country at a date: `selectors.member_counts(AT)` and `selectors.cell_counts(AT)` (every
      cell's row), as the counts page calls them;
  (d) the member list filtered by cell and date (`MemberFilterSet`): count and first page of 50.

The counts of (a) and (c) are checked against the replay of the events (the oracle) for a sample of
organisations and for the country. The last lines are

    RESULT party_counts_ratio=<p95 a / p95 b> x (goal <= 3.0)
    RESULT party_country_s=<median c> s (goal <= 5.0)

Run: `.venv/bin/python benchmarks/party_scale.py [--scale 0.01] [--repeats 5]` (`--scale 0.1` for 1/10).
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

SEED = 20300610
AT = datetime.date(2025, 6, 10)  # the counting date
END = datetime.date(2026, 6, 30)  # no event after it
ORGANISATIONS, MEMBERS = 55_000, 5_500_000  # a national round
SAMPLE = 200  # organisations timed
CHUNK = 5_000  # members per bulk_create round

from _db import throwaway_database  # noqa: E402

# ---- data --------------------------------------------------------------------------------------------------


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def history(rng: random.Random, cells: list[int], home: int):
    """A plausible history (list of rules.EventData) of one member admitted into `home`."""
    from cndp.party.rules import EventData, Kind, probation_ends

    admitted = day_between(rng, datetime.date(1975, 1, 1), datetime.date(2026, 3, 1))
    events = [EventData(Kind.ADMITTED, admitted, home)]
    day = admitted
    ends = probation_ends(admitted)
    if ends <= END and rng.random() < 0.93:
        day = day_between(rng, ends, min(END, ends + datetime.timedelta(days=90)))
        events.append(EventData(Kind.OFFICIAL, day))
    cell, inside, away, suspended = home, True, False, False
    for _ in range(rng.choices((0, 1, 2, 3), (55, 30, 11, 4))[0]):
        if day >= END:
            break
        day = day_between(
            rng, day + datetime.timedelta(days=1), min(END, day + datetime.timedelta(days=3000))
        )
        roll = rng.random()
        if not inside:
            cell = rng.choice(cells)
            events.append(EventData(Kind.TRANSFER_IN, day, cell))
            inside = True
        elif roll < 0.45:
            new = rng.choice(cells)
            if new != cell:
                cell = new
                events.append(EventData(Kind.CELL_CHANGE, day, cell))
        elif roll < 0.65:
            events.append(EventData(Kind.TRANSFER_OUT, day))
            inside, away, suspended = False, False, False
        elif roll < 0.8:
            events.append(EventData(Kind.TEMPORARY_RETURN if away else Kind.TEMPORARY_OUT, day))
            away = not away
        elif roll < 0.88:
            events.append(EventData(Kind.SUSPENSION_ENDED if suspended else Kind.SUSPENDED, day))
            suspended = not suspended
        elif roll < 0.97:
            events.append(EventData(Kind.DECEASED, day))
            break
        else:
            events.append(EventData(Kind.REMOVED, day))
            break
    return events


def load(n_cells: int, n_members: int, rng: random.Random) -> tuple[list[int], dict]:
    """The committees, cells, members, events and periods; returns the cell ids and, for the oracle,
    {member pk: events} of a sample of members."""
    from cndp.accounts.models import Unit
    from cndp.party import rules
    from cndp.party.models import Member, MemberEvent, MemberPeriod

    committees = Unit.objects.bulk_create(
        Unit(code=f"bm-db-{p:02d}", name=f"Đảng bộ tỉnh {p:02d}", kind="party_committee")
        for p in range(1, 35)
    )
    cells = Unit.objects.bulk_create(
        Unit(
            code=f"bm-cb-{c:06d}",
            name=f"Chi bộ cơ sở {c:06d}",
            kind="party_cell",
            parent=committees[c % len(committees)],
            founded_on=datetime.date(1970, 1, 1),
        )
        for c in range(n_cells)
    )
    cell_ids = [c.pk for c in cells]
    sample: dict[int, list] = {}
    for start in range(0, n_members, CHUNK):
        stop = min(n_members, start + CHUNK)
        histories = [history(rng, cell_ids, rng.choice(cell_ids)) for _ in range(start, stop)]
        members = []
        for n, events in zip(range(start, stop), histories, strict=True):
            final = rules.final_state(events)
            members.append(
                Member(
                    full_name=f"Đảng viên {n:07d}",
                    name_sort_key=f"{n:07d}",
                    gender="male" if n % 2 else "female",
                    cell_id=rules.last_cell(events),
                    admitted_on=final.admitted_on,
                    official_on=final.official_on,
                )
            )
        members = Member.objects.bulk_create(members)
        MemberEvent.objects.bulk_create(
            (
                MemberEvent(member_id=m.pk, kind=e.kind, date=e.date, cell_id=e.cell_id)
                for m, events in zip(members, histories, strict=True)
                for e in events
            ),
            batch_size=2000,
        )
        MemberPeriod.objects.bulk_create(
            (
                MemberPeriod.from_rule(m.pk, p)
                for m, events in zip(members, histories, strict=True)
                for p in rules.periods(events)
            ),
            batch_size=2000,
        )
        for m, events in zip(members[:50], histories[:50], strict=True):
            sample[m.pk] = events
    return cell_ids, sample


# ---- checks and timings ------------------------------------------------------------------------------------


def oracle_counts(cell_id: int):
    """The counts of one cell on AT by replaying its members' events (every member who ever was in it)."""
    from cndp.party import rules
    from cndp.party.models import MemberEvent

    members = set(MemberEvent.objects.filter(cell_id=cell_id).values_list("member_id", flat=True))
    by_member: dict[int, list] = {}
    for member_id, kind, date, cell in (
        MemberEvent.objects.filter(member_id__in=members)
        .order_by("date", "pk")
        .values_list("member_id", "kind", "date", "cell_id")
    ):
        by_member.setdefault(member_id, []).append(rules.EventData(kind, date, cell))
    states = [rules.state_at(events, AT) for events in by_member.values()]
    return rules.tally(s for s in states if s is not None and s.cell_id == cell_id)


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01, help="share of a national round (0.01 = 1/100)")
    parser.add_argument("--repeats", type=int, default=5, help="timings of the whole country (median)")
    parser.add_argument("--explain", action="store_true", help="print the query plans of (a) and (d)")
    args = parser.parse_args()
    n_cells = max(SAMPLE, round(ORGANISATIONS * args.scale))
    n_members = round(MEMBERS * args.scale)

    with throwaway_database("cndp-party-bench-") as db:
        from django.db import connection, reset_queries

        from cndp.party import rules, selectors
        from cndp.party.filtersets import MemberFilterSet
        from cndp.party.models import Member, MemberEvent, MemberPeriod

        migrated = db.migrated
        rng = random.Random(SEED)
        started = time.perf_counter()
        cell_ids, sample = load(n_cells, n_members, rng)
        with connection.cursor() as cursor:  # statistics and visibility, as autovacuum keeps them
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        built = time.perf_counter() - started
        sizes = (Member.objects.count(), MemberEvent.objects.count(), MemberPeriod.objects.count())

        # The periods say what the events say: a sample of members, a sample of cells, the country.
        for pk, events in sample.items():
            expected = rules.state_at(events, AT)
            found = selectors.periods_at(AT).filter(member_id=pk).first()
            assert (found is None) == (expected is None), pk
            if found is not None:
                assert (found.in_organisation, found.status) == (
                    expected.in_organisation,
                    expected.status,
                )
        chosen = rng.sample(cell_ids, SAMPLE)
        for cell_id in chosen[:10]:
            assert selectors.counts_at(AT, cell_ids=[cell_id]) == oracle_counts(cell_id), cell_id
        country = selectors.counts_at(AT)
        by_cell = selectors.counts_by_cell(AT)
        assert sum(c.members for c in by_cell.values()) == country.members
        assert sum(c.official for c in by_cell.values()) == country.official

        def organisation(cell_id):
            return selectors.counts_at(AT, cell_ids=[cell_id])

        def floor(cell_id):
            return Member.objects.filter(cell_id=cell_id).count()

        def whole_country():
            return selectors.member_counts(AT), selectors.cell_counts(AT)

        for cell_id in chosen[:20]:  # warm-up
            organisation(cell_id)
            floor(cell_id)
        a_times, b_times = [], []
        for cell_id in chosen:
            start = time.perf_counter()
            organisation(cell_id)
            a_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            floor(cell_id)
            b_times.append(time.perf_counter() - start)
        whole_country()  # warm-up
        c_times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            totals, rows = whole_country()
            c_times.append(time.perf_counter() - start)

        cell = chosen[0]
        reset_queries()
        start = time.perf_counter()
        listed = MemberFilterSet(
            {"at": AT.strftime("%d/%m/%Y"), "cell": str(cell)}, queryset=Member.objects.all()
        ).qs
        listed_count = listed.count()
        first_page = list(listed.order_by("name_sort_key", "pk")[:50])
        list_s = time.perf_counter() - start
        assert listed_count == organisation(cell).members and len(first_page) == min(50, listed_count)
        if args.explain:
            print(selectors.in_organisation_at(AT, [cell]).order_by().values("status").explain())
            print(listed.order_by("name_sort_key", "pk")[:50].explain())

    a95, b95 = p95(a_times) * 1000, p95(b_times) * 1000
    country_s = statistics.median(c_times)
    print(f"database: {connection.vendor} (fresh; migrated in {migrated:.1f} s)")
    print(
        f"data (scale {args.scale:g}): {n_cells:,} organisations under 34 committees, {sizes[0]:,} members, "
        f"{sizes[1]:,} events, {sizes[2]:,} periods (seed {SEED}); built in {built:.1f} s"
    )
    print(
        f"on {AT:%d/%m/%Y}: {totals.members:,} members ({totals.official:,} official, "
        f"{totals.probationary:,} probationary) in {len(rows):,} cells; checked against the replay of the "
        f"events ({len(sample):,} members, 10 organisations, the country's sum)"
    )
    print(f"(a) one organisation's counts at a date: p95 {a95:.2f} ms over {SAMPLE} organisations")
    print(f"(b) indexed COUNT(*) of its current members: p95 {b95:.2f} ms")
    print(f"(c) the whole country at a date (totals + every cell's row): median {country_s:.2f} s")
    print(
        f"(d) member list by cell and date: {listed_count} members, count + first page in {list_s * 1000:.0f} ms"
    )
    print(f"RESULT party_counts_ratio={a95 / b95:.2f} x (goal <= 3.0)")
    print(f"RESULT party_country_s={country_s:.2f} s (goal <= 5.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
