import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.core.filtersets import BaseFilterSet
from cndp.extension import lifecycle
from cndp.extension.choices import (
    BeneficiaryKind,
    PriorityKind,
    ProgrammeScope,
    ProjectStatus,
    ReportKind,
    ReportStatus,
)
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    Beneficiary,
    FundingCap,
    PriorityArea,
    Programme,
    ProgressReport,
    Project,
    Rubric,
    ScheduleRule,
    Trade,
    valid_at,
)
from cndp.extension.selectors import report_remind_days
from cndp.places.models import Province


class DatedFilterSet(BaseFilterSet):
    valid_at = django_filters.DateFilter(label=_("Có hiệu lực vào ngày"), method="filter_valid_at")

    def filter_valid_at(self, queryset, name, value):
        return valid_at(queryset, value)


class ProjectFilterSet(BaseFilterSet):
    """Đề án: by plan year, province (today's 34 units, which cover the old ones), activity type, status,
    programme."""

    plan_year = django_filters.NumberFilter(label=_("Năm kế hoạch"))
    province = django_filters.ModelChoiceFilter(
        label=_("Tỉnh, thành phố"),
        field_name="province_current",
        queryset=Province.objects.filter(version="34").order_by("code"),
    )
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Nội dung hoạt động"), queryset=ActivityType.objects.all()
    )
    status = django_filters.MultipleChoiceFilter(label=_("Trạng thái"), choices=ProjectStatus.choices)
    programme = django_filters.ModelChoiceFilter(label=_("Chương trình"), queryset=Programme.objects.all())

    class Meta(BaseFilterSet.Meta):
        model = Project
        fields = ["q", "plan_year", "province", "activity_type", "status", "programme"]


class BeneficiaryFilterSet(BaseFilterSet):
    plan_year = django_filters.NumberFilter(label=_("Năm kế hoạch"), field_name="project__plan_year")
    project = django_filters.NumberFilter(label=_("Đề án (mã số)"), field_name="project_id")
    kind = django_filters.ChoiceFilter(label=_("Loại hình"), choices=BeneficiaryKind.choices)
    women_owned = django_filters.BooleanFilter(label=_("Do phụ nữ làm chủ"))
    ethnic_minority_owned = django_filters.BooleanFilter(label=_("Do người dân tộc thiểu số làm chủ"))

    class Meta(BaseFilterSet.Meta):
        model = Beneficiary
        fields = ["q", "plan_year", "project", "kind", "women_owned", "ethnic_minority_owned"]


class ProgrammeFilterSet(DatedFilterSet):
    scope = django_filters.ChoiceFilter(label=_("Cấp"), choices=ProgrammeScope.choices)

    class Meta(BaseFilterSet.Meta):
        model = Programme
        fields = ["q", "scope", "valid_at"]


class ActivityTypeFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = ActivityType
        fields = ["q", "valid_at"]


class FundingCapFilterSet(DatedFilterSet):
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Nội dung hoạt động"), queryset=ActivityType.objects.all()
    )
    national = django_filters.BooleanFilter(
        label=_("Mức quốc gia"), field_name="province", lookup_expr="isnull"
    )
    province = django_filters.ModelChoiceFilter(label=_("Tỉnh, thành phố"), queryset=Province.objects.all())

    class Meta(BaseFilterSet.Meta):
        model = FundingCap
        fields = ["q", "activity_type", "national", "province", "valid_at"]


class TradeFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Trade
        fields = ["q", "valid_at"]


class PriorityAreaFilterSet(DatedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Nhóm"), choices=PriorityKind.choices)

    class Meta(BaseFilterSet.Meta):
        model = PriorityArea
        fields = ["q", "kind", "valid_at"]


class RubricFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = Rubric
        fields = ["q", "valid_at"]


class AnnualFundFilterSet(BaseFilterSet):
    year = django_filters.NumberFilter(label=_("Năm kế hoạch"))
    programme = django_filters.ModelChoiceFilter(label=_("Chương trình"), queryset=Programme.objects.all())

    class Meta(BaseFilterSet.Meta):
        model = AnnualFund
        fields = ["q", "year", "programme"]


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
        queryset=Province.objects.filter(version="34").order_by("code"),
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


class ScheduleRuleFilterSet(DatedFilterSet):
    class Meta(BaseFilterSet.Meta):
        model = ScheduleRule
        fields = ["q", "valid_at"]
