"""Filters of the follow-up's lists (bộ lọc): one per model, serving the HTML list, the API and the
Excel export alike."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.filtersets import BaseFilterSet
from cndp.core.permissions import user_province_id
from cndp.followup import statuses
from cndp.followup.choices import DeadlineKind, GovStatus, Role, State
from cndp.followup.models import DeadlineExtension, Leader, Notice, ProgressReport, Task, WorkingSession
from cndp.places.models import Province


def _provinces():
    return Province.objects.filter(version="34").order_by("code")


def _units():
    return Unit.objects.filter(is_active=True).order_by("kind", "name")


class ScopedChoicesMixin:
    """The choices of a filter show nothing of another province to a province officer: units of other
    provinces and notices of other provinces are left out (core.permissions scope)."""

    unit_filters: tuple[str, ...] = ()
    notice_filters: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        province_id = user_province_id(user) if user is not None else None
        if province_id is None:
            return
        for name in self.unit_filters:
            field = self.form.fields[name]
            field.queryset = field.queryset.filter(Q(province__isnull=True) | Q(province_id=province_id))
        for name in self.notice_filters:
            field = self.form.fields[name]
            field.queryset = field.queryset.filter(session__province_id=province_id)


FLAGS = (("overdue", _("Quá hạn")), ("due_soon", _("Sắp đến hạn (7 ngày)")), ("open", _("Chưa hoàn thành")))


class TaskFilterSet(ScopedChoicesMixin, BaseFilterSet):
    """Nhiệm vụ: by notice, leader, unit, province, state, Government status, flags, deadline, period."""

    unit_filters = ("lead_unit", "unit")
    notice_filters = ("notice",)

    notice = django_filters.ModelChoiceFilter(label=_("Thông báo"), queryset=Notice.objects.order_by("-date"))
    leader = django_filters.ModelChoiceFilter(label=_("Lãnh đạo giao"), queryset=Leader.objects.all())
    lead_unit = django_filters.ModelChoiceFilter(label=_("Đơn vị chủ trì"), queryset=_units())
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (chủ trì hoặc phối hợp)"), queryset=_units(), method="filter_unit"
    )
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=_provinces())
    state = django_filters.MultipleChoiceFilter(label=_("Trạng thái"), choices=State.choices)
    gov_status = django_filters.MultipleChoiceFilter(
        label=_("Tình trạng (báo cáo Chính phủ)"), choices=GovStatus.choices, field_name="gov"
    )
    flag = django_filters.ChoiceFilter(label=_("Cảnh báo"), choices=FLAGS, method="filter_flag")
    deadline_kind = django_filters.ChoiceFilter(label=_("Loại thời hạn"), choices=DeadlineKind.choices)
    deadline_from = django_filters.DateFilter(
        label=_("Thời hạn từ ngày"), field_name="deadline", lookup_expr="gte"
    )
    deadline_to = django_filters.DateFilter(
        label=_("Thời hạn đến ngày"), field_name="deadline", lookup_expr="lte"
    )
    notice_from = django_filters.DateFilter(
        label=_("Thông báo từ ngày"), field_name="notice__date", lookup_expr="gte"
    )
    notice_to = django_filters.DateFilter(
        label=_("Thông báo đến ngày"), field_name="notice__date", lookup_expr="lte"
    )
    extended = django_filters.BooleanFilter(label=_("Đã gia hạn"), method="filter_extended")

    class Meta(BaseFilterSet.Meta):
        model = Task
        fields = ["notice", "leader", "lead_unit", "unit", "province", "state", "gov_status", "flag"]

    def filter_unit(self, queryset, name, value: Unit):
        if not value:
            return queryset
        return queryset.filter(assignments__unit=value).distinct()

    def filter_flag(self, queryset, name, value):
        today = timezone.localdate()  # Hà Nội's day, as the list's own marks (followup.views)
        not_done = Q(completed_on__isnull=True)
        if value == "overdue":
            return queryset.filter(not_done, deadline__lt=today)
        if value == "due_soon":
            horizon = today + datetime.timedelta(days=statuses.DUE_SOON_DAYS)
            return queryset.filter(not_done, deadline__gte=today, deadline__lte=horizon)
        if value == "open":
            return queryset.exclude(state=State.DONE)
        return queryset

    def filter_extended(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(extensions__isnull=not value).distinct()


class NoticeFilterSet(BaseFilterSet):
    leader = django_filters.ModelChoiceFilter(
        label=_("Lãnh đạo"), queryset=Leader.objects.all(), field_name="session__leader"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), queryset=_provinces(), field_name="session__province"
    )
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="date", lookup_expr="lte")

    class Meta(BaseFilterSet.Meta):
        model = Notice
        fields = ["leader", "province", "date_from", "date_to"]


class WorkingSessionFilterSet(BaseFilterSet):
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=_provinces())
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="date", lookup_expr="lte")

    class Meta(BaseFilterSet.Meta):
        model = WorkingSession
        fields = ["leader", "province", "date_from", "date_to"]


class LeaderFilterSet(BaseFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Leader
        fields = ["is_active"]


class ProgressReportFilterSet(ScopedChoicesMixin, BaseFilterSet):
    unit_filters = ("unit",)
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=_units(), field_name="assignment__unit"
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"), choices=Role.choices, field_name="assignment__role"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), queryset=_provinces(), field_name="assignment__task__province"
    )
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="reported_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="reported_on", lookup_expr="lte")

    class Meta(BaseFilterSet.Meta):
        model = ProgressReport
        fields = ["unit", "role", "province", "done", "verdict", "date_from", "date_to"]


class DeadlineExtensionFilterSet(BaseFilterSet):
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"), queryset=_provinces(), field_name="task__province"
    )
    leader = django_filters.ModelChoiceFilter(
        label=_("Lãnh đạo giao"), queryset=Leader.objects.all(), field_name="task__leader"
    )
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="agreed_on", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="agreed_on", lookup_expr="lte")

    class Meta(BaseFilterSet.Meta):
        model = DeadlineExtension
        fields = ["province", "leader", "date_from", "date_to"]
