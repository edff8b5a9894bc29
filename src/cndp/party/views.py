"""Party organisation pages: the registry of members (danh sách đảng viên) with their history of events,
the counts at a date per cell (số lượng đảng viên), the probations about to end (sắp hết thời gian dự
bị) and the Excel import with a dry run (nhập danh sách). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from cndp.accounts.models import Unit
from cndp.core import generic
from cndp.core.excel import build_workbook, workbook_response
from cndp.core.numbers import number, percent_of
from cndp.core.permissions import can, require
from cndp.core.text import parse_day
from cndp.party import filtersets, forms, rules, selectors, services, tables
from cndp.party.importing import template_workbook
from cndp.party.models import Member, MemberEvent, standing_label


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class MemberDetailView(generic.ObjectDetailView):
    """Đảng viên: the record, the current state, the history of events and, for those who may change
    members, the form to record an event."""

    event_form = None

    def context(self, **extra):
        ctx = super().context(**extra)
        member = ctx.get("object")
        if member is None:
            return ctx
        events = list(member.events.select_related("cell"))
        today = timezone.localdate()
        state = member.state_at(today)
        ends = (
            rules.probation_ends(state.admitted_on)
            if state is not None and state.in_organisation and not state.is_official
            else None
        )
        may_record = self._may(member, "change")
        ctx.update(
            events=events,
            state=state,
            state_label=standing_label(state),
            probation_ends=ends,
            probation_days_left=(ends - today).days if ends else None,
            probation_overdue_days=(today - ends).days if ends else None,
            may_record=may_record,
            event_form=(self.event_form or forms.MemberEventForm()) if may_record else None,
        )
        return ctx

    def post(self, request, pk):
        member = self.get_object("change")
        form = forms.MemberEventForm(request.POST)
        if form.is_valid():
            try:
                event = services.member_event_record(user=request.user, member=member, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi sự kiện «%(event)s».") % {"event": event})
                return redirect(member.get_absolute_url() + "#history")
        self.event_form = form
        response = self.get(request, pk)
        response.status_code = 400
        return response


class MemberCreateView(generic.ObjectEditView):
    """Thêm đảng viên through `services.member_create` (the member and the first events)."""

    def get_form(self, instance):
        if self.request.method == "POST":
            return forms.MemberCreateForm(self.request.POST)
        return forms.MemberCreateForm(initial=self.request.GET.dict())

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.get_form(instance)
        if form.is_valid():
            try:
                member = services.member_create(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu «%(obj)s».") % {"obj": member})
                return redirect(member.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class MemberViews(generic.Registry):
    model = Member
    queryset = Member.objects.select_related("cell", "staff").prefetch_related(selectors.events_prefetch())
    # The list and its export read the table's columns (the standing at the date comes with the rows:
    # tables.MemberTable): nothing of the audit columns, the staff record or the history.
    list_queryset = Member.objects.select_related("cell").only(
        "full_name", "gender", "birth_date", "cell__name", "admitted_on", "official_on"
    )
    table = tables.MemberTable
    filterset = filtersets.MemberFilterSet
    form = forms.MemberForm
    detail_fields = [
        "full_name",
        "gender",
        "birth_date",
        "cell",
        "staff",
        "admitted_on",
        "official_on",
        "probation_ends_on",
        "card_number",
    ]
    detail_template = "party/member_detail.html"

    @classmethod
    def urls(cls):
        views = {"member_add": MemberCreateView, "member_detail": MemberDetailView}
        patterns = []
        for pattern in super().urls():
            base = views.get(pattern.name)
            if base is not None:
                view = type(f"Member{base.__name__}", (base,), {"registry": cls}).as_view()
                pattern = path(str(pattern.pattern), view, name=pattern.name)
            patterns.append(pattern)
        return patterns


class MemberEventDeleteView(LoginRequiredMixin, View):
    """Xóa một sự kiện ghi nhầm (POST only; the deletion stays in the audit history)."""

    def post(self, request, pk, event_pk):
        event = get_object_or_404(MemberEvent.objects.select_related("member"), pk=event_pk, member_id=pk)
        require(request.user, "change", event.member)
        label = str(event)
        try:
            services.member_event_delete(user=request.user, event=event)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã xóa sự kiện «%(event)s».") % {"event": label})
        return redirect(event.member.get_absolute_url() + "#history")


def _at_from(request):
    """The date asked for (dd/mm/yyyy) or today, and an error message for a date that is not one."""
    today = timezone.localdate()
    text = (request.GET.get("at") or "").strip()
    if not text:
        return today, None
    day = parse_day(text)
    if day is None:
        return today, _("«%(value)s» không phải ngày hợp lệ (dd/mm/yyyy): hiển thị số liệu hôm nay.") % {
            "value": text
        }
    return day, None


class MemberCountsView(LoginRequiredMixin, View):
    """Số lượng đảng viên tại một ngày, theo chi bộ, with the staff ratio and the cells below 3 official
    members (Charter Art. 24) flagged; `?export=xlsx` gives the same table in Excel."""

    template_name = "party/member_counts.html"

    def get(self, request):
        require(request.user, "view", Member)
        at, error = _at_from(request)
        rows = selectors.cell_counts(at)
        totals = selectors.member_counts(at)
        ratio = percent_of(totals.members, totals.staff)
        if request.GET.get("export") == "xlsx":
            return self.export(at, rows, totals, ratio)
        return render(
            request,
            self.template_name,
            {
                "at": at,
                "error": error,
                "rows": rows,
                "totals": totals,
                "ratio": ratio,
                "below": [r for r in rows if r.below_minimum],
                "minimum": rules.MIN_OFFICIAL_PER_CELL,
                "today": timezone.localdate(),
            },
        )

    def export(self, at, rows, totals, ratio):
        header = [
            _("Chi bộ"),
            _("Chính thức"),
            _("Dự bị"),
            _("Tổng số"),
            _("Sinh hoạt tạm thời nơi khác"),
            _("Miễn công tác và sinh hoạt đảng"),
            _("Đình chỉ sinh hoạt"),
            _("Ghi chú"),
        ]
        below = _("Dưới %(n)s đảng viên chính thức (Điều lệ Đảng, Điều 24)") % {
            "n": rules.MIN_OFFICIAL_PER_CELL
        }
        data = [
            [
                r.cell.name,
                r.official,
                r.probationary,
                r.total,
                r.temporary_away,
                r.exempted,
                r.suspended,
                below if r.below_minimum else "",
            ]
            for r in rows
        ]
        data.append(
            [
                _("Toàn Đảng bộ"),
                totals.official,
                totals.probationary,
                totals.members,
                sum(r.temporary_away for r in rows),
                sum(r.exempted for r in rows),
                sum(r.suspended for r in rows),
                "",
            ]
        )
        subtitle = _(
            "Tại ngày %(day)s — %(cells)s chi bộ; %(members)s đảng viên trên %(staff)s cán bộ, công chức, "
            "viên chức của Cục: tỷ lệ %(ratio)s"
        ) % {
            "day": rules.format_day(at),
            "cells": number(totals.cells),
            "members": number(totals.members),
            "staff": number(totals.staff),
            "ratio": ratio,
        }
        wb = build_workbook(_("Số lượng đảng viên"), header, data, subtitle)
        return workbook_response(wb, "so-luong-dang-vien-" + at.strftime("%Y%m%d"))


class ProbationDueView(LoginRequiredMixin, View):
    """Sắp hết thời gian dự bị: probationary members whose 12 months end within 30 days, or have ended
    without recognition."""

    template_name = "party/probation_due.html"

    def get(self, request):
        require(request.user, "view", Member)
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "rows": selectors.probation_due(today),
                "today": today,
                "within_days": rules.REMINDER_DAYS,
                "can_change": can(request.user, "change", Member),
            },
        )


class MemberImportView(LoginRequiredMixin, View):
    """Nhập danh sách đảng viên từ Excel: «Kiểm tra» is a dry run; «Nhập» writes all rows or none."""

    template_name = "party/member_import.html"

    def get(self, request):
        require(request.user, "add", Member)
        return render(request, self.template_name, {"form": forms.MemberImportForm()})

    def post(self, request):
        require(request.user, "add", Member)
        form = forms.MemberImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            dry_run = request.POST.get("action") != "import"
            report = services.member_import(
                user=request.user, file=form.cleaned_data["file"], dry_run=dry_run
            )
            if report.written:
                messages.success(
                    request,
                    _("Đã nhập %(n)s đảng viên; %(m)s đã có trong danh sách.")
                    % {"n": len(report.to_create), "m": len(report.existing)},
                )
        status = 200 if report is not None and report.ok else 400
        return render(request, self.template_name, {"form": form, "report": report}, status=status)


class CellAutocompleteView(LoginRequiredMixin, View):
    """Gợi ý chi bộ for the member list's cell filter: JSON {"results": [{"value": code, "label":
    name}]}, at most `selectors.CELL_SUGGESTIONS`, for those who may see members."""

    def get(self, request):
        require(request.user, "view", Member)
        return JsonResponse({"results": selectors.cell_suggestions(request.GET.get("q", ""))})


class MemberImportTemplateView(LoginRequiredMixin, View):
    """Tệp mẫu để nhập danh sách đảng viên."""

    def get(self, request):
        require(request.user, "add", Member)
        cells = Unit.objects.filter(kind="party_cell", is_active=True).order_by("name")
        return workbook_response(template_workbook(cells), "mau-nhap-dang-vien")


__all__ = [
    "MemberViews",
    "MemberCountsView",
    "ProbationDueView",
    "MemberImportView",
    "MemberImportTemplateView",
    "MemberEventDeleteView",
    "CellAutocompleteView",
]
