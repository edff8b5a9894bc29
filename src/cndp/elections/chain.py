"""Hash chain of the ballot-entry log (chuỗi băm sổ nhập phiếu) — plain Python, no Django.

Each record's hash is SHA-256 over the previous hash and the record's canonical JSON, so changing,
removing or reordering any past record breaks every hash after it. The last hash is the chain's
fingerprint, printed in the counting minutes.
"""

from __future__ import annotations

import hashlib
import json

GENESIS = "0" * 64


def canonical(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link(prev_hash: str, record: dict) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(record)).encode("utf-8")).hexdigest()


def verify(entries: list[tuple[str, dict, str]]) -> int | None:
    """entries: (prev_hash, record, hash) in sequence order. Returns None when the chain holds, else
    the index of the first broken record."""
    expected_prev = GENESIS
    for index, (prev_hash, record, digest) in enumerate(entries):
        if prev_hash != expected_prev or link(prev_hash, record) != digest:
            return index
        expected_prev = digest
    return None
