"""Keyboard entry parsing and the hash chain (plain modules)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.elections import chain
from cndp.elections.entry import EntryError, describe, parse_entry

IDS = ["c1", "c2", "c3", "c4", "c5"]


@pytest.mark.parametrize(
    ("text", "surplus", "payload"),
    [
        ("", True, {"crossed": []}),
        ("3 1", True, {"crossed": ["c1", "c3"]}),
        ("  2,4 ", True, {"crossed": ["c2", "c4"]}),
        ("x", True, {"invalid": "not_issued"}),
        ("V", False, {"invalid": "added_name"}),
        ("", False, {"marks": {c: "agree" for c in IDS}}),
        (
            "2 b4 n5",
            False,
            {"marks": {"c1": "agree", "c2": "disagree", "c3": "agree", "c4": "both", "c5": "none"}},
        ),
    ],
)
def test_parse_entry(text, surplus, payload):
    assert parse_entry(text, IDS, surplus) == payload


@pytest.mark.parametrize(
    ("text", "surplus", "message"),
    [
        ("6", True, "Số 6 không có trên phiếu"),
        ("0", True, "Số 0 không có trên phiếu"),
        ("2 2", True, "hai lần"),
        ("abc", True, "Không đọc được «abc»"),
        ("b2", True, "chỉ gõ số thứ tự"),
        ("x 2", True, "Không đọc được «x»"),
    ],
)
def test_parse_entry_errors(text, surplus, message):
    with pytest.raises(EntryError, match=message):
        parse_entry(text, IDS, surplus)


@given(st.sets(st.integers(1, 5)), st.booleans())
def test_describe_round_trips(numbers, surplus):
    text = " ".join(str(n) for n in sorted(numbers))
    payload = parse_entry(text, IDS, surplus)
    assert parse_entry(describe(payload, IDS, surplus), IDS, surplus) == payload


def _build(records):
    out, prev = [], chain.GENESIS
    for record in records:
        digest = chain.link(prev, record)
        out.append((prev, record, digest))
        prev = digest
    return out


@given(
    st.lists(st.dictionaries(st.sampled_from(["a", "b", "n"]), st.integers(0, 9)), min_size=1, max_size=20)
)
def test_chain_detects_any_change(records):
    entries = _build(records)
    assert chain.verify(entries) is None
    prev, record, digest = entries[-1]
    tampered = entries[:-1] + [(prev, {**record, "tampered": True}, digest)]
    assert chain.verify(tampered) == len(entries) - 1
    if len(entries) > 1:
        assert chain.verify(entries[1:]) == 0  # a removed record breaks the chain
        swapped = [entries[1], entries[0], *entries[2:]]
        assert chain.verify(swapped) == 0
