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


# ---- the readable head and the audit of the log against the stored entries -------------------------


def test_readable_head_is_four_groups_of_four_unambiguous_characters():
    assert chain.readable(chain.GENESIS) == "0000-0000-0000-0000"
    assert chain.readable("f" * 64) == "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    # the first 80 bits, 5 bits a character: 0x0842 1084 2108 4210 8421 → all ones
    assert chain.readable("0842108421084210842100" + "0" * 42) == "1111-1111-1111-1111"
    head = chain.readable(chain.link(chain.GENESIS, {"a": 1}))
    assert len(head) == 19 and not set(head) & set("ILOU")
    assert head != chain.readable(chain.link(chain.GENESIS, {"a": 2}))
    assert chain.readable("") == ""


def _log(records):
    rows, prev = [], chain.GENESIS
    for seq, record in enumerate(records, start=1):
        digest = chain.link(prev, record)
        rows.append(chain.LogRow(seq, prev, record, digest))
        prev = digest
    return rows


def _enter(clerk, number, crossed):
    return {
        "action": "enter",
        "session": 1,
        "clerk": clerk,
        "number": number,
        "payload": {"crossed": crossed},
    }


FLOW = [
    {"action": "start", "session": 1},
    _enter("A", 1, ["c1"]),
    _enter("B", 1, ["c1"]),
    _enter("A", 2, []),
    _enter("B", 2, ["c2"]),
    {"action": "remove", "session": 1, "clerk": "A", "number": 2},
    _enter("A", 2, ["c2"]),
    {"action": "finish", "session": 1, "clerk": "A"},
    {"action": "finish", "session": 1, "clerk": "B"},
]
STORED = {
    (1, "A", 1): {"crossed": ["c1"]},
    (1, "B", 1): {"crossed": ["c1"]},
    (1, "A", 2): {"crossed": ["c2"]},
}
STORED[(1, "B", 2)] = {"crossed": ["c2"]}


def _sealed(log, entries, settlements=None):
    settlements = settlements or {}
    seals = []
    for row in log:
        if row.record["action"] == "finish":
            seals.append(
                chain.seal(
                    event="finish",
                    session=1,
                    seq=row.seq,
                    head=row.hash,
                    entries=entries,
                    settlements=settlements,
                    clerk=row.record["clerk"],
                )
            )
    return seals


def test_audit_holds_for_the_log_as_written():
    log = _log(FLOW)
    seals = _sealed(log, STORED)
    assert [(s["seq"], s["entries"]) for s in seals] == [(8, 2), (9, 2)]
    assert chain.audit(log, STORED, {}, seals) == []


def test_audit_finds_edited_deleted_and_inserted_entries():
    log = _log(FLOW)
    seals = _sealed(log, STORED)
    edited = {**STORED, (1, "A", 1): {"crossed": []}, (1, "B", 1): {"crossed": []}}
    found = chain.audit(log, edited, {}, seals)
    assert [(f.kind, f.clerk, f.number) for f in found[:2]] == [
        ("entry_changed", "A", 1),
        ("entry_changed", "B", 1),
    ]
    assert {f.kind for f in found[2:]} == {"sealed_entries"}
    deleted = {k: v for k, v in STORED.items() if k != (1, "B", 2)}
    assert chain.audit(log, deleted, {}, seals)[0] == chain.Finding(
        "entry_missing", session=1, clerk="B", number=2
    )
    inserted = {**STORED, (1, "A", 3): {"crossed": []}}
    assert chain.audit(log, inserted, {}, seals)[0] == chain.Finding(
        "entry_extra", session=1, clerk="A", number=3
    )


@given(st.integers(1, len(FLOW)))
def test_audit_finds_the_last_records_deleted(n):
    log = _log(FLOW)
    seals = _sealed(log, STORED)
    found = chain.audit(log[:-n], STORED, {}, seals)
    assert found and found[0].kind == "truncated"
    assert (found[0].sealed, found[0].left) == (len(FLOW), len(FLOW) - n)


def test_audit_finds_a_record_after_the_seal_and_a_gap():
    log = _log([*FLOW, _enter("A", 1, [])])
    entries = {**STORED, (1, "A", 1): {"crossed": []}}
    seals = _sealed(_log(FLOW), STORED)
    kinds = [f.kind for f in chain.audit(log, entries, {}, seals)]
    assert kinds[0] == "out_of_turn" and "sealed_entries" in kinds
    gap = [row for row in _log(FLOW) if row.seq != 4]
    assert chain.audit(gap, STORED, {}, [])[0] == chain.Finding("broken", seq=4)


def test_audit_finds_a_seal_naming_another_head():
    log = _log(FLOW)
    seals = _sealed(log, STORED)
    forged = [{**seals[0], "hash": "0" * 64}, seals[1]]
    assert chain.audit(log, STORED, {}, forged) == [chain.Finding("seal", seq=8, event="finish")]
