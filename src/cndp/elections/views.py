"""Election screens: the list and its vote, counting board, keyboard-first double entry, comparison and
settlement, results, projector view, counting minutes, anonymous export for `cndp tally`."""

from __future__ import annotations

import json

import django_tables2 as tables
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cndp.congress import services as congress_services
from cndp.congress.models import Congress
from cndp.core import generic
from cndp.core.filtersets import BaseFilterSet
from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.tables import BaseTable
from cndp.core.views import act, run_service
from cndp.elections import documents, forms, selectors, services
from cndp.elections.choices import ElectionStatus
from cndp.elections.entry import describe
from cndp.elections.models import Candidate, CountingBoardMember, Election


class ElectionTable(BaseTable):
    name = tables.Column(
        linkify=True, verbose_name=gettext_lazy("Cuộc bầu cử"), accessor="pk", orderable=False
    )
    congress = tables.Column(verbose_name=gettext_lazy("Đại hội"))

    class Meta(BaseTable.Meta):
        model = Election
        fields = ("name", "congress", "seats", "round_number", "status")

    def render_name(self, record):
        return str(record)

    def value_name(self, record):
        return str(record)


class ElectionFilterSet(BaseFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Election
        fields = ["q", "congress", "kind", "status"]


class ElectionViews(generic.Registry):
    model = Election
    queryset = Election.objects.select_related("congress__organisation")
    table = ElectionTable
    filterset = ElectionFilterSet
    form = forms.ElectionForm
    detail_fields = ["congress", "kind", "seats", "round_number", "previous_round", "status", "base_override"]
    detail_template = "elections/election_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {}


def _election(request, pk) -> Election:
    election = get_object_or_404(
        Election.objects.select_related("congress__organisation", "previous_round"), pk=pk
    )
    require(request.user, "view", election)
    return election


def _form_errors(form) -> str:
    return "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())


def _act(request, election, service, success, *, form=None, invalid=None, anchor="", follow=False):
    """`act` on an election: check `form` (if any), call `service(election=, user=, **cleaned_data)`,
    say how it went and go back to the election page.

    success  the message, or a function of the cleaned data that makes it
    invalid  a function of the invalid form that makes the error message (None: no message)
    anchor   added to the page address, e.g. "#mismatches"
    follow   go to the election the service returns (the next round) when it returns one
    """
    return act(
        request,
        (lambda result: result if isinstance(result, Election) else election) if follow else election,
        lambda data: service(election=election, user=request.user, **data),
        (lambda data, _result: success(data)) if callable(success) else success,
        form=form,
        invalid=invalid,
        anchor=anchor,
    )


@login_required
def election_page(request, pk):
    """The whole election on one page; what each person sees depends on their part in it."""
    election = _election(request, pk)
    user = request.user
    board = selectors.board_member(election.congress, user)
    candidates = list(selectors.active_candidates(election))
    withdrawn = election.candidates.filter(withdrawn=True)
    ids = [c.tally_id for c in candidates]
    surplus = len(ids) > election.seats
    ctx = {
        "object": election,
        "election": election,
        "candidates": candidates,
        "withdrawn": withdrawn,
        "surplus": surplus,
        "surplus_problem": services.surplus_problem(election.kind, election.seats, len(candidates)),
        "voters": selectors.voters_available(election),
        "board": board,
        "is_head": bool(board and board.is_head),
        "clerk": services.clerk_of(election, user),
        "progress": selectors.election_progress(election),
        "can_change": user.has_perm("elections.change_election"),
        "candidate_form": forms.CandidateForm(election=election),
        "adopt_form": forms.AdoptForm(),
        "start_form": forms.StartForm(election=election),
        "decision_form": forms.DecisionForm(outcome=(election.result or {}).get("outcome")),
        "recount_form": forms.RecountForm(),
        "approval_form": forms.ApprovalForm(),
        "url_names": ElectionViews.url_names(),
        "model_name_plural": Election._meta.verbose_name_plural,
        "tab": "detail",
    }
    if election.congress.is_closed:  # read-only: the counting board's buttons go, the approval stays
        ctx.update(is_head=False, clerk=None, closed_message=congress_services.closed_message())
    both_done = election.clerk_a_done and election.clerk_b_done
    if board and board.is_head and both_done and election.status == ElectionStatus.COUNTING:
        rows = selectors.comparison(election)
        ctx["mismatches"] = [
            {
                **row,
                "a_text": describe(row["a"], ids, surplus) if row["a"] else "—",
                "b_text": describe(row["b"], ids, surplus) if row["b"] else "—",
                "settled_text": describe(row["settled"], ids, surplus) if row["settled"] else "",
            }
            for row in rows
            if not row["agree"]
        ]
        ctx["compared"] = len(rows)
    if election.result:
        names = {c.tally_id: c for c in election.candidates.all()}
        ctx["result_rows"] = [{**r, "candidate": names.get(r["id"])} for r in election.result["candidates"]]
    return render(request, "elections/election_detail.html", ctx)


@login_required
@require_POST
def candidate_add(request, pk):
    election = _election(request, pk)
    return _act(
        request,
        election,
        services.candidate_add,
        _("Đã thêm vào danh sách bầu cử."),
        form=forms.CandidateForm(request.POST, election=election),
        invalid=_form_errors,
    )


@login_required
@require_POST
def candidate_withdraw(request, pk, candidate_pk):
    election = _election(request, pk)
    candidate = get_object_or_404(Candidate, pk=candidate_pk, election=election)
    note = request.POST.get("note", "")
    return _act(
        request,
        election,
        lambda election, user: services.candidate_withdraw(candidate=candidate, user=user, note=note),
        _("Đã rút tên khỏi danh sách."),
    )


@login_required
@require_POST
def list_adopt(request, pk):
    return _act(
        request,
        _election(request, pk),
        services.list_adopt,
        _("Đại hội đã thông qua danh sách bầu cử."),
        form=forms.AdoptForm(request.POST),
        invalid=lambda form: _("Số biểu quyết không hợp lệ."),
    )


@login_required
@require_POST
def counting_start(request, pk):
    election = _election(request, pk)
    return _act(
        request,
        election,
        services.counting_start,
        _("Bắt đầu kiểm phiếu."),
        form=forms.StartForm(request.POST, election=election),
        invalid=_form_errors,
    )


@login_required
def entry_screen(request, pk):
    """Keyboard-first double entry: type the crossed numbers, Enter, next ballot."""
    election = _election(request, pk)
    clerk = services.clerk_of(election, request.user)
    if clerk is None:
        raise PermissionDenied
    candidates = list(selectors.active_candidates(election))
    ids = [c.tally_id for c in candidates]
    surplus = len(ids) > election.seats
    message, level = "", ""
    number = services.last_entered_number(election, clerk) + 1
    if request.method == "POST":
        form = forms.EntryForm(request.POST)
        if form.is_valid():
            try:
                services.ballot_enter(
                    election=election,
                    user=request.user,
                    number=form.cleaned_data["number"],
                    text=form.cleaned_data["text"],
                )
            except ServiceError as exc:
                message, level, number = str(exc), "danger", form.cleaned_data["number"]
            else:
                message, level = _("Đã lưu phiếu số %(n)s.") % {"n": form.cleaned_data["number"]}, "success"
                number = services.last_entered_number(election, clerk) + 1
        else:
            message, level = _("Số thứ tự phiếu không hợp lệ."), "danger"
    election.refresh_from_db()
    own = list(election.entries.filter(session=election.session, clerk=clerk).order_by("-number")[:15])
    ctx = {
        "election": election,
        "clerk": clerk,
        "candidates": candidates,
        "surplus": surplus,
        "number": min(number, election.ballots_issued or number),
        "own": [{"number": e.number, "text": describe(e.payload, ids, surplus) or "—"} for e in own],
        "count": election.entries.filter(session=election.session, clerk=clerk).count(),
        "done": getattr(election, f"clerk_{clerk.lower()}_done"),
        "message": message,
        "level": level,
    }
    template = "elections/includes/entry_panel.html" if request.htmx else "elections/entry.html"
    return render(request, template, ctx)


@login_required
@require_POST
def clerk_finish(request, pk):
    return _act(request, _election(request, pk), services.clerk_finish, _("Đã báo nhập xong."))


@login_required
@require_POST
def ballot_settle(request, pk):
    return _act(
        request,
        _election(request, pk),
        services.ballot_settle,
        lambda data: _("Đã quyết định phiếu số %(n)s.") % {"n": data["number"]},
        form=forms.SettleForm(request.POST),
        anchor="#mismatches",
    )


@login_required
@require_POST
def election_count(request, pk):
    return _act(request, _election(request, pk), services.election_count, _("Đã kiểm phiếu."))


@login_required
@require_POST
def election_certify(request, pk):
    return _act(request, _election(request, pk), services.election_certify, _("Đã công bố kết quả."))


@login_required
@require_POST
def election_decide(request, pk):
    election = _election(request, pk)
    return _act(
        request,
        election,
        services.election_decide,
        _("Đã ghi quyết định của đại hội."),
        form=forms.DecisionForm(request.POST, outcome=(election.result or {}).get("outcome")),
        follow=True,
    )


@login_required
@require_POST
def election_recount(request, pk):
    return _act(
        request,
        _election(request, pk),
        services.election_recount,
        _("Đã mở kiểm phiếu lại."),
        form=forms.RecountForm(request.POST),
    )


@login_required
def projector(request, pk):
    election = _election(request, pk)
    if not election.result or election.status not in (
        ElectionStatus.CERTIFIED,
        ElectionStatus.SUSPENDED,
        ElectionStatus.COUNTED,
    ):
        raise PermissionDenied
    return render(
        request, "elections/projector.html", {"election": election, "rows": election.result["candidates"]}
    )


@login_required
def minutes_pdf(request, pk):
    election = _election(request, pk)
    if not election.result:
        raise PermissionDenied
    try:  # the minutes say the log was checked before they were drawn up
        services.verify_chain(election, _("Không lập được biên bản kiểm phiếu."))
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(election.get_absolute_url())
    pdf = documents.minutes_pdf(election)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-ban-kiem-phieu-{election.pk}.pdf"'
    return response


@login_required
def ballot_pdf(request, pk):
    election = _election(request, pk)
    if election.status == ElectionStatus.PREPARING:
        raise PermissionDenied
    response = HttpResponse(documents.ballot_pdf(election), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="phieu-bau-{election.pk}.pdf"'
    return response


@login_required
def tally_export(request, pk):
    """Anonymous ballot records as a `cndp tally` request, so anyone can recount."""
    election = _election(request, pk)
    if not election.result:
        raise PermissionDenied
    body = json.dumps(selectors.election_tally_request(election), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kiem-phieu-{election.pk}.json"'
    return response


@login_required
def board(request, congress_pk):
    congress = get_object_or_404(Congress.objects.select_related("organisation"), pk=congress_pk)
    require(request.user, "view", CountingBoardMember)
    form = forms.BoardForm(congress=congress)
    if request.method == "POST":
        form = forms.BoardForm(request.POST, congress=congress)
        if form.is_valid():
            if run_service(
                request,
                lambda: services.board_member_add(
                    congress=congress,
                    user=request.user,
                    delegate=form.cleaned_data["delegate"],
                    account=form.cleaned_data["account"],
                    is_head=form.cleaned_data["is_head"],
                ),
                _("Đã thêm thành viên Ban Kiểm phiếu."),
            ):
                return redirect("elections:board", congress_pk=congress.pk)
    members = congress.counting_board.select_related("delegate", "user")
    return render(request, "elections/board.html", {"congress": congress, "members": members, "form": form})


@login_required
@require_POST
def election_approve(request, pk):
    return _act(
        request,
        _election(request, pk),
        services.election_approve,
        _("Đã ghi quyết định chuẩn y."),
        form=forms.ApprovalForm(request.POST),
        invalid=_form_errors,
    )
