"""The progress-report list's filter set (the HTML list, the API and the Excel export)."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.extension.choices import ReportKind, ReportStatus
from cndp.extension.models import ProgressReport
from cndp.extension.progress.selectors import report_remind_days
from cndp.extension.projects import lifecycle
from cndp.extension.projects.filtersets import PROVINCE_CHOICE_FIELDS
from cndp.places.models import Province


class ProgressReportFilterSet(BaseFilterSet):
    """Báo cáo tiến độ: by province, plan year, kind, status, where it stands today, due dates."""

    STANDING = (
        ("overdue", _("Quá hạn, chưa nộp")),
        ("due_soon", _("Sắp đến hạn (trong thời gian nhắc)")),
        ("escalated", _("Đã báo trễ hạn")),
        ("waiting", _("Chờ xem xét")),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"),
        field_name="project__province_current",
        queryset=Province.objects.filter(version="34").order_by("code").only(*PROVINCE_CHOICE_FIELDS),
    )
    plan_year = django_filters.NumberFilter(label=_("Năm kế hoạch"), field_name="project__plan_year")
    kind = django_filters.ChoiceFilter(label=_("Loại báo cáo"), choices=ReportKind.choices)
    # The state and the due date are the report's obligation's (the shared reporting calendar).
    status = django_filters.MultipleChoiceFilter(
        label=_("Tình trạng"), choices=ReportStatus.choices, field_name="obligations__state"
    )
    standing = django_filters.ChoiceFilter(label=_("Theo hạn"), choices=STANDING, method="filter_standing")
    due_from = django_filters.DateFilter(
        label=_("Hạn nộp từ ngày"), field_name="obligations__due_on", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(
        label=_("Hạn nộp đến ngày"), field_name="obligations__due_on", lookup_expr="lte"
    )

    class Meta(BaseFilterSet.Meta):
        model = ProgressReport
        fields = ["q", "province", "plan_year", "kind", "status", "standing", "due_from", "due_to"]

    def filter_standing(self, queryset, name, value):
        today = timezone.localdate()
        # Owed: not submitted (or sent back) by a project that still reports (not suspended or ended).
        owed = Q(
            obligations__state__in=[ReportStatus.PENDING, ReportStatus.NEEDS_REVISION],
            project__status__in=list(lifecycle.REPORTING),
        )
        if value == "overdue":
            return queryset.filter(owed, obligations__due_on__lt=today)
        if value == "due_soon":
            days = report_remind_days(today)
            return queryset.filter(
                owed,
                obligations__due_on__gte=today,
                obligations__due_on__lte=today + datetime.timedelta(days=days),
            )
        if value == "escalated":
            return queryset.filter(owed, obligations__escalation__gt=0)
        if value == "waiting":
            return queryset.filter(obligations__state=ReportStatus.SUBMITTED)
        return queryset
