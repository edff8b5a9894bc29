"""Benchmark of `cndp tally` against a bare Python count of the same ballots.

A deterministic request the size of the 12th National Congress's Central Committee ballot (220 candidates
for 180 seats) with 1,600 surplus ballots (random names crossed out, seeded) is written to a temporary file.
Then, in the same run, two whole processes are timed, each REPEATS times (median):

  (a) `cndp tally FILE` — the console script next to `sys.executable` if there is one, otherwise
      `python -m cndp tally FILE`;
  (b) a bare `python -c` script that reads the same JSON and counts the kept names with
      `collections.Counter`.

The engine time (parse + count + result dict, in this process) is printed too. The last line is

    RESULT tally_ratio=<a/b> x (goal <= 2.0)

Run: `.venv/bin/python benchmarks/tally.py [--repeats N]`.
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


def tally_command(path: str) -> list[str]:
    script = Path(sys.executable).with_name("cndp")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script), "tally", path]
    return [sys.executable, "-m", "cndp", "tally", path]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def engine_ms(request: dict, repeats: int) -> float:
    from cndp.elections.counting import tally

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        tally(request)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    request = make_request()
    with tempfile.TemporaryDirectory(prefix="cndp-tally-bench-") as tmp:
        path = os.path.join(tmp, "request.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(request, fh, ensure_ascii=False)
        cndp = tally_command(path)
        bare = [sys.executable, "-c", BARE_COUNT, path]

        # Check once that both count the same, and warm the caches (.pyc, file cache).
        result = json.loads(subprocess.run(cndp, capture_output=True, check=True).stdout)
        plain = json.loads(subprocess.run(bare, capture_output=True, check=True).stdout)
        assert result["ballots"]["valid"] == plain["valid"], (result["ballots"], plain["valid"])
        assert {c["id"]: c["votes"] for c in result["candidates"]} == plain["votes"]

        cndp_times, bare_times = [], []
        for _ in range(args.repeats):  # interleaved, so that drift hits both alike
            cndp_times.append(timed(cndp))
            bare_times.append(timed(bare))

    cndp_ms = statistics.median(cndp_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    print(f"request: {N_BALLOTS} ballots × {N_CANDIDATES} candidates, {SEATS} seats (seed {SEED})")
    print(
        f"result: valid {result['ballots']['valid']}, invalid {result['ballots']['invalid_by_reason']}, "
        f"elected {len(result['elected'])}, outcome {result['outcome']}"
    )
    print(f"engine (parse + count + dict, in process): {engine_ms(request, args.repeats):.1f} ms median")
    print(f"(a) {' '.join(cndp[:-1])} FILE: {cndp_ms:.1f} ms median of {args.repeats}")
    print(f"(b) bare python -c Counter:  {bare_ms:.1f} ms median of {args.repeats}")
    print(f"RESULT tally_ratio={cndp_ms / bare_ms:.2f} x (goal <= 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
