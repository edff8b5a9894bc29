"""A whole small election through the services and screens: list, board, double entry with a
mismatch, settlement, count, certification, minutes, recount, tie and shortfall decisions."""

import datetime
import json
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cndp.congress.models import Delegate
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text
from cndp.elections import selectors, services
from cndp.elections.choices import CandidateSource, ElectionStatus
from cndp.elections.models import BallotEntry, Election, EntryLog

pytestmark = pytest.mark.django_db


def _adopt_and_start(s, issued=5):
    voters = selectors.voters_available(s["election"])
    services.list_adopt(
        election=s["election"], user=s["officer"], votes_for=voters, votes_against=0, votes_abstain=0
    )
    return services.counting_start(
        election=s["election"], user=s["head"], ballots_issued=issued, clerk_a=s["a"], clerk_b=s["b"]
    )


def _enter_all(s, ballots, b_overrides=None):
    for n, text in enumerate(ballots, start=1):
        services.ballot_enter(election=s["election"], user=s["a"], number=n, text=text)
        services.ballot_enter(
            election=s["election"], user=s["b"], number=n, text=(b_overrides or {}).get(n, text)
        )
    services.clerk_finish(election=s["election"], user=s["a"])
    services.clerk_finish(election=s["election"], user=s["b"])


def test_probationary_and_board_members_cannot_be_candidates(setup, demo):
    s = setup
    probationary = s["congress"].delegates.filter(is_official=False).first()
    if probationary is None:  # everyone official at that date in some demo histories
        probationary = s["congress"].delegates.first()
        Delegate.objects.filter(pk=probationary.pk).update(is_official=False)
        probationary.refresh_from_db()
    with pytest.raises(ServiceError, match="dự bị"):
        services.candidate_add(election=s["election"], delegate=probationary, user=s["officer"])
    board_delegate = s["congress"].counting_board.first().delegate
    with pytest.raises(ServiceError, match="Ban Kiểm phiếu"):
        services.candidate_add(election=s["election"], delegate=board_delegate, user=s["officer"])
    with pytest.raises(ServiceError, match="danh sách bầu cử"):
        services.board_member_add(
            congress=s["congress"],
            delegate=s["pool"][0],
            account=demo["leader"],
            is_head=False,
            user=s["officer"],
        )
    with pytest.raises(ServiceError, match="dự bị"):
        services.board_member_add(
            congress=s["congress"],
            delegate=probationary,
            account=demo["leader"],
            is_head=False,
            user=s["officer"],
        )


def test_floor_nomination_needs_more_than_30_percent_of_official_present(setup):
    s = setup
    present = selectors.present_official(s["congress"])
    extra = (
        s["congress"]
        .delegates.filter(is_official=True)
        .exclude(candidacies__isnull=False)
        .exclude(pk__in=[m.delegate_id for m in s["congress"].counting_board.all()])
        .last()
    )
    with pytest.raises(ServiceError, match="trên 30%"):
        services.candidate_add(
            election=s["election"],
            delegate=extra,
            user=s["officer"],
            source=CandidateSource.FLOOR,
            floor_agreement=present * 3 // 10,
        )
    services.candidate_add(
        election=s["election"],
        delegate=extra,
        user=s["officer"],
        source=CandidateSource.FLOOR,
        floor_agreement=present * 3 // 10 + 1,
    )


def test_list_vote_needs_a_majority_and_ballot_order_is_vietnamese(setup):
    s = setup
    voters = selectors.voters_available(s["election"])
    with pytest.raises(ServiceError, match="chưa được thông qua"):
        services.list_adopt(
            election=s["election"],
            user=s["officer"],
            votes_for=voters // 2,
            votes_against=voters - voters // 2,
            votes_abstain=0,
        )
    services.list_adopt(
        election=s["election"], user=s["officer"], votes_for=voters, votes_against=0, votes_abstain=0
    )
    order = [c.name_sort_key for c in selectors.active_candidates(s["election"])]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("kind", "seats", "candidates", "ok"),
    [
        ("committee", 7, 9, True),
        ("committee", 7, 10, False),
        ("committee", 7, 7, False),
        ("committee", 3, 4, True),  # a surplus of one is always allowed (amended counting contract)
        ("standing_committee", 3, 5, False),
        ("delegates", 3, 3, True),
        ("delegates", 3, 2, False),
    ],
)
def test_surplus_rules(kind, seats, candidates, ok):
    assert (services.surplus_problem(kind, seats, candidates) is None) is ok


def test_whole_count_with_a_settled_mismatch(setup, client_for):
    s = setup
    _adopt_and_start(s)
    # only the two assigned clerks may enter; the head may not
    with pytest.raises(ServiceError, match="Chỉ hai người nhập"):
        services.ballot_enter(election=s["election"], user=s["head"], number=1, text="1")
    ballots = ["1", "2", "1", "4", "x"]
    _enter_all(s, ballots, b_overrides={3: "3"})
    rows = [r for r in selectors.comparison(s["election"]) if not r["agree"]]
    assert [r["number"] for r in rows] == [3]
    with pytest.raises(ServiceError, match="chưa được quyết định: 3"):
        services.election_count(election=s["election"], user=s["head"])
    with pytest.raises(ServiceError, match="Trưởng Ban"):
        services.ballot_settle(election=s["election"], user=s["a"], number=3, text="1")
    services.ballot_settle(election=s["election"], user=s["head"], number=3, text="1")
    election = services.election_count(election=s["election"], user=s["head"])
    result = election.result
    assert result["ballots"] == {
        "issued": 5,
        "collected": 5,
        "valid": 4,
        "invalid": 1,
        "invalid_by_reason": {"not_issued": 1},
    }
    votes = {c["name"]: c["votes"] for c in result["candidates"]}
    names = [c.full_name for c in selectors.active_candidates(election)]
    assert votes[names[0]] == 2 and votes[names[1]] == 3 and votes[names[2]] == 4 and votes[names[3]] == 3
    # the same request through the command gives the same result (an independent recount)
    request = selectors.election_tally_request(election)
    assert not any(k in json.dumps(request) for k in ("username", "clerk", "voter"))
    proc = subprocess.run(
        [sys.executable, "-m", "cndp", "tally", "-"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout) == result
    # entries are locked once counted; certification by the head only
    with pytest.raises(ServiceError):
        services.ballot_enter(election=election, user=s["a"], number=1, text="2")
    with pytest.raises(ServiceError, match="Trưởng Ban"):
        services.election_certify(election=election, user=s["officer"])
    election = services.election_certify(election=election, user=s["head"])
    assert election.status == ElectionStatus.CERTIFIED
    assert election.chain_fingerprint == EntryLog.objects.filter(election=election).order_by("-seq")[1].hash


def test_tampered_log_stops_the_count(setup):
    s = setup
    _adopt_and_start(s, issued=2)
    _enter_all(s, ["1", "2"])
    entry = EntryLog.objects.filter(election=s["election"], action="enter").first()
    EntryLog.objects.filter(pk=entry.pk).update(record={**entry.record, "payload": {"crossed": []}})
    with pytest.raises(ServiceError, match="bị sai lệch tại bản ghi số"):
        services.election_count(election=s["election"], user=s["head"])


def test_reconciliation_issued_cannot_exceed_present(setup):
    s = setup
    voters = selectors.voters_available(s["election"])
    services.list_adopt(
        election=s["election"], user=s["officer"], votes_for=voters, votes_against=0, votes_abstain=0
    )
    with pytest.raises(ServiceError, match="Số phiếu phát ra"):
        services.counting_start(
            election=s["election"], user=s["head"], ballots_issued=voters + 1, clerk_a=s["a"], clerk_b=s["b"]
        )


def test_recount_keeps_the_old_entries_and_is_logged(setup):
    s = setup
    _adopt_and_start(s, issued=2)
    _enter_all(s, ["1", "2"])
    counted = services.election_count(election=s["election"], user=s["head"])
    services.election_certify(election=s["election"], user=s["head"])
    with pytest.raises(ServiceError, match="lý do"):
        services.election_recount(election=s["election"], user=s["head"], reason=" ")
    election = services.election_recount(
        election=s["election"], user=s["head"], reason="Khiếu nại về phiếu số 2"
    )
    assert election.session == 2 and election.status == ElectionStatus.COUNTING and election.result is None
    assert BallotEntry.objects.filter(election=election, session=1).count() == 4
    assert (
        EntryLog.objects.filter(election=election, action="recount").get().record["previous_result"]
        == counted.result
    )


def test_tie_leads_to_a_linked_revote_among_the_tied(setup):
    s = setup
    Election.objects.filter(pk=s["election"].pk).update(base_override=6)
    s["election"].refresh_from_db()
    _adopt_and_start(s, issued=6)
    # base 6 → 4 votes needed; names 1 and 2 get 4 each, 3 and 4 get 5 each: two tied for the last seat.
    _enter_all(s, ["1", "2", "1", "2", "3", "4"])
    election = services.election_count(election=s["election"], user=s["head"])
    assert election.result["outcome"] == "tie"
    election = services.election_certify(election=election, user=s["head"])
    with pytest.raises(ServiceError, match="không phù hợp"):
        services.election_decide(election=election, user=s["officer"], decision="further_round", note="x")
    following = services.election_decide(
        election=election, user=s["officer"], decision="tie_revote", note="Đại hội biểu quyết bầu lại"
    )
    assert following.previous_round == election and following.round_number == 2
    assert following.seats == election.result["tie"]["seats"] == 1
    assert sorted(
        c.tally_id
        for c in Election.objects.get(pk=election.pk).candidates.all()
        if c.tally_id in election.result["tie"]["candidates"]
    ) == sorted(election.result["tie"]["candidates"])
    assert following.candidates.count() == 2


def test_planned_secretary_not_elected_suspends(setup, demo):
    s = setup
    e = Election.objects.create(congress=s["congress"], kind="inspection_committee", seats=1, base_override=3)
    a, b = s["pool"][:2]
    ca = services.candidate_add(election=e, delegate=a, user=s["officer"])
    services.candidate_add(election=e, delegate=b, user=s["officer"])
    e.planned_candidate = ca
    e.save()
    services.list_adopt(election=e, user=s["officer"], votes_for=3, votes_against=0, votes_abstain=0)
    services.counting_start(election=e, user=s["head"], ballots_issued=3, clerk_a=s["a"], clerk_b=s["b"])
    ids = [c.full_name for c in selectors.active_candidates(e)]
    cross_planned = str(ids.index(a.full_name) + 1)
    for n in (1, 2, 3):
        services.ballot_enter(election=e, user=s["a"], number=n, text=cross_planned)
        services.ballot_enter(election=e, user=s["b"], number=n, text=cross_planned)
    services.clerk_finish(election=e, user=s["a"])
    services.clerk_finish(election=e, user=s["b"])
    services.election_count(election=e, user=s["head"])
    e = services.election_certify(election=e, user=s["head"])
    assert e.status == ElectionStatus.SUSPENDED
    assert e.result["base"] == 3


def test_screens_entry_privacy_and_minutes_pdf(setup, client_for, demo, tmp_path):
    from django.test import Client

    s = setup
    _adopt_and_start(s, issued=2)
    clerk_a = Client()
    clerk_a.force_login(s["a"])
    page = clerk_a.get(reverse("elections:entry", args=[s["election"].pk]))
    assert "Nhập phiếu — người nhập A" in page.content.decode()
    response = clerk_a.post(
        reverse("elections:entry", args=[s["election"].pk]),
        {"number": 1, "text": "9"},
        HTTP_HX_REQUEST="true",
    )
    assert "Số 9 không có trên phiếu" in response.content.decode()
    response = clerk_a.post(
        reverse("elections:entry", args=[s["election"].pk]),
        {"number": 1, "text": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert "Đã lưu phiếu số 1." in response.content.decode()
    assert 'value="2"' in response.content.decode()  # next ballot number
    # clerk B sees none of A's entries; the head sees only counts before both are done
    clerk_b = Client()
    clerk_b.force_login(s["b"])
    assert (
        "Chưa nhập phiếu nào."
        in clerk_b.get(reverse("elections:entry", args=[s["election"].pk])).content.decode()
    )
    head = Client()
    head.force_login(s["head"])
    assert "mismatch-table" not in head.get(s["election"].get_absolute_url()).content.decode()
    assert client_for("leader").get(reverse("elections:entry", args=[s["election"].pk])).status_code == 403
    services.ballot_enter(election=s["election"], user=s["a"], number=2, text="")
    for n, t in ((1, "2"), (2, "3")):
        services.ballot_enter(election=s["election"], user=s["b"], number=n, text=t)
    services.clerk_finish(election=s["election"], user=s["a"])
    services.clerk_finish(election=s["election"], user=s["b"])
    page = head.get(s["election"].get_absolute_url()).content.decode()
    assert "mismatch-table" in page and "1 phiếu chênh lệch" in page
    services.ballot_settle(election=s["election"], user=s["head"], number=2, text="3")
    services.election_count(election=s["election"], user=s["head"])
    pdf = head.get(reverse("elections:minutes", args=[s["election"].pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, layout=True)
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    for c in (
        s["election"].result["candidates"]
        if s["election"].result
        else Election.objects.get(pk=s["election"].pk).result["candidates"]
    ):
        assert c["name"] in text
    assert "Số phiếu phát ra: 2" in text
    assert "100,00 %" in text or "50,00 %" in text
    ballot = head.get(reverse("elections:ballot", args=[s["election"].pk]))
    assert ballot["Content-Type"] == "application/pdf"


def test_only_roles_with_rights_create_elections(setup, demo):
    from cndp.core.permissions import require

    with pytest.raises(PermissionDenied):
        require(demo["province_officer"], "add", Election)


def test_first_session_elects_only_from_the_new_committee_and_records_approval(setup):
    s = setup
    secretary = Election(congress=s["congress"], kind="secretary", seats=1)
    with pytest.raises(ValidationError) as caught:
        secretary.full_clean()
    assert "cấp ủy viên đương nhiệm" in " ".join(caught.value.message_dict["base_override"])
    secretary = Election.objects.create(congress=s["congress"], kind="secretary", seats=1, base_override=7)
    with pytest.raises(ServiceError, match="chỉ bầu trong số cấp ủy viên vừa trúng cử"):
        services.candidate_add(election=secretary, delegate=s["pool"][0], user=s["officer"])
    # Once the committee election is certified, its elected members may stand.
    board = {m.delegate_id for m in s["congress"].counting_board.all()}
    five = list(s["congress"].delegates.filter(is_official=True).exclude(pk__in=board).order_by("code")[:5])
    committee = Election.objects.create(congress=s["congress"], kind="committee", seats=4, base_override=5)
    for d in five:
        services.candidate_add(election=committee, delegate=d, user=s["officer"])
    services.list_adopt(election=committee, user=s["officer"], votes_for=5, votes_against=0, votes_abstain=0)
    services.counting_start(
        election=committee, user=s["head"], ballots_issued=5, clerk_a=s["a"], clerk_b=s["b"]
    )
    for n in range(1, 6):
        services.ballot_enter(election=committee, user=s["a"], number=n, text="5")
        services.ballot_enter(election=committee, user=s["b"], number=n, text="5")
    services.clerk_finish(election=committee, user=s["a"])
    services.clerk_finish(election=committee, user=s["b"])
    services.election_count(election=committee, user=s["head"])
    committee = services.election_certify(election=committee, user=s["head"])
    assert committee.result["outcome"] == "complete"
    elected = [c for c in committee.candidates.all() if c.tally_id in committee.result["elected"]]
    assert len(elected) == 4
    services.candidate_add(election=secretary, delegate=elected[0].delegate, user=s["officer"])
    with pytest.raises(ServiceError, match="sau khi đã công bố"):
        services.election_approve(
            election=secretary, user=s["officer"], number="123-QĐ/ĐU", date=datetime.date(2015, 6, 20)
        )
    approved_on = committee.certified_at.date()  # the approval may not predate the election (certified today)
    committee = services.election_approve(
        election=committee, user=s["officer"], number="  456-QĐ/ĐUB ", date=approved_on
    )
    assert (committee.approval_number, committee.approval_date) == ("456-QĐ/ĐUB", approved_on)


def test_probationary_presence_changes_no_base_no_ballots_no_quorum(setup):
    from cndp.congress.selectors import congress_panel

    s = setup
    congress = s["congress"]
    before = (
        selectors.election_base(s["election"]),
        selectors.voters_available(s["election"]),
        congress_panel(congress)["quorum_needed"],
    )
    # make ten more people present as probationary members
    extra = list(congress.delegates.filter(present=False)[:10]) or list(
        congress.delegates.filter(is_official=False)[:10]
    )
    Delegate.objects.filter(pk__in=[d.pk for d in extra]).update(
        is_official=False, present=True, exclusion=""
    )
    official_before = before[0]["summoned"]
    after_base = selectors.election_base(s["election"])
    assert after_base["summoned"] == official_before - sum(1 for d in extra if d.is_official)
    assert selectors.voters_available(s["election"]) == before[1] - sum(
        1 for d in extra if d.is_official and d.present
    )
    request = selectors.election_tally_request(s["election"])
    assert request["base"]["summoned"] == Delegate.objects.filter(congress=congress, is_official=True).count()
