"""Election documents: the counting minutes (biên bản kiểm phiếu) and the ballot (phiếu bầu) as PDF."""

from __future__ import annotations

from django.utils import timezone

from cndp.congress.models import roman
from cndp.congress.rules import header_name, official_date, sentence_case
from cndp.core.pdf import render_pdf
from cndp.core.text import format_number
from cndp.elections import selectors
from cndp.elections.models import Election

REASONS = {
    "not_issued": "Phiếu không do Ban Kiểm phiếu phát ra (không có dấu)",
    "too_many": "Phiếu bầu thừa số lượng cần bầu",
    "none_kept": "Phiếu gạch tên tất cả",
    "added_name": "Phiếu ghi thêm tên người ngoài danh sách",
}
STATUS = {
    "elected": "Trúng cử",
    "tied": "Phiếu ngang nhau",
    "not_elected": "Không trúng cử (hết số lượng)",
    "below_threshold": "Không trúng cử",
}


def _percent(value: float) -> str:
    return format_number(value, 2) + " %"


def minutes_context(election: Election) -> dict:
    result = election.result
    congress = election.congress
    names = {c.tally_id: c.full_name for c in election.candidates.all()}
    rows = [
        {
            "name": r["name"],
            "votes": r["votes"],
            "percent_base": _percent(r["percent_of_base"]),
            "percent_valid": _percent(r["percent_of_valid"]),
            "status": STATUS[r["status"]],
        }
        for r in result["candidates"]
    ]
    base = selectors.election_base(election)
    present = congress.delegates.filter(present=True).values_list("is_official", flat=True)
    present = list(present)
    when = timezone.localtime(election.counted_at) if election.counted_at else timezone.localtime()
    started = election.log.filter(action="start").order_by("-seq").values_list("at", flat=True).first()
    started = timezone.localtime(started) if started and started <= when else when
    return {
        "election": election,
        "congress": congress,
        "result": result,
        "rows": rows,
        "elected": [names[i] for i in result["elected"]],
        "tied": [names[i] for i in (result["tie"] or {}).get("candidates", [])],
        "invalid": [(REASONS.get(k, k), v) for k, v in result["ballots"]["invalid_by_reason"].items()],
        "board": congress.counting_board.select_related("delegate"),
        "summoned": base["summoned"],
        "excluded": sum(base["excluded"].values()),
        "present": len(present),
        "present_voting": sum(1 for official in present if official),  # probationary members do not vote
        "candidates_count": len(result["candidates"]),
        "kind_phrase": sentence_case(election.get_kind_display()),
        "when": when,
        "started": started,
        "date_line": official_date(when.date(), "Hà Nội"),
        "parent": congress.organisation.parent,
        "parent_header": header_name(congress.organisation.parent.name)
        if congress.organisation.parent
        else "",
        "organisation_header": header_name(congress.organisation.name),
        "ordinal": roman(congress.ordinal),
        "chain_head": election.chain_head,
        "chain_records": (election.chain_count_seal or {}).get("seq"),
    }


def minutes_pdf(election: Election) -> bytes:
    return render_pdf("elections/minutes_pdf.html", minutes_context(election))


def ballot_pdf(election: Election) -> bytes:
    candidates = list(selectors.active_candidates(election))
    return render_pdf(
        "elections/ballot_pdf.html",
        {
            "election": election,
            "congress": election.congress,
            "candidates": candidates,
            "surplus": len(candidates) > election.seats,
        },
    )
