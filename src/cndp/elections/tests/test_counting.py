"""The counting engine against its contract (shared/specs/election-tally.md) and the worked examples of the
references (shared/domain/party-elections.md, shared/domain/reference/party-rules.md §3–§4).

No database: the engine is pure Python.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cndp.elections import counting
from cndp.elections.counting import (
    Candidate,
    CrossedBallot,
    FrozenInstanceError,
    TallyError,
    count,
    json_object,
    parse_request,
    percent,
    result_to_dict,
    tally,
)

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Văn Hùng",
    "Bùi Thị Khánh",
    "Đỗ Văn Long",
    "Ngô Thị Mai",
]
MEMBERS_CATEGORIES = ("temporary_activity", "exempted_absent", "suspended_or_prosecuted", "approved_absence")
DELEGATES_CATEGORIES = ("convening_committee_absent", "absent_without_alternate")
UNLIMITED_KINDS = ("secretary", "deputy_secretary", "inspection_committee", "delegates", "alternates")


# ---------------------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------------------


def ids(n: int) -> list[str]:
    return [f"c{i}" for i in range(1, n + 1)]


def make(
    n: int = 2,
    seats: int = 1,
    ballots: list[dict] | None = None,
    *,
    kind: str = "secretary",
    congress: str = "members",
    summoned: int | None = None,
    excluded: dict | None = None,
    issued: int | None = None,
    **extra: object,
) -> dict:
    """A request dict: candidates c1…cn in ballot order, defaults that pass every check."""
    ballots = list(ballots or [])
    issued = len(ballots) if issued is None else issued
    data = {
        "election": "Bầu thử",
        "congress": congress,
        "kind": kind,
        "seats": seats,
        "base": {"summoned": max(issued, 1) if summoned is None else summoned, "excluded": excluded or {}},
        "candidates": [{"id": cid, "name": NAMES[i % len(NAMES)]} for i, cid in enumerate(ids(n))],
        "ballots_issued": issued,
        "ballots": ballots,
    }
    data.update(extra)
    return data


def keep(n: int, *kept: str) -> dict:
    """A surplus ballot (of candidates c1…cn) on which only `kept` are not crossed out."""
    return {"crossed": [cid for cid in ids(n) if cid not in kept]}


def ballots_with_votes(votes: dict[str, int], n_ballots: int, seats: int) -> list[dict]:
    """Valid surplus ballots giving each candidate exactly `votes[id]` votes (spread evenly)."""
    loads: list[set[str]] = [set() for _ in range(n_ballots)]
    for cid, v in sorted(votes.items(), key=lambda kv: -kv[1]):
        for j in sorted(range(n_ballots), key=lambda j: (len(loads[j]), j))[:v]:
            loads[j].add(cid)
    assert all(1 <= len(kept) <= seats for kept in loads), "the vote pattern needs more ballots"
    return [{"crossed": [cid for cid in votes if cid not in kept]} for kept in loads]


def surplus_election(votes: list[int], seats: int, base: int, n_ballots: int | None = None, **kw) -> dict:
    """c1…cn with these votes (ballot order), on valid surplus ballots; base = summoned.

    The votes must be possible: their sum is at most ballots × seats, with no more ballots than the base.
    """
    if n_ballots is None:  # as few as can carry the votes, each ballot keeping 1…seats names
        n_ballots = max(max(votes), -(-sum(votes) // seats))
    vote_map = dict(zip(ids(len(votes)), votes, strict=True))
    ballots = ballots_with_votes(vote_map, n_ballots, seats)
    kw.setdefault("kind", "delegates")
    kw.setdefault("congress", "delegates")
    return make(len(votes), seats, ballots, summoned=base, **kw)


def by_id(result: dict, key: str) -> dict:
    return {c["id"]: c[key] for c in result["candidates"]}


def error_of(data: object) -> str:
    with pytest.raises(TallyError) as info:
        tally(data)
    return str(info.value)


# ---------------------------------------------------------------------------------------------------------
# Worked examples of the references
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "status", "outcome"),
    [(5, "below_threshold", "shortfall"), (6, "elected", "complete")],
)
def test_dangcongsan_76123_cell_of_11_with_10_present(votes, status, outcome):
    """A cell of 11 official members, 10 present: 5 of 10 is not elected, 6 is (more than half of 11)."""
    data = make(
        2, 1, ballots_with_votes({"c1": votes, "c2": 10 - votes}, 10, seats=1), summoned=11, issued=10
    )
    result = tally(data)
    assert result["base"] == 11
    assert result["votes_needed"] == 6
    assert by_id(result, "votes")["c1"] == votes
    assert by_id(result, "status")["c1"] == status
    assert result["outcome"] == outcome


@pytest.mark.parametrize(("agree", "status"), [(5, "below_threshold"), (6, "elected")])
def test_dangcongsan_76123_single_candidate_agree_disagree(agree, status):
    ballots = [{"marks": {"c1": "agree"}}] * agree + [{"marks": {"c1": "disagree"}}] * (10 - agree)
    result = tally(make(1, 1, ballots, summoned=11))
    assert by_id(result, "status")["c1"] == status


@pytest.mark.parametrize(("votes", "status"), [(10, "below_threshold"), (11, "elected")])
def test_quiz_q3_absence_on_business_stays_in_the_base(votes, status):
    """20 official + 2 probationary members; 3 official absent on business (not an excluded category):
    the base stays 20, so 11 votes are needed, not 10 and not 9.5."""
    data = make(2, 1, ballots_with_votes({"c1": votes, "c2": 17 - votes}, 17, seats=1), summoned=20)
    result = tally(data)
    assert (result["base"], result["votes_needed"]) == (20, 11)
    assert by_id(result, "status")["c1"] == status


def test_quiz_q3_when_the_convening_committee_approved_the_absences():
    """Reference §6.7: approved whole-congress absences are excluded: base 17, 9 votes needed."""
    data = make(
        2,
        1,
        ballots_with_votes({"c1": 9, "c2": 8}, 17, seats=1),
        summoned=20,
        excluded={"approved_absence": 3},
    )
    result = tally(data)
    assert (result["base"], result["votes_needed"]) == (17, 9)
    assert by_id(result, "status") == {"c1": "elected", "c2": "below_threshold"}


@pytest.mark.parametrize(
    ("kind", "seats", "n", "allowed"),
    [
        ("committee", 7, 8, True),  # surplus 1 = 14.3 %
        ("committee", 7, 9, True),  # surplus 2 = 28.6 %
        ("committee", 7, 10, False),  # surplus 3 = 42.9 % (190 Art. 14)
        ("standing_committee", 7, 10, False),
        ("standing_committee", 3, 3, True),  # no surplus: not an error in the contract
        ("committee", 10, 13, True),  # exactly 30 %
        ("committee", 10, 14, False),
        ("committee", 3, 4, True),  # amended contract: a surplus of one is always allowed
        ("standing_committee", 3, 4, True),
        ("committee", 1, 2, True),  # 100 % but a surplus of one
        ("committee", 3, 5, False),  # a surplus of two over 30 % stays an error
        ("standing_committee", 5, 7, False),  # 2 > 1.5
        ("committee", 4, 5, True),
        ("delegates", 7, 10, True),  # the 30 % limit is for committee and standing committee only
        ("alternates", 20, 26, True),
        ("secretary", 1, 3, True),
        ("deputy_secretary", 2, 4, True),
        ("inspection_committee", 5, 8, True),
    ],
)
def test_surplus_limit_30_percent_for_committee_and_standing_committee_only(kind, seats, n, allowed):
    data = make(n, seats, [], kind=kind, summoned=10)
    if allowed:
        assert tally(data)["seats"] == seats
    else:
        surplus = n - seats
        assert error_of(data) == (
            f"candidates: {n} candidates for {seats} seats is a surplus of {surplus}, over 30 % of the seats "
            f"for a {kind.replace('_', ' ')} (at most {3 * seats // 10})"
        )


@pytest.mark.parametrize(
    ("kept", "reason"),
    [
        (ids(8), "too_many"),  # electing 8 of 7 (nothing crossed out)
        ((), "none_kept"),  # electing 0 (every name crossed out)
        (("c1", "c2", "c3"), None),  # electing 3 of 7: valid
        (tuple(ids(7)), None),  # electing exactly 7: valid
    ],
)
def test_reference_case_6_surplus_ballot_validity(kept, reason):
    result = tally(make(8, 7, [keep(8, *kept)], kind="committee", summoned=10))
    if reason is None:
        assert result["ballots"]["valid"] == 1
        assert result["ballots"]["invalid_by_reason"] == {}
        assert all(v == (1 if cid in kept else 0) for cid, v in by_id(result, "votes").items())
    else:
        assert result["ballots"]["valid"] == 0
        assert result["ballots"]["invalid_by_reason"] == {reason: 1}
        assert set(by_id(result, "votes").values()) == {0}


@pytest.mark.parametrize(
    ("mark", "votes"), [("agree", 1), ("disagree", 0), ("both", 0), ("none", 0), (None, 0)]
)
def test_reference_case_5_single_candidate_no_surplus_ballot(mark, votes):
    """Secretary with one candidate: agree / disagree boxes; both or neither ticked: valid, no vote."""
    ballot = {"marks": {} if mark is None else {"c1": mark}}
    result = tally(make(1, 1, [ballot], summoned=3))
    assert result["ballots"]["valid"] == 1
    assert result["ballots"]["invalid"] == 0
    assert by_id(result, "votes") == {"c1": votes}


def test_multi_candidate_no_surplus_ballot_both_and_none_leave_it_valid():
    ballots = [
        {"marks": {"c1": "agree", "c2": "both", "c3": "agree"}},
        {"marks": {"c1": "none", "c2": "agree"}},  # c3 missing: "none"
        {"marks": {"c1": "agree", "c2": "disagree", "c3": "disagree"}},
        {"marks": {}},
    ]
    result = tally(make(3, 3, ballots, kind="deputy_secretary", summoned=5))
    assert result["ballots"] == {
        "issued": 4,
        "collected": 4,
        "valid": 4,
        "invalid": 0,
        "invalid_by_reason": {},
    }
    assert by_id(result, "votes") == {"c1": 2, "c2": 1, "c3": 1}


def test_contract_result_example():
    """The contract's result: base 43 − 1 = 42, 22 needed, 40 votes = 95.24 % of base, 100.0 % of valid;
    42 issued, 41 collected, 40 valid, 1 invalid (too_many)."""
    ballots = [keep(8, *ids(7))] * 40 + [keep(8, *ids(8))]
    data = make(
        8,
        7,
        ballots,
        kind="committee",
        summoned=43,
        excluded={"approved_absence": 1},
        issued=42,
        election="Bầu Ban Chấp hành Đảng bộ Cục khóa III, nhiệm kỳ 2015–2020",
    )
    result = tally(data)
    assert list(result) == [
        "election",
        "rules",
        "kind",
        "seats",
        "base",
        "votes_needed",
        "ballots",
        "candidates",
        "elected",
        "tie",
        "unfilled_seats",
        "outcome",
    ]
    assert result["election"] == "Bầu Ban Chấp hành Đảng bộ Cục khóa III, nhiệm kỳ 2015–2020"
    assert (result["rules"], result["kind"], result["seats"]) == ("190-QD/TW-2024", "committee", 7)
    assert (result["base"], result["votes_needed"]) == (42, 22)
    assert result["ballots"] == {
        "issued": 42,
        "collected": 41,
        "valid": 40,
        "invalid": 1,
        "invalid_by_reason": {"too_many": 1},
    }
    assert result["candidates"][0] == {
        "id": "c1",
        "name": "Nguyễn Văn An",
        "votes": 40,
        "percent_of_base": 95.24,
        "percent_of_valid": 100.0,
        "status": "elected",
    }
    assert result["elected"] == ids(7)
    assert result["candidates"][-1]["status"] == "below_threshold"
    assert (result["tie"], result["unfilled_seats"], result["outcome"]) == (None, 0, "complete")


def test_national_size_220_candidates_180_seats_1600_ballots():
    """The 12th Congress's CC ballot: 220 candidates for 180 seats, 1,600 ballots, read from JSON. Its speed
    is measured by benchmarks/tally.py (its engine line), not asserted here: a loaded CI machine is slow."""
    import random

    rng = random.Random(12)
    all_ids = ids(220)
    ballots = [{"crossed": rng.sample(all_ids, rng.randint(40, 80))} for _ in range(1600)]
    data = make(220, 180, ballots, kind="delegates", congress="delegates", summoned=1650)
    result = tally(json.loads(json.dumps(data), object_pairs_hook=json_object))
    assert result["ballots"]["valid"] == 1600
    assert len(result["elected"]) + result["unfilled_seats"] == 180 or result["outcome"] == "tie"


def test_alternates_26_for_20_elected_in_order_of_substitution():
    """Alternates (đại biểu dự khuyết) are ranked by votes: that order is the order of substitution."""
    votes = [31 + (i * 7) % 26 for i in range(26)]  # 26 distinct values 31…56, not in ballot order
    data = surplus_election(votes, 20, base=60, n_ballots=60, kind="alternates")
    result = tally(data)
    ranked = sorted(range(26), key=lambda i: (-votes[i], i))
    assert result["elected"] == [f"c{i + 1}" for i in ranked[:20]]
    assert result["outcome"] == "complete"
    assert [c["id"] for c in result["candidates"]] == [f"c{i + 1}" for i in ranked]
    assert Counter(by_id(result, "status").values()) == {"elected": 20, "not_elected": 6}


def test_alternates_with_equal_votes_inside_the_seats_keep_ballot_order():
    result = tally(surplus_election([7, 9, 9, 2], 3, base=10, kind="alternates"))
    assert result["elected"] == ["c2", "c3", "c1"]
    assert result["outcome"] == "complete"


# ---------------------------------------------------------------------------------------------------------
# Threshold (quá một nửa), ranking, ties, shortfall
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("base", "needed"), [(1, 1), (2, 2), (3, 2), (10, 6), (11, 6), (42, 22), (43, 22)])
def test_votes_needed_is_base_halved_plus_one(base, needed):
    assert tally(make(1, 1, [], summoned=base))["votes_needed"] == needed


@pytest.mark.parametrize(
    ("base", "votes", "status"),
    [
        (10, 5, "below_threshold"),  # exactly half is not more than half
        (10, 6, "elected"),
        (11, 5, "below_threshold"),
        (11, 6, "elected"),
        (2, 1, "below_threshold"),
        (2, 2, "elected"),
        (1, 1, "elected"),
        (1, 0, "below_threshold"),
    ],
)
def test_threshold_exactly_at_half(base, votes, status):
    ballots = [{"marks": {"c1": "agree"}}] * votes + [{"marks": {"c1": "disagree"}}] * (base - votes)
    assert by_id(tally(make(1, 1, ballots, summoned=base)), "status") == {"c1": status}


def test_threshold_is_against_the_base_not_the_valid_ballots():
    """6 of 7 valid ballots is 85.71 % of valid, but 6 × 2 = 12 is not more than a base of 12."""
    ballots = [{"marks": {"c1": "agree"}}] * 6 + [{"marks": {"c1": "disagree"}}] + [{"invalid": "not_issued"}]
    result = tally(make(1, 1, ballots, summoned=12))
    assert result["candidates"][0]["percent_of_valid"] == 85.71
    assert result["candidates"][0]["percent_of_base"] == 50.0
    assert result["candidates"][0]["status"] == "below_threshold"
    assert (result["outcome"], result["unfilled_seats"]) == ("shortfall", 1)


def test_ranking_by_votes_then_ballot_order():
    result = tally(surplus_election([3, 8, 5, 8, 0, 5], 4, base=10))
    assert [c["id"] for c in result["candidates"]] == ["c2", "c4", "c3", "c6", "c1", "c5"]


@pytest.mark.parametrize(
    ("votes", "seats", "base", "statuses", "elected", "tie", "unfilled", "outcome"),
    [
        # more pass than seats, no tie: the highest
        ([9, 7, 6], 2, 11, "E E N", ["c1", "c2"], None, 0, "complete"),
        # equal votes but both get a seat: no tie
        ([8, 8, 4], 2, 10, "E E B", ["c1", "c2"], None, 0, "complete"),
        # two tied for the last seat
        ([8, 6, 6], 2, 10, "E T T", ["c1"], (1, ["c2", "c3"]), 0, "tie"),
        # three tied for the last two seats; the next below the threshold (6 × 2 = 12 is not > 12)
        ([9, 7, 7, 7, 6], 3, 12, "E T T T B", ["c1"], (2, ["c2", "c3", "c4"]), 0, "tie"),
        # three tied for both seats: nobody elected
        ([6, 6, 6], 2, 10, "T T T", [], (2, ["c1", "c2", "c3"]), 0, "tie"),
        # tie for the last seat, a lower passer is out-ranked
        ([18, 18, 17, 17, 16], 3, 30, "E E T T N", ["c1", "c2"], (1, ["c3", "c4"]), 0, "tie"),
        # tie listed in ballot order, whatever the rank of the others
        ([6, 7, 1, 6], 2, 10, "T E B T", ["c2"], (1, ["c1", "c4"]), 0, "tie"),
        # equal votes below the threshold are no tie: a shortfall
        ([8, 4, 4], 2, 10, "E B B", ["c1"], None, 1, "shortfall"),
        # nobody passes
        ([5, 5, 3], 2, 10, "B B B", [], None, 2, "shortfall"),
        # exactly the seats pass
        ([6, 6, 6, 1], 3, 10, "E E E B", ["c1", "c2", "c3"], None, 0, "complete"),
        # fewer pass than seats, with equal votes among them: all elected, one seat unfilled
        ([7, 7, 2, 1], 3, 10, "E E B B", ["c1", "c2"], None, 1, "shortfall"),
    ],
)
def test_winners_ties_and_shortfall(votes, seats, base, statuses, elected, tie, unfilled, outcome):
    result = tally(surplus_election(votes, seats, base=base))
    code = {"E": "elected", "T": "tied", "N": "not_elected", "B": "below_threshold"}
    assert by_id(result, "votes") == dict(zip(ids(len(votes)), votes, strict=True))
    assert by_id(result, "status") == {
        cid: code[s] for cid, s in zip(ids(len(votes)), statuses.split(), strict=True)
    }
    assert result["elected"] == elected
    assert result["tie"] == (None if tie is None else {"seats": tie[0], "candidates": tie[1]})
    assert (result["unfilled_seats"], result["outcome"]) == (unfilled, outcome)


def test_a_tie_assigns_no_seat_and_never_favours_age_or_order():
    """No automatic tie-break (not "the older candidate wins": that is State election law)."""
    result = tally(surplus_election([6, 6, 6], 2, base=10))
    assert result["elected"] == []
    assert {c["status"] for c in result["candidates"]} == {"tied"}


# ---------------------------------------------------------------------------------------------------------
# Ballots: valid, invalid by reason
# ---------------------------------------------------------------------------------------------------------


def test_every_invalid_reason_in_order_and_only_those_that_occurred():
    ballots = [
        {"invalid": "added_name"},
        keep(3),  # none kept
        keep(3, "c1", "c2", "c3"),  # 3 kept of 2 seats
        {"invalid": "not_issued"},
        keep(3, "c1", "c2", "c3"),
        keep(3, "c2"),
    ]
    result = tally(make(3, 2, ballots, kind="delegates", summoned=10))
    assert list(result["ballots"]["invalid_by_reason"].items()) == [
        ("not_issued", 1),
        ("too_many", 2),
        ("none_kept", 1),
        ("added_name", 1),
    ]
    assert (result["ballots"]["valid"], result["ballots"]["invalid"]) == (1, 5)
    assert by_id(result, "votes") == {"c2": 1, "c1": 0, "c3": 0}


@pytest.mark.parametrize("reason", ["not_issued", "added_name"])
def test_board_reasons_in_both_list_forms(reason):
    surplus = tally(make(2, 1, [{"invalid": reason}, keep(2, "c1")], summoned=3))
    assert surplus["ballots"]["invalid_by_reason"] == {reason: 1}
    no_surplus = tally(make(1, 1, [{"invalid": reason}, {"marks": {"c1": "agree"}}], summoned=3))
    assert no_surplus["ballots"]["invalid_by_reason"] == {reason: 1}
    assert no_surplus["candidates"][0]["votes"] == 1


def test_all_ballots_invalid_gives_zero_percent_of_valid():
    result = tally(make(2, 1, [keep(2), {"invalid": "not_issued"}], summoned=4))
    assert result["ballots"]["valid"] == 0
    assert {c["percent_of_valid"] for c in result["candidates"]} == {0.0}
    assert (result["outcome"], result["unfilled_seats"]) == ("shortfall", 1)


def test_no_ballots_at_all():
    result = tally(make(2, 1, [], summoned=4, issued=0))
    assert result["ballots"] == {
        "issued": 0,
        "collected": 0,
        "valid": 0,
        "invalid": 0,
        "invalid_by_reason": {},
    }
    assert result["outcome"] == "shortfall"


def test_issued_may_exceed_collected():
    result = tally(make(2, 1, [keep(2, "c1")] * 3, summoned=5, issued=5))
    assert (result["ballots"]["issued"], result["ballots"]["collected"]) == (5, 3)


def test_crossed_order_and_marks_order_do_not_matter():
    a = tally(make(3, 2, [{"crossed": ["c1", "c3"]}], kind="delegates", summoned=3))
    b = tally(make(3, 2, [{"crossed": ["c3", "c1"]}], kind="delegates", summoned=3))
    assert a == b


# ---------------------------------------------------------------------------------------------------------
# Base (cơ sở tính tỷ lệ): summoned − excluded by category
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("category", MEMBERS_CATEGORIES)
def test_members_congress_exclusion_categories(category):
    result = tally(make(1, 1, [], summoned=43, excluded={category: 3}))
    assert (result["base"], result["votes_needed"]) == (40, 21)


@pytest.mark.parametrize("category", DELEGATES_CATEGORIES)
def test_delegates_congress_exclusion_categories(category):
    result = tally(make(1, 1, [], congress="delegates", summoned=150, excluded={category: 7}))
    assert (result["base"], result["votes_needed"]) == (143, 72)


def test_all_exclusion_categories_add_up():
    excluded = dict(zip(MEMBERS_CATEGORIES, [1, 2, 3, 4], strict=True))
    assert tally(make(1, 1, [], summoned=43, excluded=excluded))["base"] == 33
    excluded = {"convening_committee_absent": 2, "absent_without_alternate": 5, **{}}
    assert tally(make(1, 1, [], congress="delegates", summoned=100, excluded=excluded))["base"] == 93


def test_zero_exclusions_are_allowed():
    assert tally(make(1, 1, [], summoned=5, excluded={"approved_absence": 0}))["base"] == 5


@pytest.mark.parametrize("rules", ["244-QD/TW-2014", "190-QD/TW-2024"])
def test_both_rule_sets_count_the_same(rules):
    data = surplus_election([8, 6, 6, 0], 2, base=10)
    with_rules = tally({**data, "rules": rules})
    default = tally(data)
    assert with_rules["rules"] == rules
    assert default["rules"] == "190-QD/TW-2024"
    assert {**with_rules, "rules": None} == {**default, "rules": None}


# ---------------------------------------------------------------------------------------------------------
# Percentages: half up, 2 decimals, integer arithmetic
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (40, 42, 95.24),
        (40, 40, 100.0),
        (1, 3, 33.33),
        (2, 3, 66.67),
        (1, 8, 12.5),
        (1, 160, 0.63),  # 0.625: half up (banker's rounding would give 0.62)
        (1, 800, 0.13),  # 0.125 (round(0.125, 2) == 0.12 in floats)
        (3, 800, 0.38),  # 0.375
        (1, 1600, 0.06),  # 0.0625
        (5, 0, 0.0),
        (0, 0, 0.0),
        (0, 7, 0.0),
        (17, 10, 170.0),
        (1, 7, 14.29),
        (6, 7, 85.71),
    ],
)
def test_percent_half_up(part, whole, expected):
    assert percent(part, whole) == expected


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_percent_matches_decimal_half_up(part, whole):
    exact = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert percent(part, whole) == float(exact)
    assert json.dumps(percent(part, whole)) == json.dumps(float(exact))


# ---------------------------------------------------------------------------------------------------------
# Errors (exit 2 in the command): the field is named exactly
# ---------------------------------------------------------------------------------------------------------


def without(data: dict, *path: str) -> dict:
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


def with_(data: dict, value: object, *path: str | int) -> dict:
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


GOOD = make(3, 2, [keep(3, "c1", "c2"), keep(3, "c3")], kind="delegates", summoned=5)
GOOD_MARKS = make(2, 2, [{"marks": {"c1": "agree"}}], kind="deputy_secretary", summoned=5)

ERROR_CASES = [
    # the request itself
    ([], "request: must be a JSON object, got a list"),
    ("x", 'request: must be a JSON object, got a string "x"'),
    (None, "request: must be a JSON object, got null"),
    ({**GOOD, "seat": 2}, "seat: unknown field"),
    ({**GOOD, "voter names": []}, '["voter names"]: unknown field'),
    # missing
    (without(GOOD, "election"), "election: missing"),
    (without(GOOD, "congress"), "congress: missing"),
    (without(GOOD, "kind"), "kind: missing"),
    (without(GOOD, "seats"), "seats: missing"),
    (without(GOOD, "base"), "base: missing"),
    (without(GOOD, "base", "summoned"), "base.summoned: missing"),
    (without(GOOD, "base", "excluded"), "base.excluded: missing"),
    (without(GOOD, "candidates"), "candidates: missing"),
    (without(GOOD, "candidates", 1, "id"), "candidates[1].id: missing"),
    (without(GOOD, "candidates", 0, "name"), "candidates[0].name: missing"),
    (without(GOOD, "ballots_issued"), "ballots_issued: missing"),
    (without(GOOD, "ballots"), "ballots: missing"),
    # ill-typed
    (with_(GOOD, 2024, "rules"), "rules: must be a string, got an integer 2024"),
    (with_(GOOD, None, "rules"), "rules: must be a string, got null"),
    (with_(GOOD, 5, "election"), "election: must be a string, got an integer 5"),
    (with_(GOOD, ["members"], "congress"), "congress: must be a string, got a list"),
    (with_(GOOD, "2", "seats"), 'seats: must be an integer, got a string "2"'),
    (with_(GOOD, 2.0, "seats"), "seats: must be an integer, got a number 2.0"),
    (with_(GOOD, True, "seats"), "seats: must be an integer, got a boolean true"),
    (with_(GOOD, [5], "base"), "base: must be an object, got a list"),
    (with_(GOOD, 4.5, "base", "summoned"), "base.summoned: must be an integer, got a number 4.5"),
    (with_(GOOD, False, "base", "summoned"), "base.summoned: must be an integer, got a boolean false"),
    (with_(GOOD, [], "base", "excluded"), "base.excluded: must be an object, got a list"),
    (
        with_(GOOD, True, "base", "excluded", "approved_absence"),
        "base.excluded.approved_absence: must be an integer, got a boolean true",
    ),
    (
        with_(GOOD, -1, "base", "excluded", "approved_absence"),
        "base.excluded.approved_absence: must be at least 0, got -1",
    ),
    (with_(GOOD, {"c1": "A"}, "candidates"), "candidates: must be a list, got an object"),
    (with_(GOOD, "c1", "candidates", 0), 'candidates[0]: must be an object, got a string "c1"'),
    (with_(GOOD, 1, "candidates", 0, "id"), "candidates[0].id: must be a string, got an integer 1"),
    (with_(GOOD, None, "candidates", 2, "name"), "candidates[2].name: must be a string, got null"),
    (with_(GOOD, "F", "candidates", 0, "gender"), "candidates[0].gender: unknown field"),
    (with_(GOOD, -1, "ballots_issued"), "ballots_issued: must be at least 0, got -1"),
    (with_(GOOD, "2", "ballots_issued"), 'ballots_issued: must be an integer, got a string "2"'),
    (with_(GOOD, {}, "ballots"), "ballots: must be a list, got an object"),
    (with_(GOOD, ["c1"], "ballots", 1), "ballots[1]: must be an object, got a list"),
    (with_(GOOD, "c1", "ballots", 0, "crossed"), 'ballots[0].crossed: must be a list, got a string "c1"'),
    (
        with_(GOOD, ["c1", 3], "ballots", 0, "crossed"),
        "ballots[0].crossed[1]: must be a candidate id (a string), got an integer 3",
    ),
    (
        with_(GOOD, [None], "ballots", 0, "crossed"),
        "ballots[0].crossed[0]: must be a candidate id (a string), got null",
    ),
    (
        with_(GOOD, [["c1"]], "ballots", 0, "crossed"),
        "ballots[0].crossed[0]: must be a candidate id (a string), got a list",
    ),
    (
        with_(GOOD, [True], "ballots", 0, "crossed"),
        "ballots[0].crossed[0]: must be a candidate id (a string), got a boolean true",
    ),
    (with_(GOOD_MARKS, [], "ballots", 0, "marks"), "ballots[0].marks: must be an object, got a list"),
    (
        with_(GOOD_MARKS, 1, "ballots", 0, "marks", "c2"),
        'ballots[0].marks.c2: unknown mark 1 (expected "agree", "disagree", "both" or "none")',
    ),
    (with_(GOOD, {"invalid": 3}, "ballots", 0), "ballots[0].invalid: must be a string, got an integer 3"),
    # unknown rules, congress, kind, exclusion category
    (
        with_(GOOD, "220-QD/TW-2009", "rules"),
        'rules: unknown rule set "220-QD/TW-2009" (expected "244-QD/TW-2014" or "190-QD/TW-2024")',
    ),
    (
        with_(GOOD, "190-QĐ/TW-2024", "rules"),
        'rules: unknown rule set "190-QĐ/TW-2024" (expected "244-QD/TW-2014" or "190-QD/TW-2024")',
    ),
    (
        with_(GOOD, "conference", "congress"),
        'congress: unknown congress type "conference" (expected "members" or "delegates")',
    ),
    (
        with_(GOOD, "chair", "kind"),
        'kind: unknown kind of election "chair" (expected "committee", "standing_committee", "secretary", '
        '"deputy_secretary", "inspection_committee", "delegates" or "alternates")',
    ),
    (
        with_(GOOD, 1, "base", "excluded", "on_business"),
        'base.excluded.on_business: unknown exclusion category "on_business" for a members\' congress (expected '
        '"temporary_activity", "exempted_absent", "suspended_or_prosecuted" or "approved_absence")',
    ),
    (
        with_(GOOD, 1, "base", "excluded", "absent_without_alternate"),
        'base.excluded.absent_without_alternate: unknown exclusion category "absent_without_alternate" for a '
        'members\' congress (expected "temporary_activity", "exempted_absent", "suspended_or_prosecuted" or '
        '"approved_absence")',
    ),
    (
        with_(with_(GOOD, "delegates", "congress"), 1, "base", "excluded", "approved_absence"),
        'base.excluded.approved_absence: unknown exclusion category "approved_absence" for a delegates\' congress '
        '(expected "convening_committee_absent" or "absent_without_alternate")',
    ),
    # candidates
    (
        with_(GOOD, "c1", "candidates", 2, "id"),
        'candidates[2].id: duplicate candidate id "c1" (also candidates[0])',
    ),
    (with_(GOOD, "", "candidates", 1, "id"), "candidates[1].id: must not be empty"),
    (with_(GOOD, "", "candidates", 1, "name"), "candidates[1].name: must not be empty"),
    (with_(GOOD, "  ", "candidates", 1, "name"), "candidates[1].name: must not be empty"),
    # ballots naming unknown candidates, repeated, wrong form
    (with_(GOOD, ["c9"], "ballots", 1, "crossed"), 'ballots[1].crossed: unknown candidate "c9"'),
    (with_(GOOD, ["C1"], "ballots", 1, "crossed"), 'ballots[1].crossed: unknown candidate "C1"'),
    (
        with_(GOOD, ["c1", "c1"], "ballots", 1, "crossed"),
        'ballots[1].crossed: candidate "c1" crossed out twice',
    ),
    (with_(GOOD_MARKS, "agree", "ballots", 0, "marks", "c9"), 'ballots[0].marks: unknown candidate "c9"'),
    (
        with_(GOOD_MARKS, "yes", "ballots", 0, "marks", "c1"),
        'ballots[0].marks.c1: unknown mark "yes" (expected "agree", "disagree", "both" or "none")',
    ),
    (
        with_(GOOD, {"marks": {"c1": "agree"}}, "ballots", 1),
        'ballots[1]: a list with surplus uses "crossed", not "marks"',
    ),
    (
        with_(GOOD_MARKS, {"crossed": []}, "ballots", 0),
        'ballots[0]: a list without surplus uses "marks", not "crossed"',
    ),
    (
        with_(GOOD, {"crossed": [], "marks": {}}, "ballots", 0),
        'ballots[0]: a list with surplus uses "crossed", not "marks"',
    ),
    (
        with_(GOOD, {"crossed": [], "invalid": "not_issued"}, "ballots", 0),
        'ballots[0]: must have exactly one of "crossed" or "invalid", got 2 fields',
    ),
    (
        with_(GOOD, {}, "ballots", 0),
        'ballots[0]: must have exactly one of "crossed" or "invalid", got 0 fields',
    ),
    (with_(GOOD, {"kept": ["c1"]}, "ballots", 0), "ballots[0].kept: unknown field"),
    (with_(GOOD, {"crossed": [], "voter": "x"}, "ballots", 0), "ballots[0].voter: unknown field"),
    (
        with_(GOOD, {"invalid": "stain"}, "ballots", 1),
        'ballots[1].invalid: unknown reason "stain"; the counting board records "not_issued" or "added_name"',
    ),
    (
        with_(GOOD, {"invalid": "too_many"}, "ballots", 1),
        'ballots[1].invalid: unknown reason "too_many" (the engine finds it itself); the counting board records '
        '"not_issued" or "added_name"',
    ),
    (
        with_(GOOD, {"invalid": "none_kept"}, "ballots", 0),
        'ballots[0].invalid: unknown reason "none_kept" (the engine finds it itself); the counting board records '
        '"not_issued" or "added_name"',
    ),
    # counts
    (with_(GOOD, 0, "seats"), "seats: must be at least 1, got 0"),
    (with_(GOOD, 4, "seats"), "seats: 4 seats but only 3 candidates"),
    (with_(GOOD, [], "candidates"), "seats: 2 seats but only 0 candidates"),
    (with_(GOOD, 0, "base", "summoned"), "base: must be more than 0 (summoned 0 − excluded 0 = 0)"),
    (with_(GOOD, -3, "base", "summoned"), "base.summoned: must be at least 0, got -3"),
    (
        with_(GOOD, {"approved_absence": 3, "temporary_activity": 2}, "base", "excluded"),
        "base: must be more than 0 (summoned 5 − excluded 5 = 0)",
    ),
    (
        with_(GOOD, {"approved_absence": 9}, "base", "excluded"),
        "base: must be more than 0 (summoned 5 − excluded 9 = -4)",
    ),
    (with_(GOOD, 1, "ballots_issued"), "ballots: 2 ballots collected but only 1 issued; the count stops"),
    (with_(GOOD, 6, "ballots_issued"), "ballots_issued: 6 ballots issued but only 5 summoned"),
]


@pytest.mark.parametrize(("data", "message"), ERROR_CASES, ids=[m.split(":")[0] for _, m in ERROR_CASES])
def test_errors_name_the_field(data, message):
    assert error_of(data) == message


def test_the_contract_error_example_ballot_17():
    ballots = [keep(3, "c1")] * 17 + [{"crossed": ["c1", "c9"]}]
    message = error_of(make(3, 1, ballots, summoned=20))
    assert message == 'ballots[17].crossed: unknown candidate "c9"'


def test_error_carries_field_and_message():
    with pytest.raises(TallyError) as info:
        tally(with_(GOOD, ["c9"], "ballots", 1, "crossed"))
    assert info.value.field == "ballots[1].crossed"
    assert info.value.message == 'unknown candidate "c9"'
    assert isinstance(info.value, ValueError)


def test_messages_stay_on_one_line():
    bad = with_(GOOD, ["c\n9"], "ballots", 1, "crossed")
    assert error_of(bad) == 'ballots[1].crossed: unknown candidate "c\\n9"'


def test_odd_ids_are_quoted_in_paths():
    data = make(2, 2, [{"marks": {"c 1": "yes"}}], kind="deputy_secretary", summoned=3)
    data["candidates"][0]["id"] = "c 1"
    assert (
        error_of(data)
        == 'ballots[0].marks["c 1"]: unknown mark "yes" (expected "agree", "disagree", "both" or "none")'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"election": "a", "election": "b"}', "election: the key appears more than once"),
        (
            json.dumps(GOOD)[:-1] + ', "seats": 1}',
            "seats: the key appears more than once",
        ),
        (
            json.dumps(GOOD).replace('"summoned": 5', '"summoned": 5, "summoned": 50'),
            "base.summoned: the key appears more than once",
        ),
        (
            json.dumps(GOOD_MARKS).replace('{"c1": "agree"}', '{"c1": "agree", "c1": "disagree"}'),
            "ballots[0].marks.c1: the key appears more than once",
        ),
        (
            json.dumps(GOOD).replace('{"crossed": ["c3"]}', '{"crossed": ["c3"], "crossed": ["c1"]}'),
            "ballots[0].crossed: the key appears more than once",
        ),
        (
            json.dumps(GOOD).replace('{"id": "c2", "name"', '{"id": "c2", "id": "c4", "name"'),
            "candidates[1].id: the key appears more than once",
        ),
    ],
)
def test_repeated_json_keys_are_errors_not_last_value_wins(text, message):
    assert error_of(json.loads(text, object_pairs_hook=json_object)) == message


def test_json_object_hook_returns_plain_dicts_otherwise():
    value = json.loads('{"a": {"b": 1}}', object_pairs_hook=json_object)
    assert type(value) is dict and type(value["a"]) is dict


# ---------------------------------------------------------------------------------------------------------
# The typed API: frozen values, parse → count → dict
# ---------------------------------------------------------------------------------------------------------


def test_parse_request_builds_frozen_values():
    request = parse_request(GOOD)
    assert request.rules == "190-QD/TW-2024"
    assert request.base.value == 5
    assert request.has_surplus
    assert request.candidates[0] == Candidate(id="c1", name="Nguyễn Văn An")
    assert request.ballots[0] == CrossedBallot(frozenset({"c3"}))
    with pytest.raises(FrozenInstanceError):
        request.seats = 3
    with pytest.raises(FrozenInstanceError):
        del request.candidates[0].name
    with pytest.raises(AttributeError):
        request.extra = 1
    assert hash(request) == hash(parse_request(GOOD))
    assert pickle.loads(pickle.dumps(request)) == request
    assert request.replace(seats=1).seats == 1
    assert "TallyRequest(election='Bầu thử'" in repr(request)


def test_count_and_result_to_dict_compose_to_tally():
    result = count(parse_request(GOOD))
    assert (result.base, result.votes_needed) == (5, 3)
    assert (result.outcome, result.elected, result.unfilled_seats) == ("shortfall", (), 2)
    assert result.candidates[0] == counting.CandidateResult(
        "c1", "Nguyễn Văn An", 1, 20.0, 50.0, "below_threshold"
    )
    assert result_to_dict(result) == tally(GOOD)
    with pytest.raises(FrozenInstanceError):
        result.outcome = "tie"


def test_count_refuses_a_hand_built_request_with_the_wrong_ballot_form():
    request = parse_request(GOOD)
    marked = counting.MarkedBallot((("c1", "agree"),))
    with pytest.raises(TallyError, match=r'^ballots\[0\]: a list with surplus uses "crossed", not "marks"$'):
        count(request.replace(ballots=(marked,)))


def test_record_replace_rejects_unknown_fields():
    with pytest.raises(TypeError, match="no field 'sets'"):
        parse_request(GOOD).replace(sets=3)


def test_the_engine_module_imports_no_django():
    code = (
        "import sys, cndp.elections.counting\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------------------------------------------------
# Properties (hypothesis)
# ---------------------------------------------------------------------------------------------------------


@st.composite
def requests(draw) -> dict:
    """Valid requests, biased towards the interesting cases: a base close to the ballots, votes
    concentrated on a few favourites (so that candidates pass, tie, or are out-ranked), and a few
    ballots of every invalid kind."""
    n = draw(st.integers(1, 7))
    seats = draw(st.integers(1, n))
    kinds = list(UNLIMITED_KINDS)
    if 10 * (n - seats) <= 3 * seats:
        kinds += ["committee", "standing_committee"]
    kind = draw(st.sampled_from(kinds))
    congress = draw(st.sampled_from(["members", "delegates"]))
    cids = ids(n)
    # a few more favourites than seats, each kept on most ballots: more pass than there are seats
    favourites = draw(
        st.lists(st.sampled_from(cids), min_size=min(seats + 1, n), max_size=2 * seats, unique=True)
    )
    invalid = st.sampled_from(["not_issued", "added_name"]).map(lambda r: {"invalid": r})
    if n > seats:
        usual = st.lists(st.sampled_from(favourites), min_size=seats, max_size=seats, unique=True).map(
            lambda kept: {"crossed": [cid for cid in cids if cid not in kept]}
        )
        any_form = st.lists(st.sampled_from(cids), unique=True).map(lambda c: {"crossed": c})
    else:
        usual = st.fixed_dictionaries(
            {cid: st.sampled_from(["agree", "agree", "agree", "disagree"]) for cid in favourites}
        ).map(lambda m: {"marks": m})
        any_form = st.dictionaries(st.sampled_from(cids), st.sampled_from(counting.MARKS)).map(
            lambda m: {"marks": m}
        )
    forms = {"usual": usual, "any": any_form, "invalid": invalid}
    ballots = [
        draw(forms[draw(st.sampled_from(["usual"] * 8 + ["any", "invalid"]))])
        for _ in range(draw(st.integers(0, 25)))
    ]
    categories = MEMBERS_CATEGORIES if congress == "members" else DELEGATES_CATEGORIES
    issued = len(ballots) + draw(st.sampled_from([0, 0, 1, 2]))
    excluded = draw(st.dictionaries(st.sampled_from(categories), st.integers(0, 3)))
    # mostly a base of about the ballots issued; sometimes the exclusions take it below
    summoned = max(issued, 1) + draw(st.sampled_from([0, 0, 1, 3]))
    if draw(st.booleans()):
        summoned += sum(excluded.values())
    if sum(excluded.values()) >= summoned:  # keep the base above 0
        excluded = {}
    data = make(
        n, seats, ballots, kind=kind, congress=congress, summoned=summoned, excluded=excluded, issued=issued
    )
    if draw(st.booleans()):
        data["rules"] = draw(st.sampled_from(list(counting.RULE_SETS)))
    return data


@st.composite
def contested(draw) -> dict:
    """Surplus elections where seats + 1 favourites share every ballot: more pass than there are seats,
    so that the last seat is won outright or tied."""
    n = draw(st.integers(2, 7))
    seats = draw(st.integers(1, n - 1))
    cids = ids(n)
    favourites = draw(st.lists(st.sampled_from(cids), min_size=seats + 1, max_size=seats + 1, unique=True))
    keep_seats = st.lists(st.sampled_from(favourites), min_size=seats, max_size=seats, unique=True)
    ballots = [
        {"crossed": [cid for cid in cids if cid not in kept]}
        for kept in draw(st.lists(keep_seats, min_size=2, max_size=20))
    ]
    return make(n, seats, ballots, kind="delegates", congress="delegates", summoned=len(ballots))


ELECTIONS = st.one_of(requests(), contested())


def naive_votes(data: dict) -> tuple[dict[str, int], int, Counter]:
    """An independent, slow recount: per ballot, per candidate."""
    cids = [c["id"] for c in data["candidates"]]
    seats = data["seats"]
    surplus = len(cids) > seats
    votes = dict.fromkeys(cids, 0)
    valid = 0
    reasons: Counter = Counter()
    for ballot in data["ballots"]:
        if "invalid" in ballot:
            reasons[ballot["invalid"]] += 1
            continue
        if surplus:
            kept = [cid for cid in cids if cid not in ballot["crossed"]]
        else:
            kept = [cid for cid in cids if ballot["marks"].get(cid, "none") == "agree"]
        if len(kept) > seats:
            reasons["too_many"] += 1
        elif surplus and not kept:
            reasons["none_kept"] += 1
        else:
            valid += 1
            for cid in kept:
                votes[cid] += 1
    return votes, valid, reasons


def expected_status(votes: dict[str, int], seats: int, base: int) -> dict[str, str]:
    """Status from counting, for each passer, how many passers have more and equal votes."""
    passers = [v for v in votes.values() if v * 2 > base]
    out = {}
    for cid, v in votes.items():
        if v * 2 <= base:
            out[cid] = "below_threshold"
            continue
        more = sum(1 for w in passers if w > v)
        equal = sum(1 for w in passers if w == v)
        if more + equal <= seats:
            out[cid] = "elected"
        elif more >= seats:
            out[cid] = "not_elected"
        else:
            out[cid] = "tied"
    return out


PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(ELECTIONS)
def test_property_invariants(data):
    result = tally(data)
    seats, base = data["seats"], result["base"]
    b = result["ballots"]
    votes = by_id(result, "votes")
    status = by_id(result, "status")

    assert base == data["base"]["summoned"] - sum(data["base"]["excluded"].values())
    assert result["votes_needed"] == base // 2 + 1
    assert b["valid"] + b["invalid"] == b["collected"] == len(data["ballots"])
    assert sum(b["invalid_by_reason"].values()) == b["invalid"]
    assert all(n > 0 for n in b["invalid_by_reason"].values())
    assert len(result["elected"]) <= seats
    assert all(v <= b["valid"] for v in votes.values())
    for cid, v in votes.items():
        assert (status[cid] == "below_threshold") == (v * 2 <= base)
    # ranked by votes, then ballot order
    order = [c["id"] for c in data["candidates"]]
    assert [c["id"] for c in result["candidates"]] == sorted(
        order, key=lambda cid: (-votes[cid], order.index(cid))
    )
    assert result["elected"] == [c["id"] for c in result["candidates"] if c["status"] == "elected"]
    if result["outcome"] == "complete":
        assert len(result["elected"]) == seats
        assert result["tie"] is None and result["unfilled_seats"] == 0
    elif result["outcome"] == "tie":
        tie = result["tie"]
        assert len({votes[cid] for cid in tie["candidates"]}) == 1
        assert len(tie["candidates"]) > tie["seats"] >= 1
        assert tie["seats"] + len(result["elected"]) == seats
        assert tie["candidates"] == [cid for cid in order if status[cid] == "tied"]
        assert result["unfilled_seats"] == 0
    else:
        assert result["outcome"] == "shortfall"
        assert result["tie"] is None
        assert result["unfilled_seats"] == seats - len(result["elected"]) > 0
    for c in result["candidates"]:
        assert c["percent_of_base"] == percent(c["votes"], base)
        assert c["percent_of_valid"] == percent(c["votes"], b["valid"])


@PROPERTY_SETTINGS
@given(ELECTIONS)
def test_property_matches_an_independent_recount(data):
    result = tally(data)
    votes, valid, reasons = naive_votes(data)
    assert by_id(result, "votes") == votes
    assert result["ballots"]["valid"] == valid
    assert result["ballots"]["invalid_by_reason"] == dict(reasons)
    assert by_id(result, "status") == expected_status(votes, data["seats"], result["base"])


@PROPERTY_SETTINGS
@given(ELECTIONS, st.data())
def test_property_permuting_ballots_changes_nothing(data, draw):
    permuted = {**data, "ballots": draw.draw(st.permutations(data["ballots"]))}
    assert tally(permuted) == tally(data)


@PROPERTY_SETTINGS
@given(requests())
def test_property_both_rule_sets_agree(data):
    results = [tally({**data, "rules": rules}) for rules in counting.RULE_SETS]
    assert [{**r, "rules": None} for r in results[1:]] == [{**results[0], "rules": None}] * (len(results) - 1)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_property_any_json_is_a_tally_error_never_a_crash(value):
    with pytest.raises(TallyError):
        tally(value)


FIELD_PATHS = [
    ("rules",),
    ("election",),
    ("congress",),
    ("kind",),
    ("seats",),
    ("base",),
    ("base", "summoned"),
    ("base", "excluded"),
    ("candidates",),
    ("candidates", 0),
    ("candidates", 0, "id"),
    ("candidates", 1, "name"),
    ("ballots_issued",),
    ("ballots",),
    ("ballots", 0),
    ("ballots", 0, "crossed"),
    ("ballots", 1, "crossed", 0),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELD_PATHS), JSON_VALUES)
def test_property_one_field_replaced_by_any_json_counts_or_names_an_error(path, value):
    data = with_(GOOD, value, *path)
    try:
        result = tally(data)
    except TallyError as exc:
        assert "\n" not in str(exc)
        assert str(exc).split(":")[0]
    else:
        assert result["ballots"]["collected"] == len(data["ballots"])


@given(
    kind=st.sampled_from(["committee", "standing_committee", "delegates", "secretary"]),
    seats=st.integers(min_value=1, max_value=60),
    surplus=st.integers(min_value=0, max_value=30),
)
def test_surplus_limit_property(kind, seats, surplus):
    """Allowed exactly when the kind is not limited, or the surplus is at most one, or 10 × surplus ≤ 3 ×
    seats — the amended contract, stated independently of the code."""
    rule_set = counting.RULE_SETS["190-QD/TW-2024"]
    limited = kind in ("committee", "standing_committee")
    expected_ok = not limited or surplus <= 1 or 10 * surplus <= 3 * seats
    assert counting.surplus_exceeds(rule_set, kind, seats, seats + surplus) is (not expected_ok)
