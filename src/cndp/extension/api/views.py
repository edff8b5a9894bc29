from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cndp.core.api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from cndp.core.services import ServiceError
from cndp.extension import services
from cndp.extension.api import serializers
from cndp.extension.catalogue import filtersets
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    Beneficiary,
    FundingCap,
    PriorityArea,
    Programme,
    Rubric,
    ScheduleRule,
    Trade,
)
from cndp.extension.progress import filtersets as progress_filtersets
from cndp.extension.progress import selectors as progress_selectors
from cndp.extension.projects import filtersets as project_filtersets
from cndp.extension.projects import selectors as project_selectors
from cndp.extension.projects.services import PROJECT_LINKS


class ProjectViewSet(RestrictedModelViewSet):
    """Đề án: read with the list's filters; create (and update while the proposal is editable) through the
    services, so the caps, the deadline and the province scope apply exactly as in the UI. No delete."""

    queryset = project_selectors.project_list().prefetch_related(*PROJECT_LINKS)
    serializer_class = serializers.ProjectSerializer
    filterset_class = project_filtersets.ProjectFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectDetailSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("transitions__actor")
        return qs

    def _write(self, serializer, service, **extra):
        data = dict(serializer.validated_data)
        m2m = {name: data.pop(name) for name in PROJECT_LINKS if name in data}
        try:
            serializer.instance = service(user=self.request.user, **extra, **m2m, **data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "message_dict") else exc.messages) from exc
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc

    def perform_create(self, serializer):
        self._write(serializer, services.project_create)

    def perform_update(self, serializer):
        self._write(serializer, services.project_update, project=serializer.instance)


class BeneficiaryViewSet(RestrictedReadOnlyViewSet):
    queryset = Beneficiary.objects.select_related("project")
    serializer_class = serializers.BeneficiarySerializer
    filterset_class = project_filtersets.BeneficiaryFilterSet


class ProgrammeViewSet(RestrictedReadOnlyViewSet):
    queryset = Programme.objects.all()
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet


class ActivityTypeViewSet(RestrictedReadOnlyViewSet):
    queryset = ActivityType.objects.all()
    serializer_class = serializers.ActivityTypeSerializer
    filterset_class = filtersets.ActivityTypeFilterSet


class FundingCapViewSet(RestrictedReadOnlyViewSet):
    queryset = FundingCap.objects.all()
    serializer_class = serializers.FundingCapSerializer
    filterset_class = filtersets.FundingCapFilterSet


class TradeViewSet(RestrictedReadOnlyViewSet):
    queryset = Trade.objects.all()
    serializer_class = serializers.TradeSerializer
    filterset_class = filtersets.TradeFilterSet


class PriorityAreaViewSet(RestrictedReadOnlyViewSet):
    queryset = PriorityArea.objects.all()
    serializer_class = serializers.PriorityAreaSerializer
    filterset_class = filtersets.PriorityAreaFilterSet


class RubricViewSet(RestrictedReadOnlyViewSet):
    queryset = Rubric.objects.prefetch_related("criteria")
    serializer_class = serializers.RubricSerializer
    filterset_class = filtersets.RubricFilterSet


class AnnualFundViewSet(RestrictedReadOnlyViewSet):
    queryset = AnnualFund.objects.all()
    serializer_class = serializers.AnnualFundSerializer
    filterset_class = filtersets.AnnualFundFilterSet


class ProgressReportViewSet(RestrictedReadOnlyViewSet):
    """Báo cáo tiến độ: read with the list's filters; `submit` (the province's officer, or the agency for
    it) and `review` (the agency) go through the same services as the screens."""

    queryset = progress_selectors.report_list()
    serializer_class = serializers.ProgressReportSerializer
    filterset_class = progress_filtersets.ProgressReportFilterSet
    action_permissions = {"submit": "change", "review": "add"}  # add: the agency's right to review

    def _act(self, request, input_class, call):
        report = self.get_object()
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            call(report, dict(data.validated_data))
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        report.refresh_from_db()
        return Response(serializers.ProgressReportSerializer(report).data)

    @extend_schema(request=serializers.ReportSubmitSerializer, responses=serializers.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        def call(report, data):
            services.report_submit(
                report=report,
                user=request.user,
                percent_complete=data.pop("percent_complete"),
                narrative=data.pop("narrative"),
                difficulties=data.pop("difficulties"),
                **data,
            )

        return self._act(request, serializers.ReportSubmitSerializer, call)

    @extend_schema(request=serializers.ReportReviewSerializer, responses=serializers.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        def call(report, data):
            services.report_review(report=report, user=request.user, **data)

        return self._act(request, serializers.ReportReviewSerializer, call)


class ScheduleRuleViewSet(RestrictedReadOnlyViewSet):
    queryset = ScheduleRule.objects.all()
    serializer_class = serializers.ScheduleRuleSerializer
    filterset_class = filtersets.ScheduleRuleFilterSet
