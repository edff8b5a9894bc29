"""Nhập số liệu: the province's keyboard-first grid of a data set's indicators for a period, with the
previous period and the same period last year beside each value, the checks (range, required, relations,
outliers needing a comment), draft save, submission, and the agency's approval (lock) or return with a
comment. A province officer reaches only its province's submissions (404 for another)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core.permissions import can, in_scope, require, restrict
from cndp.core.services import ServiceError
from cndp.indicators import rules, selectors, services
from cndp.indicators.forms import EntryStartForm, ReturnForm, parse_typed
from cndp.indicators.models import DataValue, Submission, ValidationRule
from cndp.obligations import calendar
from cndp.obligations import services as obligation_services
from cndp.obligations.choices import Action
from cndp.obligations.models import Obligation, ObligationStep

EDITABLE_STATES = (calendar.PENDING, calendar.RETURNED)
HISTORY_ROWS = 60


@login_required
def entry_start(request):
    """Chọn bộ chỉ tiêu, kỳ (và tỉnh) → the submission's grid (created with its obligation if new)."""
    require(request.user, "view", Submission)
    form = EntryStartForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        try:
            submission = services.submission_open(
                dataset=form.cleaned_data["dataset"],
                province=form.cleaned_data["province"],
                period=form.cleaned_data["period"],
                user=request.user,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(submission.get_absolute_url())
    open_ones = (
        restrict(Submission.objects.all(), request.user)
        .filter(obligation__state__in=[*EDITABLE_STATES, calendar.SUBMITTED])
        .select_related("dataset", "province", "obligation")
        .order_by("obligation__due_on", "province__code")[:30]
    )
    return render(request, "indicators/entry_start.html", {"form": form, "open_submissions": open_ones})


def _change(value: Decimal | None, earlier: Decimal | None) -> Decimal | None:
    if value is None or earlier in (None, 0):
        return None
    return (value - earlier) / abs(earlier) * 100


def grid_context(submission: Submission, user, typed: dict | None = None) -> dict:
    """The grid's rows with their comparison values, changes and issues (a constant number of queries)."""
    grid = selectors.entry_grid(submission.dataset, submission.province, submission.period)
    typed = typed or {}
    entries, specs = {}, []
    for row in grid:
        code = row.indicator.code
        value = row.value.value if row.value else None
        comment = row.value.comment if row.value else ""
        if code in typed:
            value, comment = typed[code]["number"], typed[code]["comment"]
        entries[code] = rules.Entry(value, comment, row.previous, row.last_year)
        specs.append(row.indicator.as_spec(row.required))
    relations = [
        r.as_relation()
        for r in ValidationRule.objects.filter(active=True).select_related("left", "right")
        if r.left.code in entries and r.right.code in entries
    ]
    issues = rules.check(specs, entries, relations, submission.dataset.outlier_share)
    by_code: dict[str, list] = {}
    for issue in issues:
        by_code.setdefault(issue.code, []).append(issue)
    rows = []
    for row in grid:
        code, decimals = row.indicator.code, row.indicator.decimals
        entry = entries[code]
        text = (
            typed[code]["text"]
            if code in typed
            else ("" if entry.value is None else number_format(entry.value, decimal_pos=decimals))
        )
        rows.append(
            {
                "indicator": row.indicator,
                "required": row.required,
                "stored": row.value,
                "text": text,
                "comment": entry.comment,
                "previous": row.previous,
                "last_year": row.last_year,
                "change_previous": _change(entry.value, row.previous),
                "change_last_year": _change(entry.value, row.last_year),
                "issues": [
                    {
                        "text": _(i.message) % dict(i.params),
                        "kind": i.kind,
                        "blocking": i.blocking,
                    }
                    for i in by_code.get(code, [])
                ],
                "outlier": any(i.kind == rules.OUTLIER for i in by_code.get(code, [])),
                "error": typed.get(code, {}).get("error", ""),
            }
        )
    state = submission.obligation.state if submission.obligation_id else calendar.PENDING
    editable = (
        state in EDITABLE_STATES
        and can(user, "change", DataValue)
        and in_scope(user, submission)
        and (submission.obligation is None or obligation_services.may_submit(user, submission.obligation))
    )
    reviewable = state == calendar.SUBMITTED and can(user, "add", Obligation)
    return {
        "rows": rows,
        "blockers": [i for i in issues if i.blocking],
        "state": state,
        "editable": editable,
        "reviewable": reviewable,
    }


def _typed(request, codes) -> tuple[dict, bool]:
    """What was typed, parsed: {code: {text, number, comment, error}}, and whether all parsed."""
    out, ok = {}, True
    decimal = get_format("DECIMAL_SEPARATOR")
    for code in codes:
        text = request.POST.get(f"v-{code}", "")
        comment = request.POST.get(f"c-{code}", "")
        try:
            number, error = parse_typed(text, decimal), ""
        except ValueError:
            number, error, ok = None, _("Giá trị phải là một số."), False
        out[code] = {"text": text, "number": number, "comment": comment, "error": error}
    return out, ok


def _submission(request, pk) -> Submission:
    submission = get_object_or_404(
        Submission.objects.select_related("dataset__rule", "province", "obligation"), pk=pk
    )
    require(request.user, "view", submission)  # another province's: 404
    return submission


@login_required
def submission_detail(request, pk):
    """Bảng nhập số liệu của một báo cáo (GET), lưu nháp / gửi (POST)."""
    submission = _submission(request, pk)
    typed = None
    if request.method == "POST":
        codes = list(submission.dataset.members.values_list("indicator__code", flat=True))
        typed, parsed = _typed(request, codes)
        if not parsed:
            messages.error(request, _("Có ô không phải là số: chưa lưu."))
        else:
            try:
                services.values_save(
                    user=request.user,
                    dataset=submission.dataset,
                    province=submission.province,
                    period=submission.period,
                    entries={code: (t["number"], t["comment"]) for code, t in typed.items()},
                )
                if request.POST.get("action") == "submit":
                    services.submission_submit(submission=submission, user=request.user)
                    messages.success(request, _("Đã gửi số liệu cho Cục."))
                else:
                    messages.success(request, _("Đã lưu bản nháp."))
                return redirect(submission.get_absolute_url())
            except PermissionDenied:
                raise
            except ServiceError as exc:
                messages.error(request, str(exc))
                if request.POST.get("action") == "submit":  # the draft was saved, the submission refused
                    typed = None
    ctx = grid_context(submission, request.user, typed)
    values_history = (
        DataValue.history.filter(
            indicator__in=[r["indicator"] for r in ctx["rows"]],
            province=submission.province,
            period_start=submission.period_start,
        )
        .select_related("history_user", "indicator")
        .order_by("-history_date", "-history_id")[:HISTORY_ROWS]
    )
    steps = (
        ObligationStep.objects.filter(obligation_id=submission.obligation_id)
        .select_related("by")
        .order_by("at", "pk")
        if submission.obligation_id
        else []
    )
    # a returned report: the agency's comment at the top, where the province corrects (the last return)
    returned_step = None
    if ctx["state"] == calendar.RETURNED:
        returned_step = next((s for s in reversed(list(steps)) if s.action == Action.RETURN), None)
    ctx.update(
        {
            "submission": submission,
            "values_history": values_history,
            "steps": steps,
            "returned_step": returned_step,
            "return_form": ReturnForm(),
        }
    )
    return render(request, "indicators/submission_detail.html", ctx)


@login_required
@require_POST
def submission_review(request, pk):
    """Duyệt (khóa) hoặc trả lại kèm ý kiến — the agency."""
    submission = _submission(request, pk)
    require(request.user, "add", Obligation)
    try:
        if request.POST.get("verdict") == "approve":
            services.submission_approve(submission=submission, user=request.user)
            messages.success(request, _("Đã duyệt: số liệu đã khóa."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ServiceError(_("Trả lại cần ghi nội dung cần sửa, bổ sung."))
            services.submission_return(
                submission=submission, user=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Đã trả lại cho tỉnh kèm ý kiến."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect(submission.get_absolute_url())
