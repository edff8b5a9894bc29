"""Screens of the reporting calendar (lịch báo cáo): the user's to-do page ("Việc cần làm"), the list of
overdue obligations (filters, Excel), an obligation's page with its steps and the submit / review
buttons, and the calendar rules (edited in the admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.core import generic
from cndp.core.permissions import can, require
from cndp.core.views import act
from cndp.obligations import calendar, filtersets, kinds, selectors, services, tables
from cndp.obligations.home import REMIND_DAYS
from cndp.obligations.models import CalendarRule, Obligation


class OverdueListView(generic.ObjectListView):
    """Báo cáo quá hạn: only obligations still owed past their due date."""

    def base_queryset(self, action=None):
        return (
            super()
            .base_queryset(action)
            .filter(selectors.still_owed(), state__in=sorted(calendar.OPEN), due_on__lt=timezone.localdate())
        )

    def context(self, **extra):
        return super().context(**extra, model_name_plural=_("báo cáo quá hạn"))


class ObligationDetailView(generic.ObjectDetailView):
    def context(self, **extra):
        ctx = super().context(**extra)
        obligation = extra.get("object")
        if extra.get("tab") == "detail" and obligation is not None:
            user = self.request.user
            ctx["steps"] = list(selectors.obligation_steps(obligation))
            here = not kinds.get(obligation.kind).own_page  # else on the thing's own page, with its content
            ctx["may_submit"] = here and obligation.is_open and services.may_submit(user, obligation)
            ctx["may_review"] = (
                here and obligation.state == calendar.SUBMITTED and can(user, "add", Obligation)
            )
            ctx["subject_url"] = getattr(obligation.subject, "get_absolute_url", lambda: "")()
        return ctx


class ObligationViews(generic.Registry):
    model = Obligation
    queryset = selectors.obligation_list()
    table = tables.ObligationTable
    filterset = filtersets.ObligationFilterSet
    allow_delete = False  # scheduled by the kinds' services; never deleted
    url_prefix = "overdue"
    detail_template = "obligations/obligation_detail.html"
    detail_fields = Obligation.FIELDS
    view_classes = {"list": OverdueListView, "detail": ObligationDetailView}


class CalendarRuleViews(generic.Registry):
    model = CalendarRule
    table = tables.CalendarRuleTable
    filterset = filtersets.CalendarRuleFilterSet
    allow_delete = False  # edited in the admin, where a change moves the due dates it governs
    url_prefix = "rules"
    detail_fields = (*CalendarRule.FIELDS[:1], "kind_labels", *CalendarRule.FIELDS[2:])


@login_required
def todo(request):
    """Việc cần làm: the obligations the user's side owes soon or late, and for the reviewer those
    waiting for review, of every kind, within the user's scope."""
    require(request.user, "view", Obligation)
    today = timezone.localdate()
    rows = list(selectors.todo(request.user, today, REMIND_DAYS)[:500])
    for row in rows:
        row.standing = calendar.standing(row.state, row.due_on, today, REMIND_DAYS, ())
    return render(
        request, "obligations/todo.html", {"rows": rows, "today": today, "remind_days": REMIND_DAYS}
    )


def _obligation(request, pk, action="view") -> Obligation:
    obligation = get_object_or_404(selectors.obligation_list(), pk=pk)
    require(request.user, action, obligation)
    return obligation


def _on_own_page(request, obligation: Obligation):
    """A kind submitted and reviewed on the thing's own page (with its content): sent there."""
    if not kinds.get(obligation.kind).own_page:
        return None
    messages.error(request, _("Báo cáo này được nộp và xem xét tại trang của báo cáo."))
    return redirect(getattr(obligation.subject, "get_absolute_url", obligation.get_absolute_url)())


@login_required
@require_POST
def obligation_submit(request, pk):
    obligation = _obligation(request, pk, "change")
    if (elsewhere := _on_own_page(request, obligation)) is not None:
        return elsewhere
    return act(
        request,
        obligation,
        lambda data: services.obligation_submit(obligation=obligation, user=request.user),
        _("Đã nộp «%(r)s».") % {"r": obligation},
    )


@login_required
@require_POST
def obligation_review(request, pk):
    obligation = _obligation(request, pk)
    if (elsewhere := _on_own_page(request, obligation)) is not None:
        return elsewhere
    verdict = request.POST.get("verdict", "")
    return act(
        request,
        obligation,
        lambda data: services.obligation_review(
            obligation=obligation, user=request.user, verdict=verdict, comment=request.POST.get("comment", "")
        ),
        _("Đã ghi kết quả xem xét «%(r)s».") % {"r": obligation},
    )
