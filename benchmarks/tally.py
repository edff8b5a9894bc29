"""Benchmark of `cndp tally` against a bare Python count of the same ballots.

A deterministic request the size of the 12th National Congress's Central Committee ballot (220 candidates
for 180 seats) with 1,600 surplus ballots (random names crossed out, seeded) is written to a temporary file.
Then, in the same run, two whole processes are timed, each REPEATS times (median):

  (a) `cndp tally FILE` — the console script next to `sys.executable` if there is one, otherwise
      `python -m cndp tally FILE`;
  (b) a bare `python -c` script that reads the same JSON and counts the kept names with
      `collections.Counter`.

Both run with a bytecode cache (in the temporary folder), as an installed `cndp` does; where
PYTHONDONTWRITEBYTECODE is set, the figure without a cache is printed as well. The engine time (parse +
count + result dict, in this process) is printed too. The last line is

    RESULT tally_ratio=<a/b> x (goal <= 2.0)

Run: `.venv/bin/python benchmarks/tally.py [--repeats N] [--module]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20160128  # the 12th National Congress elected its Central Committee on 26–27/1/2016
N_CANDIDATES = 220
SEATS = 180
N_BALLOTS = 1600
SUMMONED = 1650

BARE_COUNT = r"""
import json, sys
from collections import Counter
with open(sys.argv[1], encoding="utf-8") as fh:
    request = json.load(fh)
n = len(request["candidates"])
seats = request["seats"]
crossed = Counter()
valid = 0
for ballot in request["ballots"]:
    names = ballot.get("crossed")
    if names is not None and 0 < n - len(names) <= seats:
        valid += 1
        crossed.update(names)
votes = {c["id"]: valid - crossed[c["id"]] for c in request["candidates"]}
print(json.dumps({"valid": valid, "votes": votes}))
"""


def make_request(seed: int = SEED) -> dict:
    """1,600 ballots × 220 candidates, 180 seats, kind "delegates" (no surplus limit), seeded."""
    rng = random.Random(seed)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
    middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Thu"]
    given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam"]
    candidates = [
        {"id": f"c{i:03d}", "name": f"{rng.choice(family)} {rng.choice(middle)} {rng.choice(given)}"}
        for i in range(1, N_CANDIDATES + 1)
    ]
    ids = [c["id"] for c in candidates]
    # Some candidates are crossed out more often than others, so that the ranking is not flat.
    weights = [rng.uniform(0.2, 3.0) for _ in ids]
    ballots = []
    for _ in range(N_BALLOTS):
        roll = rng.random()
        if roll < 0.004:
            ballots.append({"invalid": rng.choice(["not_issued", "added_name"])})
            continue
        if roll < 0.008:
            k = rng.randint(0, N_CANDIDATES - SEATS - 1)  # too many kept
        elif roll < 0.010:
            k = N_CANDIDATES  # every name crossed out
        else:
            k = rng.randint(N_CANDIDATES - SEATS, 70)
        crossed: set[str] = set()
        while len(crossed) < k:
            crossed.update(rng.choices(ids, weights=weights, k=k - len(crossed)))
        ballots.append({"crossed": sorted(crossed, key=ids.index)})
    return {
        "election": "Bầu đại biểu đi dự Đại hội cấp trên (benchmark)",
        "rules": "190-QD/TW-2024",
        "congress": "delegates",
        "kind": "delegates",
        "seats": SEATS,
        "base": {"summoned": SUMMONED, "excluded": {"absent_without_alternate": 20}},
        "candidates": candidates,
        "ballots_issued": N_BALLOTS,
        "ballots": ballots,
    }


def tally_command(path: str, module: bool = False) -> list[str]:
    script = Path(sys.executable).with_name("cndp")
    if not module and script.is_file() and os.access(script, os.X_OK):
        return [str(script), "tally", path]
    return [sys.executable, "-m", "cndp", "tally", path]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def medians(cndp: list[str], bare: list[str], env: dict[str, str], repeats: int) -> tuple[float, float]:
    """Median wall times (ms) of both commands, interleaved so that drift hits both alike."""
    for _ in range(2):  # warm-up: the file cache, and the bytecode cache when there is one
        timed(cndp, env)
        timed(bare, env)
    cndp_times, bare_times = [], []
    for _ in range(repeats):
        cndp_times.append(timed(cndp, env))
        bare_times.append(timed(bare, env))
    return statistics.median(cndp_times) * 1000, statistics.median(bare_times) * 1000


def engine_ms(text: str, repeats: int) -> float:
    """Median time of parse + count + result dict in this process, on freshly decoded JSON each time."""
    from cndp.elections.counting import json_object, tally

    times = []
    for _ in range(repeats):
        request = json.loads(text, object_pairs_hook=json_object)
        start = time.perf_counter()
        tally(request)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--module", action="store_true", help="time `python -m cndp tally` even if cndp exists"
    )
    args = parser.parse_args()

    request = make_request()
    with tempfile.TemporaryDirectory(prefix="cndp-tally-bench-") as tmp:
        path = os.path.join(tmp, "request.json")
        text = json.dumps(request, ensure_ascii=False)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        cndp = tally_command(path, module=args.module)
        bare = [sys.executable, "-c", BARE_COUNT, path]

        # Check once that both count the same.
        result = json.loads(subprocess.run(cndp, capture_output=True, check=True).stdout)
        plain = json.loads(subprocess.run(bare, capture_output=True, check=True).stdout)
        assert result["ballots"]["valid"] == plain["valid"], (result["ballots"], plain["valid"])
        assert {c["id"]: c["votes"] for c in result["candidates"]} == plain["votes"]

        # As installed (pip compiles the bytecode) or run a second time: with a bytecode cache, kept in the
        # temporary folder so that nothing is written into the project.
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        cndp_ms, bare_ms = medians(cndp, bare, cached, args.repeats)
        # Where PYTHONDONTWRITEBYTECODE is set, every project module is compiled on every run.
        nocache = None
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            nocache = medians(cndp, bare, dict(os.environ), args.repeats)

    print(f"request: {N_BALLOTS} ballots × {N_CANDIDATES} candidates, {SEATS} seats (seed {SEED})")
    print(
        f"result: valid {result['ballots']['valid']}, invalid {result['ballots']['invalid_by_reason']}, "
        f"elected {len(result['elected'])}, outcome {result['outcome']}"
    )
    print(f"engine (parse + count + dict, in process): {engine_ms(text, args.repeats):.1f} ms median")
    print(f"(a) {' '.join(cndp[:-1])} FILE: {cndp_ms:.1f} ms median of {args.repeats} (bytecode cached)")
    print(f"(b) bare python -c Counter script: {bare_ms:.1f} ms median of {args.repeats} (bytecode cached)")
    if nocache is not None:
        print(
            f"without a bytecode cache (PYTHONDONTWRITEBYTECODE is set here): (a) {nocache[0]:.1f} ms, "
            f"(b) {nocache[1]:.1f} ms, ratio {nocache[0] / nocache[1]:.2f} x"
        )
    print(f"RESULT tally_ratio={cndp_ms / bare_ms:.2f} x (goal <= 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
