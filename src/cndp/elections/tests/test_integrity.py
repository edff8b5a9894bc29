"""The count proves its ballots: the entry log covers the entries, its head is sealed and printed in the
minutes, and counting, certification and the minutes refuse any edited, deleted or inserted entry or
log record (the attack of issue 8: both clerks' entries edited in the database, the last log rows
deleted). And the counting board is made of the delegates' own agency accounts, reading no Party
member records."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cndp.accounts.choices import PROVINCIAL_KINDS
from cndp.accounts.models import User
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text
from cndp.elections import chain, counting, selectors, services
from cndp.elections.choices import ElectionStatus
from cndp.elections.models import BallotEntry, CountingBoardMember, Election, EntryLog, Settlement
from cndp.elections.tests.test_flow import _adopt_and_start, _enter_all

pytestmark = pytest.mark.django_db

READABLE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")

# 20 ballots for 3 seats out of 4 (the numbers crossed out), counted on a base of 20 (11 votes needed):
# names 1 and 2 get 18 votes, name 3 13, name 4 11 (over the threshold, out-ranked).
BALLOTS = ["4"] * 9 + ["3"] * 7 + ["1", "2", "1", "2"]


def _count_ready(s, ballots=BALLOTS):
    Election.objects.filter(pk=s["election"].pk).update(base_override=len(BALLOTS))
    s["election"].refresh_from_db()
    _adopt_and_start(s, issued=len(ballots))
    _enter_all(s, ballots)
    return Election.objects.get(pk=s["election"].pk)


def _refused(call, message):
    with pytest.raises(ServiceError, match=message) as caught:
        call()
    return str(caught.value)


def _count(s):
    return services.election_count(election=s["election"], user=s["head"])


def _certify(s):
    return services.election_certify(election=s["election"], user=s["head"])


def _elected_names(election):
    names = {c.tally_id: c.full_name for c in election.candidates.all()}
    return sorted(names[i] for i in election.result["elected"])


# ---- the attack: both clerks' entries edited directly in the database ---------------------------


def test_editing_both_clerks_entries_stops_the_count(setup):
    s = setup
    _count_ready(s)
    ids = [c.tally_id for c in selectors.active_candidates(s["election"])]
    # Cross out name 1 instead of 4 on the 20 ballots, in both clerks' rows: the two entries still
    # agree, so before the fix the count elected someone else.
    BallotEntry.objects.filter(election=s["election"]).update(payload={"crossed": [ids[0]]})
    request = selectors.election_tally_request(Election.objects.get(pk=s["election"].pk))
    tampered = counting.count(counting.parse_request(request))
    assert ids[0] not in tampered.elected  # the edit would have unseated name 1
    message = _refused(lambda: _count(s), "Phiếu số 1 của người nhập A .* đã bị sửa, khác với sổ nhập phiếu")
    # 18 ballots changed (17 and 19 already crossed name 1) in both clerks' rows, and both sealed sets
    kinds = [f.kind for f in selectors.chain_audit(Election.objects.get(pk=s["election"].pk))]
    assert kinds == ["entry_changed"] * 36 + ["sealed_entries"] * 2
    assert "Còn 37 sai lệch khác." in message and "Không kiểm phiếu được" in message
    election = Election.objects.get(pk=s["election"].pk)
    assert election.status == ElectionStatus.COUNTING and election.result is None


def test_editing_entries_after_the_count_stops_the_certification(setup):
    s = setup
    _count_ready(s)
    counted = _count(s)
    before = _elected_names(counted)
    ids = [c.tally_id for c in selectors.active_candidates(counted)]
    BallotEntry.objects.filter(election=counted, number__lte=10).update(payload={"crossed": [ids[0]]})
    message = _refused(lambda: _certify(s), "đã bị sửa, khác với sổ nhập phiếu")
    assert "Không công bố được kết quả" in message
    counted.refresh_from_db()
    assert counted.status == ElectionStatus.COUNTED and counted.certified_at is None
    assert _elected_names(counted) == before


def test_an_edited_result_is_not_certified(setup):
    s = setup
    _count_ready(s)
    counted = _count(s)
    assert counted.result["outcome"] == "complete" and len(counted.result["elected"]) == 3
    loser = next(c["id"] for c in counted.result["candidates"] if c["status"] != "elected")
    forged = {**counted.result, "elected": [loser, *counted.result["elected"][1:]]}
    Election.objects.filter(pk=counted.pk).update(result=forged)
    _refused(lambda: _certify(s), "Kết quả đã lưu khác với kết quả kiểm lại từ các phiếu đã nhập")


# ---- deletions and insertions ----------------------------------------------------------------------


@pytest.mark.parametrize("last", [1, 3, 30])
def test_deleting_the_last_log_rows_stops_the_count(setup, last):
    s = setup
    election = _count_ready(s)
    total = EntryLog.objects.filter(election=election).count()
    assert total == 1 + 2 * len(BALLOTS) + 2  # start, the entries, the two finishes
    doomed = EntryLog.objects.filter(election=election).order_by("-seq")[:last].values_list("pk", flat=True)
    EntryLog.objects.filter(pk__in=list(doomed)).delete()
    _refused(
        lambda: _count(s),
        f"Sổ nhập phiếu bị mất bản ghi: khi niêm phong có {total} bản ghi, nay chỉ còn {total - last}",
    )


def test_deleting_log_rows_and_their_entries_together_is_found(setup):
    s = setup
    election = _count_ready(s)
    # Remove the tail of the log (both finishes and the last entries) and the entries it recorded, so
    # the log alone replays into exactly the rows left: only the seals can tell.
    tail = list(EntryLog.objects.filter(election=election).order_by("-seq")[:6])
    for row in tail:
        if row.action == "enter":
            BallotEntry.objects.filter(
                election=election, clerk=row.record["clerk"], number=row.record["number"]
            ).delete()
    EntryLog.objects.filter(pk__in=[r.pk for r in tail]).delete()
    _refused(lambda: _count(s), "bị mất bản ghi")


def test_deleting_the_count_record_stops_the_certification(setup):
    s = setup
    _count_ready(s)
    _count(s)
    EntryLog.objects.filter(election=s["election"]).order_by("-seq").first().delete()
    _refused(lambda: _certify(s), "bị mất bản ghi")
    assert Election.objects.get(pk=s["election"].pk).status == ElectionStatus.COUNTED


def test_a_deleted_entry_stops_the_count(setup):
    s = setup
    election = _count_ready(s)
    BallotEntry.objects.filter(election=election, clerk="B", number=7).delete()
    _refused(lambda: _count(s), "Phiếu số 7 của người nhập B .* có trong sổ nhập phiếu nhưng đã bị xóa")


def test_an_inserted_entry_stops_the_count(setup):
    s = setup
    election = _count_ready(s, BALLOTS[:-1])
    Election.objects.filter(pk=election.pk).update(ballots_issued=len(BALLOTS))
    for clerk, user in (("A", s["a"]), ("B", s["b"])):
        BallotEntry.objects.create(
            election=election,
            session=1,
            clerk=clerk,
            number=len(BALLOTS),
            payload={"crossed": []},
            entered_by=user,
        )
    _refused(lambda: _count(s), f"Phiếu số {len(BALLOTS)} của người nhập A .* không có trong sổ nhập phiếu")


def test_a_forged_log_record_after_the_seal_is_found(setup):
    """Appending a well-hashed 'enter' record (SHA-256 needs no secret) to cover an edited entry: the
    services never write an entry after its clerk finished, and the sealed entries no longer match."""
    s = setup
    election = _count_ready(s)
    ids = [c.tally_id for c in selectors.active_candidates(election)]
    last = EntryLog.objects.filter(election=election).order_by("-seq").first()
    for clerk in "AB":
        record = {
            "action": "enter",
            "election": election.pk,
            "session": 1,
            "clerk": clerk,
            "number": 1,
            "payload": {"crossed": [ids[0]]},
        }
        last = EntryLog.objects.create(
            election=election,
            seq=last.seq + 1,
            action="enter",
            record=record,
            at=last.at,
            prev_hash=last.hash,
            hash=chain.link(last.hash, record),
        )
        BallotEntry.objects.filter(election=election, clerk=clerk, number=1).update(payload=record["payload"])
    message = _refused(lambda: _count(s), "ghi sau khi đã niêm phong")
    findings = selectors.chain_audit(Election.objects.get(pk=election.pk))
    assert [f.kind for f in findings] == ["out_of_turn", "out_of_turn", "sealed_entries", "sealed_entries"]
    assert "Còn 3 sai lệch khác" in message
    assert services.finding_message(findings[2]) == (
        "Phiếu đã nhập của người nhập A (lần kiểm phiếu 1) khác với lúc niêm phong: "
        f"khi niêm phong {len(BALLOTS)} phiếu, nay {len(BALLOTS)} phiếu."
    )


def test_an_edited_log_record_is_still_found(setup):
    s = setup
    election = _count_ready(s)
    row = EntryLog.objects.filter(election=election, action="enter").order_by("seq")[4]
    EntryLog.objects.filter(pk=row.pk).update(record={**row.record, "payload": {"crossed": []}})
    _refused(lambda: _count(s), f"bị sai lệch tại bản ghi số {row.seq}")


def test_an_edited_settlement_stops_the_count(setup):
    s = setup
    _adopt_and_start(s, issued=3)
    _enter_all(s, ["1", "2", "3"], b_overrides={2: "4"})
    services.ballot_settle(election=s["election"], user=s["head"], number=2, text="2")
    ids = [c.tally_id for c in selectors.active_candidates(s["election"])]
    Settlement.objects.filter(election=s["election"], number=2).update(payload={"crossed": [ids[3]]})
    _refused(lambda: _count(s), "Quyết định của Trưởng ban về phiếu số 2 .* đã bị sửa")


# ---- seals, the untampered path, the minutes --------------------------------------------------------


def test_seals_at_each_step_and_the_clean_path_counts_and_certifies(setup):
    s = setup
    _adopt_and_start(s, issued=3)
    _enter_all(s, ["1", "2", "3"], b_overrides={3: "4"})
    services.ballot_settle(election=s["election"], user=s["head"], number=3, text="3")
    _count(s)
    election = _certify(s)
    assert election.status == ElectionStatus.CERTIFIED
    log = list(EntryLog.objects.filter(election=election).order_by("seq"))
    by_seq = {row.seq: row for row in log}
    seals = election.chain_seals
    assert [(x["event"], x.get("clerk"), x.get("entries")) for x in seals] == [
        ("finish", "A", 3),
        ("finish", "B", 3),
        ("settle", None, 1),
        ("count", None, 7),
        ("certify", None, 7),
    ]
    for sealed in seals:
        assert by_seq[sealed["seq"]].hash == sealed["hash"]
        assert by_seq[sealed["seq"]].action == sealed["event"]
    assert seals[-1]["seq"] == len(log)
    assert election.chain_count_seal == seals[3] and election.chain_fingerprint == seals[3]["hash"]
    assert selectors.chain_audit(election) == []


def test_recount_keeps_verifying_the_earlier_session(setup):
    s = setup
    _count_ready(s)
    _count(s)
    _certify(s)
    services.election_recount(election=s["election"], user=s["head"], reason="Khiếu nại phiếu số 2")
    _enter_all(s, BALLOTS)
    ids = [c.tally_id for c in selectors.active_candidates(s["election"])]
    first = BallotEntry.objects.filter(election=s["election"], session=1, number=2)
    original = first.first().payload
    first.update(payload={"crossed": [ids[1]]})
    _refused(lambda: _count(s), r"Phiếu số 2 của người nhập A \(lần kiểm phiếu 1\)")
    first.update(payload=original)
    assert _count(s).status == ElectionStatus.COUNTED


def test_readable_head_in_the_minutes_and_on_the_page(setup, tmp_path):
    s = setup
    _count_ready(s)
    election = _count(s)
    head = election.chain_head
    assert READABLE.match(head) and head == chain.readable(election.chain_fingerprint)
    client = Client()
    client.force_login(s["head"])
    page = client.get(election.get_absolute_url()).content.decode()
    assert f'id="chain-head">{head}<' in page
    response = client.get(reverse("elections:minutes", args=[election.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert head in text
    records = election.chain_count_seal["seq"]
    assert f"sổ gồm {records} bản ghi" in " ".join(text.split())


def test_minutes_are_refused_for_a_tampered_election(setup):
    s = setup
    _count_ready(s)
    election = _count(s)
    BallotEntry.objects.filter(election=election, number=1).delete()
    client = Client()
    client.force_login(s["head"])
    response = client.get(reverse("elections:minutes", args=[election.pk]), follow=True)
    assert response.redirect_chain and response["Content-Type"].startswith("text/html")
    assert "Không lập được biên bản kiểm phiếu" in response.content.decode()


def test_the_untampered_demo_counted_and_certified_with_seals(demo, tmp_path):
    """The demo congress went through count and certification with the checks on, and still verifies."""
    elections = list(Election.objects.filter(congress__ordinal=3, congress__organisation__code="dang-bo-cuc"))
    assert len(elections) == 2
    for election in elections:
        assert election.status == ElectionStatus.CERTIFIED
        assert selectors.chain_audit(election) == []
        events = [x["event"] for x in election.chain_seals]
        assert events[:2] == ["finish", "finish"] and events[-2:] == ["count", "certify"]
        assert READABLE.match(election.chain_head)
    committee = next(e for e in elections if e.kind == "committee")
    assert "settle" in [x["event"] for x in committee.chain_seals]  # ballot 17 was settled by the head
    client = Client()
    client.force_login(demo["counting_board"])
    text = pdf_text(client.get(reverse("elections:minutes", args=[committee.pk])).content)
    assert committee.chain_head in text


# ---- the counting board: the delegates' own agency accounts, no Party member records ---------------


def test_a_province_officer_cannot_sit_on_the_board(setup, demo):
    s = setup
    delegate = (
        s["congress"]
        .delegates.filter(is_official=True)
        .exclude(pk__in=s["congress"].counting_board.values("delegate"))
        .exclude(candidacies__isnull=False)
        .first()
    )
    with pytest.raises(ServiceError, match="không dùng tài khoản cấp tỉnh"):
        services.board_member_add(
            congress=s["congress"],
            delegate=delegate,
            account=demo["province_officer"],
            is_head=False,
            user=s["officer"],
        )
    assert not demo["province_officer"].groups.filter(name="counting_board").exists()
    assert not CountingBoardMember.objects.filter(user=demo["province_officer"]).exists()


def test_a_board_account_must_be_the_delegates_own(setup, demo):
    s = setup
    free = (
        s["congress"]
        .delegates.filter(is_official=True)
        .exclude(pk__in=s["congress"].counting_board.values("delegate"))
        .exclude(candidacies__isnull=False)
    )
    delegate = free.exclude(member__staff=demo["leader"]).first()
    with pytest.raises(ServiceError, match="không phải của đại biểu"):
        services.board_member_add(
            congress=s["congress"],
            delegate=delegate,
            account=demo["leader"],
            is_head=False,
            user=s["officer"],
        )
    own = (
        free.filter(member__staff__isnull=False)
        .exclude(member__staff__unit__kind__in=PROVINCIAL_KINDS)
        .first()
    )
    member = services.board_member_add(
        congress=s["congress"], delegate=own, account=own.member.staff, is_head=False, user=s["officer"]
    )
    assert member.user == own.member.staff


def test_board_member_clean_refuses_a_province_account_and_a_stranger(setup, demo):
    s = setup
    delegate = s["congress"].counting_board.first().delegate
    member = CountingBoardMember(congress=s["congress"], delegate=delegate, user=demo["province_officer"])
    with pytest.raises(ValidationError) as caught:
        member.clean()
    assert "user" in caught.value.message_dict
    member.user = demo["leader"]
    with pytest.raises(ValidationError, match="không phải của đại biểu"):
        member.clean()


def test_board_form_offers_only_the_delegates_agency_accounts(setup, demo):
    from cndp.elections.forms import BoardForm

    accounts = set(BoardForm(congress=setup["congress"]).fields["account"].queryset)
    assert demo["province_officer"] not in accounts and demo["province_officer_2"] not in accounts
    assert setup["a"] in accounts and setup["head"] in accounts
    assert all(u.scope_province_id is None for u in accounts)
    assert accounts <= set(User.objects.filter(party_member__summons__congress=setup["congress"]))


def test_the_counting_board_reads_no_member_records(client_for, demo):
    from cndp.party.models import Member

    client = client_for("counting_board")
    member = Member.objects.first()
    assert client.get(reverse("party:member_list")).status_code == 403
    assert client.get(reverse("party:member_list") + "?export=xlsx").status_code == 403
    assert client.get(member.get_absolute_url()).status_code == 403
    assert client.get(reverse("party:probation_due")).status_code == 403
    assert client.get("/api/party/members/").status_code == 403
    # what counting needs is still there
    election = Election.objects.filter(congress__ordinal=3).first()
    assert client.get(election.get_absolute_url()).status_code == 200
    assert client.get(reverse("elections:board", args=[election.congress_id])).status_code == 200
    assert demo["counting_board"].has_perm("congress.view_delegate")
    assert not demo["counting_board"].has_perm("party.view_member")
