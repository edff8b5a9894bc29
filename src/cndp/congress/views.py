"""Congress screens: registry, summons, check-in with a live attendance and quorum panel, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.congress import filtersets, forms, selectors, services, tables
from cndp.congress.choices import CheckKind
from cndp.congress.models import Congress, Delegate
from cndp.core import generic
from cndp.core.excel import build_workbook, workbook_response
from cndp.core.permissions import can, require
from cndp.core.services import ServiceError


class CongressViews(generic.Registry):
    model = Congress
    queryset = Congress.objects.select_related("organisation")
    table = tables.CongressTable
    filterset = filtersets.CongressFilterSet
    form = forms.CongressForm
    detail_fields = [
        "organisation",
        "ordinal",
        "term_label",
        "kind",
        "rule_set",
        "opens_on",
        "venue",
        "status",
    ]
    detail_template = "congress/congress_detail.html"
    url_prefix = "congresses"

    @classmethod
    def detail_extra(cls, obj):
        delegate_count = obj.delegates.count()
        extra = {
            "panel": selectors.congress_panel(obj),
            "delegate_count": delegate_count,
            "summons_allowed": services.summons_allowed(obj, has_delegates=bool(delegate_count)),
        }
        if obj.is_closed:  # read-only: no edit or delete buttons, one message instead
            extra.update(can_change=False, can_delete=False, closed_message=services.closed_message())
        return extra


class DelegateViews(generic.Registry):
    model = Delegate
    queryset = Delegate.objects.select_related("cell", "congress")
    table = tables.DelegateTable
    filterset = filtersets.DelegateFilterSet
    allow_delete = False
    url_prefix = "delegates"
    detail_fields = [
        "congress",
        "code",
        "full_name",
        "cell",
        "is_official",
        "exclusion",
        "exclusion_reason",
        "present",
        "checked_in_at",
    ]
    detail_template = "congress/delegate_detail.html"

    @classmethod
    def detail_extra(cls, obj):
        return {
            "checks": obj.checks.select_related("recorded_by"),
            "exclusion_form": forms.ExclusionForm(
                initial={"category": obj.exclusion, "reason": obj.exclusion_reason}
            ),
        }


def _congress(request, pk, action="view"):
    congress = get_object_or_404(Congress.objects.select_related("organisation"), pk=pk)
    require(request.user, action, congress)
    return congress


@login_required
@require_POST
def summons_build(request, pk):
    congress = _congress(request, pk)
    try:
        result = services.summons_build(congress=congress, user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã lập danh sách triệu tập: thêm %(added)s, tổng số %(total)s người.") % result
        )
    return redirect(congress.get_absolute_url())


@login_required
@require_POST
def delegate_exclusion(request, pk):
    delegate = get_object_or_404(Delegate.objects.select_related("congress"), pk=pk)
    form = forms.ExclusionForm(request.POST)
    if form.is_valid():
        try:
            services.delegate_exclusion_set(
                delegate=delegate,
                user=request.user,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Đã cập nhật trường hợp loại trừ của %(name)s.") % {"name": delegate.full_name}
            )
    return redirect(delegate.get_absolute_url())


@login_required
def checkin(request, pk):
    """The check-in desk (bàn điểm danh), keyboard only: type a name (no accents needed) or scan a card
    code; ↑/↓ pick a result; Enter checks the picked person in. A closed congress shows no input."""
    congress = _congress(request, pk)
    require(request.user, "change", Delegate)
    return render(
        request,
        "congress/checkin.html",
        {
            "congress": congress,
            "form": forms.CheckInForm(),
            "panel": selectors.congress_panel(congress),
            "closed_message": services.closed_message() if congress.is_closed else "",
        },
    )


@login_required
def checkin_search(request, pk):
    congress = _congress(request, pk)
    require(request.user, "change", Delegate)
    form = forms.CheckInForm(request.GET)
    query = form.cleaned_data["query"] if form.is_valid() else ""
    lookup = selectors.checkin_lookup(congress, query)
    return render(
        request,
        "congress/includes/checkin_results.html",
        {
            "congress": congress,
            "lookup": lookup,
            "more": max(lookup.total - len(lookup.results), 0),
            "query": query,
        },
    )


def _checkin(congress, user, data) -> tuple[str, str, str]:
    """Enter at the desk → (message, Bootstrap level, outcome); outcome tells the page what to do next:
    "done" (clear the box and the list), "already" (the person is present: clear too), "choose" (several
    match: keep the box and the list to pick from), "error"."""
    delegate_id, kind, query = data["delegate"], data["kind"], data["query"]
    if delegate_id:
        delegate = Delegate.objects.filter(pk=delegate_id, congress=congress).first()
        if delegate is None:
            raise ServiceError(_("Người này không có trong danh sách triệu tập của đại hội."))
        event = services.delegate_check(delegate=delegate, user=user, kind=kind, method="name")
    else:
        lookup = selectors.checkin_lookup(congress, query)
        if lookup.by_code:
            event = services.check_in_by_code(congress=congress, code=lookup.pick.code, user=user)
        elif lookup.pick is not None:
            event = services.delegate_check(delegate=lookup.pick, user=user, method="name")
        elif not query:
            raise ServiceError(_("Gõ họ tên hoặc quét mã thẻ đại biểu rồi nhấn Enter."))
        elif not lookup.results:
            raise ServiceError(_("Không tìm thấy «%(q)s» trong danh sách triệu tập.") % {"q": query})
        else:
            return (
                _("Có %(n)s người phù hợp: dùng phím ↑/↓ để chọn một người rồi nhấn Enter, hoặc gõ thêm.")
                % {"n": lookup.total},
                "warning",
                "choose",
            )
    verb = _("vào") if event.kind == CheckKind.IN else _("ra")
    return (
        _("Đã điểm danh %(verb)s: %(name)s (%(code)s)")
        % {"verb": verb, "name": event.delegate.full_name, "code": event.delegate.code},
        "success",
        "done",
    )


@login_required
@require_POST
def checkin_submit(request, pk):
    """Enter in the box: the picked person, else an exact card code, else the exact full name or the only
    match checks in; several matches ask to pick one. Answers the feedback line (htmx) or redirects."""
    congress = _congress(request, pk)
    form = forms.CheckInSubmitForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(" ".join(str(e) for errors in form.errors.values() for e in errors))
        message, level, outcome = _checkin(congress, request.user, form.cleaned_data)
    except services.AlreadyCheckedIn as exc:
        message, level, outcome = str(exc), "warning", "already"
    except ServiceError as exc:
        message, level, outcome = str(exc), "danger", "error"
    if request.htmx:
        response = render(
            request,
            "congress/includes/checkin_feedback.html",
            {"message": message, "level": level, "outcome": outcome},
        )
        response["HX-Trigger"] = "attendance-changed"
        return response
    (messages.success if level == "success" else messages.error)(request, message)
    return redirect("congress:checkin", pk=congress.pk)


@login_required
def attendance_panel(request, pk):
    congress = _congress(request, pk)
    return render(
        request,
        "congress/includes/attendance_panel.html",
        {"congress": congress, "panel": selectors.congress_panel(congress)},
    )


@login_required
def attendance_report(request, pk):
    """Báo cáo thẩm tra tư cách: the sentence and the table, generated from check-in data."""
    congress = _congress(request, pk)
    panel = selectors.congress_panel(congress)
    rows = selectors.congress_attendance_by_cell(congress)
    if request.GET.get("export") == "xlsx":
        header = [
            _("Chi bộ"),
            _("Triệu tập: chính thức"),
            _("Triệu tập: dự bị"),
            _("Có mặt: chính thức"),
            _("Có mặt: dự bị"),
            _("Không tính vào cơ sở"),
        ]
        body = [
            [
                r["cell__name"],
                r["summoned_official"],
                r["summoned_probationary"],
                r["present_official"],
                r["present_probationary"],
                r["excluded"],
            ]
            for r in rows
        ]
        a = panel["attendance"]
        body.append(
            [
                _("Tổng cộng"),
                a.summoned_official,
                a.summoned_probationary,
                a.present_official,
                a.present_probationary,
                a.excluded_total,
            ]
        )
        return workbook_response(
            build_workbook(_("Tình hình tham dự đại hội"), header, body, panel["sentence"]), "tham-du-dai-hoi"
        )
    return render(
        request,
        "congress/attendance_report.html",
        {
            "congress": congress,
            "panel": panel,
            "rows": rows,
            "can_export": can(request.user, "view", Delegate),
        },
    )


@login_required
def proceedings(request, pk):
    """Điều hành đại hội: chương trình, cơ quan điều hành và giúp việc, các lần biểu quyết giơ tay."""
    from cndp.congress.models import AgendaItem, OrganMember, Vote

    congress = _congress(request, pk)
    forms_by_name = {
        "agenda": forms.AgendaForm(prefix="agenda"),
        "organ": forms.OrganForm(prefix="organ", congress=congress),
        "vote": forms.VoteForm(prefix="vote"),
    }
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "agenda":
            form = forms.AgendaForm(request.POST, prefix="agenda")
            action = lambda d: services.agenda_item_add(congress=congress, user=request.user, **d)  # noqa: E731
        elif which == "organ":
            form = forms.OrganForm(request.POST, prefix="organ", congress=congress)
            action = lambda d: services.organ_member_add(congress=congress, user=request.user, **d)  # noqa: E731
        elif which == "vote":
            form = forms.VoteForm(request.POST, prefix="vote")
            action = lambda d: services.vote_record(congress=congress, user=request.user, **d)  # noqa: E731
        else:
            form, action = None, None
        if form is not None:
            if form.is_valid():
                try:
                    action(form.cleaned_data)
                except ServiceError as exc:
                    messages.error(request, str(exc))
                    forms_by_name[which] = form
                else:
                    messages.success(request, _("Đã ghi."))
                    return redirect("congress:proceedings", pk=congress.pk)
            else:
                forms_by_name[which] = form
    return render(
        request,
        "congress/proceedings.html",
        {
            "congress": congress,
            "agenda": AgendaItem.objects.filter(congress=congress),
            "organs": OrganMember.objects.filter(congress=congress).select_related("delegate"),
            "votes": Vote.objects.filter(congress=congress),
            "forms": forms_by_name,
            "can_edit": request.user.has_perm("congress.add_vote") and not congress.is_closed,
            "closed_message": services.closed_message() if congress.is_closed else "",
        },
    )


@login_required
def delegate_cards(request, pk):
    """Thẻ đại biểu (PDF, 8 thẻ một trang A4): congress, name, cell, kind and the code as text and QR."""
    from django.http import HttpResponse

    from cndp.congress.cards import delegate_cards_pdf

    congress = _congress(request, pk)
    require(request.user, "view", Delegate)
    response = HttpResponse(delegate_cards_pdf(congress), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="the-dai-bieu-{congress.pk}.pdf"'
    return response
