"""Benchmark of the delegate cards PDF (thẻ đại biểu) against a one-page PDF of the same engine.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated and given the demo's accounts, Party organisation and congress (the 3rd Congress,
56 delegates: 7 A4 pages), then a second congress of 300 delegates (38 pages) from the congress tests'
helper. Timed, as wall-clock seconds in this process:

  (a) `delegate_cards_pdf(congress, use_cache=False)` for the demo congress and for the 300-delegate one:
      a cold layout, as the first print of new cards (query, QR codes, template, WeasyPrint layout and
      PDF writing);
  (b) the baseline: a one-page A4 document in the same font through the same engine (its fixed cost);
  (c) the same cards again through the cache (the page's second print of unchanged cards).

The first call of the process (fonts loaded, WeasyPrint imported) is printed on its own; then (a) and (b)
are interleaved REPEATS times and the medians printed, wall clock and this process's CPU time (on a
loaded machine the wall clock is several times the CPU time). The last line is

    RESULT cards_pdf_s=<median wall time of (a) for the demo congress> s (goal <= 1.0)

Run: `.venv/bin/python benchmarks/cards.py [--repeats N]`.
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import subprocess
import sys
import time

from _db import throwaway_database  # noqa: E402

BASELINE = "<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>{{ font_css|safe }} @page { size: A4; } body { font-family: 'CNDP Serif'; }</style></head><body><p>THẺ ĐẠI BIỂU — Nguyễn Thị Ánh</p></body></html>"


def baseline_pdf() -> bytes:
    from django.template import Context, Template
    from weasyprint import HTML

    from cndp.core.pdf import FONT_DIR, font_css

    html = Template(BASELINE).render(Context({"font_css": font_css()}))
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()


def timed(fn, *args) -> tuple[float, float, bytes]:
    start, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return time.perf_counter() - start, time.process_time() - cpu, out


def pages(pdf: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database("cndp-cards-bench-"):
        logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its page-by-page progress lines
        from django.db import transaction

        from cndp.accounts import demo as accounts_demo
        from cndp.congress import demo as congress_demo
        from cndp.congress.cards import delegate_cards_pdf
        from cndp.congress.models import Congress
        from cndp.congress.tests.factories import congress_in_session
        from cndp.party import demo as party_demo

        with transaction.atomic():
            for module in (accounts_demo, party_demo, congress_demo):
                module.load(io.StringIO())
            demo = Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3)
            big = congress_in_session(ordinal=12, total=300)

        def cold(congress):
            return delegate_cards_pdf(congress, use_cache=False)

        first, first_cpu, _ = timed(cold, demo)
        print(f"first call of the process (fonts, imports): {first:.3f} s (CPU {first_cpu:.3f} s)")
        wall: dict[str, list[float]] = {"demo": [], "big": [], "baseline": []}
        cpu: dict[str, list[float]] = {"demo": [], "big": [], "baseline": []}
        sizes = {}
        for _ in range(args.repeats):
            for label, fn, arg in (
                ("baseline", lambda _c: baseline_pdf(), None),
                ("demo", cold, demo),
                ("big", cold, big),
            ):
                seconds, cpu_seconds, pdf = timed(fn, arg)
                wall[label].append(seconds)
                cpu[label].append(cpu_seconds)
                sizes[label] = pages(pdf)
        for label, text in (
            ("baseline", "one-page PDF (baseline)"),
            ("demo", f"demo congress, {demo.delegates.count()} cards"),
            ("big", f"{big.delegates.count()} delegates"),
        ):
            print(
                f"{text}: {statistics.median(wall[label]):.3f} s wall, "
                f"{statistics.median(cpu[label]):.3f} s CPU (median of {args.repeats}), {sizes[label]} pages"
            )
        delegate_cards_pdf(demo)
        cached, _, _ = timed(delegate_cards_pdf, demo)
        print(f"demo congress again, unchanged (cache): {cached:.4f} s")
        demo_s = statistics.median(wall["demo"])
        base_s = statistics.median(wall["baseline"])
        print(f"demo cards / baseline: {demo_s / base_s:.1f} x")
        print(f"RESULT cards_pdf_s={demo_s:.3f} s (goal <= 1.0)")

    return 0


if __name__ == "__main__":
    sys.exit(main())
