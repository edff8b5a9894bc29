"""Keyboard entry of one paper ballot (nhập phiếu) — plain Python, no Django.

The clerk reads the paper ballot and types, then presses Enter:
- a list with surplus (gạch tên): the numbers of the crossed-out names, e.g. ``3 7``; nothing = no name crossed;
- a list without surplus (đồng ý / không đồng ý): the numbers marked "không đồng ý", e.g. ``2``;
  ``b4`` = both boxes marked, ``n4`` = no box marked (that name gets no vote; the ballot stays valid);
- a ballot the board rules invalid on sight: ``x`` (not issued / no stamp) or ``v`` (a name written in).

Numbers are places on the ballot (1 = first name). The result is the engine's ballot form with
candidate ids, so a recount with `cndp tally` reads the same thing.
"""

from __future__ import annotations

import re

INVALID_CODES = {"x": "not_issued", "v": "added_name"}
_TOKEN = re.compile(r"^([bn]?)(\d+)$")


class EntryError(ValueError):
    """The typed text cannot be read; the message is for the clerk (Vietnamese)."""


def parse_entry(text: str, candidate_ids: list[str], surplus: bool) -> dict:
    tokens = re.split(r"[\s,;.+]+", (text or "").strip().lower())
    tokens = [t for t in tokens if t]
    if len(tokens) == 1 and tokens[0] in INVALID_CODES:
        return {"invalid": INVALID_CODES[tokens[0]]}
    n = len(candidate_ids)
    seen: set[int] = set()
    crossed: list[str] = []
    marks = {cid: "agree" for cid in candidate_ids}
    for token in tokens:
        match = _TOKEN.match(token)
        if not match:
            raise EntryError(
                f"Không đọc được «{token}»: gõ số thứ tự trên phiếu (1–{n}), hoặc x / v cho phiếu không hợp lệ."
            )
        prefix, number = match.group(1), int(match.group(2))
        if not 1 <= number <= n:
            raise EntryError(f"Số {number} không có trên phiếu (phiếu có {n} tên).")
        if number in seen:
            raise EntryError(f"Số {number} được gõ hai lần.")
        seen.add(number)
        cid = candidate_ids[number - 1]
        if surplus:
            if prefix:
                raise EntryError("Phiếu có số dư: chỉ gõ số thứ tự các tên bị gạch.")
            crossed.append(cid)
        else:
            marks[cid] = {"": "disagree", "b": "both", "n": "none"}[prefix]
    if surplus:
        return {"crossed": sorted(crossed, key=candidate_ids.index)}
    return {"marks": marks}


def describe(payload: dict, candidate_ids: list[str], surplus: bool) -> str:
    """The typed form of a stored ballot (to show entries side by side and to edit them)."""
    if "invalid" in payload:
        return {v: k for k, v in INVALID_CODES.items()}[payload["invalid"]]
    position = {cid: i + 1 for i, cid in enumerate(candidate_ids)}
    if surplus:
        return " ".join(str(position[c]) for c in payload.get("crossed", []))
    parts = []
    for cid, mark in payload.get("marks", {}).items():
        if mark != "agree":
            parts.append({"disagree": "", "both": "b", "none": "n"}[mark] + str(position[cid]))
    return " ".join(sorted(parts, key=lambda p: int(p.lstrip("bn"))))
