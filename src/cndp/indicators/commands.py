"""`cndp indicators import FILE [--dry-run] --json` and `cndp indicators aggregate --indicator CODE
--period PERIOD --by KEY --json` — the contract `shared/specs/indicator-exchange.md`: JSON on standard
output (UTF-8, not ASCII-escaped); exit 0 on success, 2 when the input is refused (the JSON still printed
for `import`; for `aggregate` one line on standard error and nothing on standard output). Both call the
services the web screens and the API call."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

PROG = "cndp indicators"


def number(value: Decimal | None):
    """A JSON number, not rounded: an integer when whole, else the nearest float."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    return float(value)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG)
    sub = p.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", help="load an exchange file (CSV or XLSX), all or nothing")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp.add_argument("--json", action="store_true", help="JSON output (the only output)")
    agg = sub.add_parser("aggregate", help="an indicator's values for a period, grouped")
    agg.add_argument("--indicator", required=True)
    agg.add_argument("--period", required=True)
    agg.add_argument("--by", required=True)
    agg.add_argument("--json", action="store_true", help="JSON output (the only output)")
    return p


def _print(payload: dict, stdout) -> None:
    """UTF-8 whatever the terminal's locale (a C locale would otherwise refuse the Vietnamese names)."""
    text = json.dumps(payload, ensure_ascii=False, default=str) + "\n"
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stdout.write(text)
        stdout.flush()


def run_import(args, stdout) -> int:
    from cndp.indicators.services import values_import

    result = values_import(path=args.file, dry_run=args.dry_run)
    _print(result.as_dict(), stdout)
    return 2 if result.errors else 0


def run_aggregate(args, stdout, stderr) -> int:
    from cndp.indicators import selectors

    try:
        indicator, period = selectors.parse_request(args.indicator, args.period, args.by)
        rows = selectors.aggregate(indicator=indicator, period=period, by=args.by)
    except selectors.AggregateError as exc:
        stderr.write(f"{PROG} aggregate: {exc}\n")
        return 2
    _print(
        {
            "indicator": indicator.code,
            "period": period.code,
            "by": args.by,
            "rows": [
                {
                    "key": r.key,
                    "name": r.name,
                    "value": number(r.value),
                    "complete": r.complete,
                    "components": r.components,
                }
                for r in rows
            ],  # fmt: skip
        },
        stdout,
    )
    return 0


def main(argv: list[str], stdout=None, stderr=None) -> int:
    """Run with `argv` (after `cndp indicators`) on the configured database (Django set up by the caller)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed its one-line usage error on stderr
        return 2 if exc.code else 0
    from django.utils import translation

    with translation.override("vi"):
        if args.action == "import":
            return run_import(args, stdout)
        return run_aggregate(args, stdout, stderr)
