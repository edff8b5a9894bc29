"""`cndp tally FILE|-` — recount one secret-ballot election from its ballot records (kiểm phiếu lại).

Reads the request JSON (UTF-8) from FILE, or from standard input when FILE is `-`, and prints the result
JSON (UTF-8, not ASCII-escaped) on standard output with exit status 0. A malformed request, or one that
breaks a rule that makes the count impossible, prints one line on standard error naming the field, e.g.

    cndp tally: ballots[17].crossed: unknown candidate "c9"

prints nothing on standard output and exits with status 2. The contract is `shared/specs/election-tally.md`.

Only the standard library and `cndp.elections.counting` are imported: no Django, no database, so that
an auditor can recount without the web application.
"""

from __future__ import annotations

import gc
import json
import sys

from cndp.elections.counting import TallyError, json_object, tally

PROG = "cndp tally"
USAGE = "usage: cndp tally FILE|-"
EXIT_OK = 0
EXIT_ERROR = 2


class _Fail(Exception):
    """An input problem: its text is the one line printed after `cndp tally: `."""


def _reject_constant(name: str) -> float:
    raise _Fail(f"{name} is not a JSON number")


def _read(argv: list[str]) -> tuple[str, bytes]:
    if len(argv) != 1:
        raise _Fail(
            f"expected one argument, a request FILE or - for standard input, got {len(argv)} ({USAGE})"
        )
    arg = argv[0]
    if arg == "-":
        if sys.stdin is None:
            raise _Fail("no standard input to read")
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        try:
            data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        except OSError as exc:
            raise _Fail(f"cannot read standard input: {exc.strerror or exc}") from None
        return "standard input", data
    if arg.startswith("-"):
        raise _Fail(f"unknown option {json.dumps(arg, ensure_ascii=False)} ({USAGE})")
    try:
        with open(arg, "rb") as fh:
            return arg, fh.read()
    except OSError as exc:
        raise _Fail(f"cannot read {json.dumps(arg, ensure_ascii=False)}: {exc.strerror or exc}") from None


def _decode(name: str, data: bytes) -> object:
    try:
        text = data.decode("utf-8-sig")  # a leading byte-order mark is tolerated
    except UnicodeDecodeError as exc:
        raise _Fail(f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=json_object, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _Fail(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except _Fail as exc:
        raise _Fail(f"{name}: invalid JSON: {exc}") from None
    except RecursionError:
        raise _Fail(f"{name}: invalid JSON: nested too deeply") from None


def _write(text: str, out=None) -> None:
    """Write UTF-8 whatever the locale (stdout by default)."""
    out = sys.stdout if out is None else out
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a replaced stream (tests): text only
        out.write(text)
        out.flush()
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def main(argv: list[str]) -> int:
    """Run `cndp tally` with `argv` = [FILE]; returns the exit status (0, or 2 with one stderr line)."""
    if argv in (["-h"], ["--help"]):
        _write(__doc__.split("\n\n", 1)[0] + "\n\n" + USAGE + "\n")
        return EXIT_OK
    # A short run that builds ~100,000 objects and frees none: the cyclic garbage collector would only
    # re-scan them (about a fifth of the count's time). Restored for in-process callers.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        name, data = _read(list(argv))
        result = tally(_decode(name, data))
    except (_Fail, TallyError) as exc:
        message = " ".join(str(exc).splitlines())
        _write(f"{PROG}: {message}\n", sys.stderr)
        return EXIT_ERROR
    finally:
        if gc_was_enabled:
            gc.enable()
    _write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
