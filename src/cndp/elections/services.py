"""Writes for elections (bầu cử): list, counting board, double entry, settlement, count, certify,
decisions on ties and shortfalls, recount. Every step checks role, membership and state, and every
ballot-entry action is appended to the hash-chained log."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.accounts.choices import Role
from cndp.congress.services import congress_require_open
from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.text import name_sort_key, nfc
from cndp.elections import chain, counting
from cndp.elections.choices import (
    FIRST_SESSION_KINDS,
    SURPLUS_LIMITED_KINDS,
    CandidateSource,
    Clerk,
    Decision,
    ElectionStatus,
)
from cndp.elections.entry import EntryError, parse_entry
from cndp.elections.models import BallotEntry, Candidate, CountingBoardMember, Election, EntryLog, Settlement
from cndp.elections.selectors import (
    active_candidates,
    board_member,
    chain_audit,
    comparison,
    election_tally_request,
    present_official,
    stored_entries,
    voters_available,
)


def _save(obj, user):
    obj._history_user = user
    obj.full_clean()
    obj.save()
    return obj


def _log(election: Election, action: str, record: dict) -> EntryLog:
    last = EntryLog.objects.filter(election=election).order_by("-seq").first()
    prev_hash = last.hash if last else chain.GENESIS
    record = {"action": action, "election": election.pk, **record}
    return EntryLog.objects.create(
        election=election,
        seq=(last.seq + 1) if last else 1,
        action=action,
        record=record,
        at=timezone.now(),
        prev_hash=prev_hash,
        hash=chain.link(prev_hash, record),
    )


def _seal(election: Election, event: str, head: EntryLog, clerk: str | None = None) -> None:
    """Niêm phong: keep the log's head (length, last hash) and a digest of the entries it freezes on the
    election, so a later edit, deletion or insertion of records or entries is found (see `verify_chain`).
    The caller saves the election."""
    entries, settlements = stored_entries(election)
    seal = chain.seal(
        event=event,
        session=head.record.get("session", election.session),
        seq=head.seq,
        head=head.hash,
        entries=entries,
        settlements=settlements,
        clerk=clerk,
    )
    election.chain_seals = [*(election.chain_seals or []), seal]


def _locked(election_id: int) -> Election:
    """The election, locked for the write; refused when its congress has closed (read-only)."""
    election = Election.objects.select_for_update().select_related("congress").get(pk=election_id)
    congress_require_open(election.congress_id)
    return election


def _require_head(election: Election, user) -> None:
    member = board_member(election.congress, user)
    if member is None or not member.is_head:
        raise ServiceError(_("Chỉ Trưởng Ban Kiểm phiếu được thực hiện thao tác này."))


# ---- counting board and list --------------------------------------------------------------------


@transaction.atomic
def board_member_add(*, congress, delegate, account, is_head: bool, user) -> CountingBoardMember:
    """Bầu Ban Kiểm phiếu (giơ tay): official members who are on no election list."""
    require(user, "add", CountingBoardMember)
    congress_require_open(congress)
    if delegate.congress_id != congress.pk:
        raise ServiceError(_("Người này không có trong danh sách triệu tập của đại hội."))
    if not delegate.is_official:
        raise ServiceError(_("Đảng viên dự bị không được tham gia Ban Kiểm phiếu."))
    if Candidate.objects.filter(election__congress=congress, delegate=delegate, withdrawn=False).exists():
        raise ServiceError(
            _("%(name)s đang có tên trong danh sách bầu cử nên không được tham gia Ban Kiểm phiếu.")
            % {"name": delegate.full_name}
        )
    member = CountingBoardMember(congress=congress, delegate=delegate, user=account, is_head=is_head)
    problems = member.account_problem()
    if problems:
        raise ServiceError(" ".join(str(m) for m in problems.values()))
    member = _save(member, user)
    # Membership of the board gives the account the counting-board role (read access to the elections).
    from django.contrib.auth.models import Group

    account.groups.add(Group.objects.get_or_create(name=Role.COUNTING_BOARD)[0])
    return member


@transaction.atomic
def candidate_add(
    *,
    election: Election,
    delegate,
    user,
    source: str = CandidateSource.SLATE,
    floor_agreement: int | None = None,
) -> Candidate:
    """Thêm người vào danh sách bầu cử."""
    require(user, "add", Candidate)
    election = _locked(election.pk)
    if election.status != ElectionStatus.PREPARING:
        raise ServiceError(_("Danh sách đã được thông qua, không thêm được."))
    if delegate.congress_id != election.congress_id:
        raise ServiceError(_("Người này không có trong danh sách triệu tập của đại hội."))
    if not delegate.is_official:
        raise ServiceError(_("Đảng viên dự bị không được ứng cử, đề cử (Điều lệ Đảng, Điều 3)."))
    if CountingBoardMember.objects.filter(congress_id=election.congress_id, delegate=delegate).exists():
        raise ServiceError(_("Thành viên Ban Kiểm phiếu không được có tên trong danh sách bầu cử."))
    if election.kind in FIRST_SESSION_KINDS and delegate.pk not in committee_elected(election.congress):
        raise ServiceError(
            _(
                "Phiên họp thứ nhất của cấp ủy chỉ bầu trong số cấp ủy viên vừa trúng cử; %(name)s không có trong số đó."
            )
            % {"name": delegate.full_name}
        )
    if source == CandidateSource.FLOOR:
        present = present_official(election.congress)
        if floor_agreement is None or floor_agreement * 10 <= present * 3:
            raise ServiceError(
                _(
                    "Người do đại hội giới thiệu cần trên 30%% số đảng viên chính thức có mặt tán thành (có mặt %(p)s, cần ít nhất %(n)s)."
                )
                % {"p": present, "n": present * 3 // 10 + 1}
            )
    return _save(
        Candidate(
            election=election,
            delegate=delegate,
            full_name=delegate.full_name,
            name_sort_key=name_sort_key(delegate.full_name),
            source=source,
            floor_agreement=floor_agreement,
        ),
        user,
    )


@transaction.atomic
def candidate_withdraw(*, candidate: Candidate, user, note: str) -> Candidate:
    """Đại hội quyết định cho rút khỏi danh sách."""
    require(user, "change", candidate)
    congress_require_open(candidate.election.congress_id)
    if candidate.election.status != ElectionStatus.PREPARING:
        raise ServiceError(_("Danh sách đã được thông qua, không rút tên được."))
    if not nfc(note):
        raise ServiceError(_("Phải ghi quyết định của đại hội về việc rút tên."))
    candidate.withdrawn, candidate.withdrawal_note = True, nfc(note)
    return _save(candidate, user)


def surplus_problem(kind: str, seats: int, candidates: int) -> str | None:
    """Why a list cannot go to the vote, or None (Vietnamese)."""
    if candidates < seats:
        return _("Danh sách có %(c)s người, ít hơn số lượng cần bầu (%(s)s).") % {"c": candidates, "s": seats}
    if kind in SURPLUS_LIMITED_KINDS:
        if candidates == seats:
            return _("Danh sách bầu cấp ủy, ban thường vụ phải nhiều hơn số lượng cần bầu.")
        if counting.surplus_exceeds(counting.RULE_SETS[counting.DEFAULT_RULES], kind, seats, candidates):
            return _("Số dư %(d)s vượt quá 30%% số lượng cần bầu (%(s)s).") % {
                "d": candidates - seats,
                "s": seats,
            }
    return None


def committee_elected(congress) -> set[int]:
    """Delegate ids of the members elected to the new executive committee (certified rounds)."""
    elected: set[int] = set()
    for election in Election.objects.filter(
        congress=congress, kind="committee", status=ElectionStatus.CERTIFIED
    ):
        ids = set(election.result["elected"])
        elected |= {c.delegate_id for c in election.candidates.all() if c.tally_id in ids}
    return elected


@transaction.atomic
def election_approve(*, election: Election, user, number: str, date) -> Election:
    """Ghi quyết định chuẩn y của cấp ủy cấp trên (số, ngày)."""
    require(user, "change", election)
    if election.status not in (ElectionStatus.CERTIFIED, ElectionStatus.SUSPENDED):
        raise ServiceError(_("Chỉ ghi chuẩn y sau khi đã công bố kết quả."))
    number = nfc(number)
    if not number or date is None:
        raise ServiceError(_("Phải ghi số và ngày của quyết định chuẩn y."))
    if election.certified_at and date < election.certified_at.date():
        raise ServiceError(_("Ngày chuẩn y không được trước ngày bầu cử."))
    election.approval_number, election.approval_date = number, date
    return _save(election, user)


@transaction.atomic
def list_adopt(
    *, election: Election, user, votes_for: int, votes_against: int, votes_abstain: int
) -> Election:
    """Đại hội biểu quyết (giơ tay) thông qua danh sách và số lượng bầu; ballot order = Vietnamese name order."""
    require(user, "change", election)
    election = _locked(election.pk)
    if election.status != ElectionStatus.PREPARING:
        raise ServiceError(_("Danh sách đã được thông qua."))
    candidates = list(active_candidates(election))
    problem = surplus_problem(election.kind, election.seats, len(candidates))
    if problem:
        raise ServiceError(problem)
    voters = voters_available(election)
    if min(votes_for, votes_against, votes_abstain) < 0 or votes_for + votes_against + votes_abstain > voters:
        raise ServiceError(
            _("Tổng số biểu quyết (%(t)s) vượt quá số người có quyền biểu quyết có mặt (%(v)s).")
            % {"t": votes_for + votes_against + votes_abstain, "v": voters}
        )
    if votes_for * 2 <= voters:
        raise ServiceError(
            _("Danh sách chưa được thông qua: cần trên một nửa (%(n)s) tán thành.") % {"n": voters // 2 + 1}
        )
    for order, candidate in enumerate(sorted(candidates, key=lambda c: (c.name_sort_key, c.pk)), start=1):
        candidate.ballot_order = order
        _save(candidate, user)
    election.list_votes_for, election.list_votes_against, election.list_votes_abstain = (
        votes_for,
        votes_against,
        votes_abstain,
    )
    election.status = ElectionStatus.LIST_ADOPTED
    return _save(election, user)


@transaction.atomic
def counting_start(*, election: Election, user, ballots_issued: int, clerk_a, clerk_b) -> Election:
    """Phát phiếu và giao hai người nhập phiếu độc lập (thành viên Ban Kiểm phiếu)."""
    election = _locked(election.pk)
    _require_head(election, user)
    if election.status != ElectionStatus.LIST_ADOPTED:
        raise ServiceError(_("Chỉ bắt đầu kiểm phiếu sau khi danh sách đã được thông qua."))
    for clerk in (clerk_a, clerk_b):
        if board_member(election.congress, clerk) is None:
            raise ServiceError(_("%(name)s không phải thành viên Ban Kiểm phiếu.") % {"name": clerk})
    if clerk_a.pk == clerk_b.pk:
        raise ServiceError(_("Hai người nhập phiếu phải là hai người khác nhau."))
    voters = voters_available(election)
    if not 0 < ballots_issued <= voters:
        raise ServiceError(
            _("Số phiếu phát ra (%(i)s) phải từ 1 đến số người có quyền bầu cử có mặt (%(v)s).")
            % {"i": ballots_issued, "v": voters}
        )
    election.ballots_issued, election.clerk_a, election.clerk_b = ballots_issued, clerk_a, clerk_b
    election.status = ElectionStatus.COUNTING
    _save(election, user)
    _log(
        election,
        "start",
        {"session": election.session, "issued": ballots_issued, "clerk_a": clerk_a.pk, "clerk_b": clerk_b.pk},
    )
    return election


# ---- double entry -------------------------------------------------------------------------------


def clerk_of(election: Election, user) -> str | None:
    if election.clerk_a_id == user.pk:
        return Clerk.A
    if election.clerk_b_id == user.pk:
        return Clerk.B
    return None


@transaction.atomic
def ballot_enter(*, election: Election, user, number: int, text: str) -> BallotEntry:
    """Nhập một phiếu (người nhập A hoặc B, độc lập)."""
    election = _locked(election.pk)
    clerk = clerk_of(election, user)
    if clerk is None:
        raise ServiceError(_("Chỉ hai người nhập phiếu được giao mới nhập được phiếu của cuộc bầu cử này."))
    if election.status != ElectionStatus.COUNTING:
        raise ServiceError(_("Cuộc bầu cử không ở bước kiểm phiếu; phiếu đã nhập không sửa được."))
    if getattr(election, f"clerk_{clerk.lower()}_done"):
        raise ServiceError(_("Bạn đã báo nhập xong; không sửa được nữa."))
    if not 1 <= number <= election.ballots_issued:
        raise ServiceError(
            _("Số thứ tự phiếu phải từ 1 đến %(n)s (số phiếu phát ra).") % {"n": election.ballots_issued}
        )
    candidates = list(active_candidates(election))
    ids = [c.tally_id for c in candidates]
    try:
        payload = parse_entry(text, ids, surplus=len(ids) > election.seats)
    except EntryError as exc:
        raise ServiceError(_("Phiếu số %(n)s: %(e)s") % {"n": number, "e": exc}) from exc
    entry, _created = BallotEntry.objects.update_or_create(
        election=election,
        session=election.session,
        clerk=clerk,
        number=number,
        defaults={"payload": payload, "entered_by": user},
    )
    _log(
        election, "enter", {"session": election.session, "clerk": clerk, "number": number, "payload": payload}
    )
    return entry


@transaction.atomic
def ballot_remove(*, election: Election, user, number: int) -> None:
    """Xóa một số phiếu nhập thừa."""
    election = _locked(election.pk)
    clerk = clerk_of(election, user)
    if (
        clerk is None
        or election.status != ElectionStatus.COUNTING
        or getattr(election, f"clerk_{(clerk or 'a').lower()}_done")
    ):
        raise ServiceError(_("Không xóa được phiếu này."))
    deleted, _details = BallotEntry.objects.filter(
        election=election, session=election.session, clerk=clerk, number=number
    ).delete()
    if deleted:
        _log(election, "remove", {"session": election.session, "clerk": clerk, "number": number})


@transaction.atomic
def clerk_finish(*, election: Election, user) -> Election:
    """Người nhập báo đã nhập xong; từ đó không sửa được, và khi cả hai xong thì mới đối chiếu."""
    election = _locked(election.pk)
    clerk = clerk_of(election, user)
    if clerk is None or election.status != ElectionStatus.COUNTING:
        raise ServiceError(_("Không thực hiện được."))
    if not BallotEntry.objects.filter(election=election, session=election.session, clerk=clerk).exists():
        raise ServiceError(_("Chưa nhập phiếu nào."))
    setattr(election, f"clerk_{clerk.lower()}_done", True)
    head = _log(election, "finish", {"session": election.session, "clerk": clerk})
    _seal(election, "finish", head, clerk=clerk)
    return _save(election, user)


@transaction.atomic
def ballot_settle(*, election: Election, user, number: int, text: str, note: str = "") -> Settlement:
    """Trưởng Ban Kiểm phiếu quyết định phiếu mà hai người nhập khác nhau (xem phiếu giấy)."""
    election = _locked(election.pk)
    _require_head(election, user)
    if election.status != ElectionStatus.COUNTING or not (election.clerk_a_done and election.clerk_b_done):
        raise ServiceError(_("Chỉ đối chiếu khi cả hai người nhập đã báo xong."))
    rows = {row["number"]: row for row in comparison(election)}
    if number not in rows or rows[number]["agree"]:
        raise ServiceError(_("Phiếu số %(n)s không có chênh lệch cần quyết định.") % {"n": number})
    ids = [c.tally_id for c in active_candidates(election)]
    try:
        payload = parse_entry(text, ids, surplus=len(ids) > election.seats)
    except EntryError as exc:
        raise ServiceError(_("Phiếu số %(n)s: %(e)s") % {"n": number, "e": exc}) from exc
    settlement, _created = Settlement.objects.update_or_create(
        election=election,
        session=election.session,
        number=number,
        defaults={"payload": payload, "settled_by": user, "note": nfc(note)},
    )
    head = _log(election, "settle", {"session": election.session, "number": number, "payload": payload})
    _seal(election, "settle", head)
    _save(election, user)
    return settlement


def finding_message(finding: chain.Finding) -> str:
    """One difference found by the audit of the entry log, in words for the counting board."""
    where = {"n": finding.number, "clerk": finding.clerk, "s": finding.session}
    messages = {
        "broken": lambda: (
            _("Sổ nhập phiếu bị sai lệch tại bản ghi số %(n)s (bản ghi bị sửa, xóa hoặc chèn thêm).")
            % {"n": finding.seq}
        ),
        "truncated": lambda: (
            _("Sổ nhập phiếu bị mất bản ghi: khi niêm phong có %(sealed)s bản ghi, nay chỉ còn %(left)s.")
            % {"sealed": finding.sealed, "left": finding.left}
        ),
        "seal": lambda: (
            _("Sổ nhập phiếu không khớp dấu niêm phong tại bản ghi số %(n)s.") % {"n": finding.seq}
        ),
        "out_of_turn": lambda: (
            _(
                "Sổ nhập phiếu có bản ghi số %(n)s ghi sau khi đã niêm phong (người nhập đã báo xong hoặc đã kiểm phiếu)."
            )
            % {"n": finding.seq}
        ),
        "entry_changed": lambda: (
            _(
                "Phiếu số %(n)s của người nhập %(clerk)s (lần kiểm phiếu %(s)s) đã bị sửa, khác với sổ nhập phiếu."
            )
            % where
        ),
        "entry_missing": lambda: (
            _(
                "Phiếu số %(n)s của người nhập %(clerk)s (lần kiểm phiếu %(s)s) có trong sổ nhập phiếu nhưng đã bị xóa."
            )
            % where
        ),
        "entry_extra": lambda: (
            _("Phiếu số %(n)s của người nhập %(clerk)s (lần kiểm phiếu %(s)s) không có trong sổ nhập phiếu.")
            % where
        ),
        "settlement_changed": lambda: (
            _(
                "Quyết định của Trưởng ban về phiếu số %(n)s (lần kiểm phiếu %(s)s) đã bị sửa, khác với sổ nhập phiếu."
            )
            % where
        ),
        "settlement_missing": lambda: (
            _("Quyết định của Trưởng ban về phiếu số %(n)s (lần kiểm phiếu %(s)s) đã bị xóa.") % where
        ),
        "settlement_extra": lambda: (
            _("Quyết định về phiếu số %(n)s (lần kiểm phiếu %(s)s) không có trong sổ nhập phiếu.") % where
        ),
        "sealed_entries": lambda: (
            (
                _(
                    "Phiếu đã nhập của người nhập %(clerk)s (lần kiểm phiếu %(s)s) khác với lúc niêm phong: khi niêm phong %(sealed)s phiếu, nay %(left)s phiếu."
                )
                if finding.clerk
                else _(
                    "Phiếu đã nhập và quyết định của Trưởng ban (lần kiểm phiếu %(s)s) khác với lúc niêm phong: khi niêm phong %(sealed)s, nay %(left)s."
                )
            )
            % {"clerk": finding.clerk, "s": finding.session, "sealed": finding.sealed, "left": finding.left}
        ),
    }
    return messages[finding.kind]()


def verify_chain(election: Election, refusal: str | None = None) -> None:
    """Replay the entry log against the stored entries and every seal; refuse on any difference."""
    findings = chain_audit(election)
    if not findings:
        return
    message = finding_message(findings[0])
    if len(findings) > 1:
        message += " " + _("Còn %(k)s sai lệch khác.") % {"k": len(findings) - 1}
    raise ServiceError(
        message + " " + (refusal or _("Không kiểm phiếu được; phải kiểm tra lại với phiếu giấy."))
    )


def _result_core(result: dict) -> dict:
    """What a certification must find unchanged: base, ballots, each candidate's votes and status, winners."""
    return {
        "base": result["base"],
        "ballots": result["ballots"],
        "candidates": [(c["id"], c["votes"], c["status"]) for c in result["candidates"]],
        "elected": result["elected"],
        "outcome": result["outcome"],
    }


def _tally(election: Election) -> dict:
    try:
        request = counting.parse_request(election_tally_request(election))
        return counting.result_to_dict(counting.count(request))
    except counting.TallyError as exc:
        raise ServiceError(str(exc)) from exc


@transaction.atomic
def election_count(*, election: Election, user) -> Election:
    """Kiểm phiếu: only when both entries agree (or are settled), reconciliation holds and the log verifies."""
    election = _locked(election.pk)
    _require_head(election, user)
    if election.status != ElectionStatus.COUNTING or not (election.clerk_a_done and election.clerk_b_done):
        raise ServiceError(_("Chỉ kiểm phiếu khi cả hai người nhập đã báo xong."))
    verify_chain(election)
    open_rows = [row["number"] for row in comparison(election) if not row["agree"] and row["settled"] is None]
    if open_rows:
        raise ServiceError(
            _("Còn %(n)s phiếu chênh lệch chưa được quyết định: %(list)s.")
            % {"n": len(open_rows), "list": ", ".join(map(str, open_rows[:20]))}
        )
    request = election_tally_request(election)
    collected = len(request["ballots"])
    voters = voters_available(election)
    if not collected <= election.ballots_issued <= voters:
        raise ServiceError(
            _("Không khớp: có mặt %(p)s ≥ phát ra %(i)s ≥ thu vào %(c)s không đúng.")
            % {"p": voters, "i": election.ballots_issued, "c": collected}
        )
    result = _tally(election)
    last = _log(
        election,
        "count",
        {"session": election.session, "outcome": result["outcome"], "elected": result["elected"]},
    )
    election.result = result
    election.chain_fingerprint = last.hash
    _seal(election, "count", last)
    election.counted_at = timezone.now()
    election.status = ElectionStatus.COUNTED
    return _save(election, user)


@transaction.atomic
def election_certify(*, election: Election, user) -> Election:
    """Công bố kết quả. If the person planned for the post is not elected, the election is suspended
    pending the higher committee's direction."""
    election = _locked(election.pk)
    _require_head(election, user)
    if election.status != ElectionStatus.COUNTED:
        raise ServiceError(_("Chưa có kết quả kiểm phiếu để công bố."))
    refusal = _("Không công bố được kết quả; phải kiểm tra lại với phiếu giấy.")
    verify_chain(election, refusal)
    count_seal = election.chain_count_seal
    if count_seal is None and election.chain_seals:
        raise ServiceError(_("Kết quả không có dấu niêm phong lúc kiểm phiếu.") + " " + refusal)
    if _result_core(_tally(election)) != _result_core(election.result):
        raise ServiceError(
            _("Kết quả đã lưu khác với kết quả kiểm lại từ các phiếu đã nhập.") + " " + refusal
        )
    election.certified_at, election.certified_by = timezone.now(), user
    planned = election.planned_candidate
    if planned is not None and planned.tally_id not in election.result["elected"]:
        election.status = ElectionStatus.SUSPENDED
    else:
        election.status = ElectionStatus.CERTIFIED
    head = _log(election, "certify", {"session": election.session, "status": election.status})
    _seal(election, "certify", head)
    return _save(election, user)


@transaction.atomic
def election_decide(*, election: Election, user, decision: str, note: str) -> Election | None:
    """Ghi quyết định của đại hội khi có phiếu ngang nhau hoặc chưa đủ số lượng; a new round is linked."""
    require(user, "change", election)
    election = _locked(election.pk)
    if election.status != ElectionStatus.CERTIFIED or not election.result:
        raise ServiceError(_("Chỉ quyết định sau khi đã công bố kết quả."))
    outcome = election.result["outcome"]
    allowed = {
        "tie": {Decision.TIE_REVOTE, Decision.STOP},
        "shortfall": {Decision.FURTHER_ROUND, Decision.STOP},
    }.get(outcome, set())
    if decision not in allowed:
        raise ServiceError(_("Quyết định này không phù hợp với kết quả (%(o)s).") % {"o": outcome})
    if hasattr(election, "next_round"):
        raise ServiceError(_("Đã có lần bầu tiếp theo."))
    election.decision, election.decision_note = decision, nfc(note)
    _save(election, user)
    if decision == Decision.STOP:
        return None
    by_id = {c.tally_id: c for c in active_candidates(election)}
    if decision == Decision.TIE_REVOTE:
        seats, names = election.result["tie"]["seats"], election.result["tie"]["candidates"]
    else:
        seats = election.result["unfilled_seats"]
        names = [c["id"] for c in election.result["candidates"] if c["status"] != "elected"]
    following = _save(
        Election(
            congress=election.congress,
            kind=election.kind,
            seats=seats,
            round_number=election.round_number + 1,
            previous_round=election,
            base_override=election.base_override,
        ),
        user,
    )
    for cid in names:
        old = by_id[cid]
        _save(
            Candidate(
                election=following,
                delegate=old.delegate,
                full_name=old.full_name,
                name_sort_key=old.name_sort_key,
                source=old.source,
            ),
            user,
        )
    return following


@transaction.atomic
def election_recount(*, election: Election, user, reason: str) -> Election:
    """Kiểm phiếu lại: a correction after counting is a recorded recount; earlier entries stay as they were."""
    election = _locked(election.pk)
    _require_head(election, user)
    if election.status not in (ElectionStatus.COUNTED, ElectionStatus.CERTIFIED):
        raise ServiceError(_("Chỉ kiểm phiếu lại khi đã có kết quả."))
    if not nfc(reason):
        raise ServiceError(_("Phải ghi lý do kiểm phiếu lại."))
    head = _log(
        election,
        "recount",
        {"session": election.session, "reason": nfc(reason), "previous_result": election.result},
    )
    _seal(election, "recount", head)
    election.session += 1
    election.clerk_a_done = election.clerk_b_done = False
    election.result = None
    election.counted_at = election.certified_at = None
    election.certified_by = None
    election.status = ElectionStatus.COUNTING
    return _save(election, user)


def last_entered_number(election: Election, clerk: str) -> int:
    return (
        BallotEntry.objects.filter(election=election, session=election.session, clerk=clerk).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )
