"""API of local-industry monitoring: values read within the user's scope (a province officer: its own
province), submissions read and submitted (only by the owing province: another province's officer gets
the scope policy's 403), aggregates (the contract of `cndp indicators aggregate`) and completeness per
data set and period. For a user confined to a province, aggregates are computed over approved values
only and completeness lists its own province: other provinces' drafts and figures under review are never
disclosed."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cndp.core.api.views import RestrictedReadOnlyViewSet
from cndp.core.permissions import can, user_province_id
from cndp.core.services import ScopeViolation, ServiceError
from cndp.indicators import filtersets, periods, selectors, services
from cndp.indicators.api.serializers import (
    AggregateSerializer,
    CompletenessSerializer,
    DataValueSerializer,
    SubmissionSerializer,
)
from cndp.indicators.choices import ValueState
from cndp.indicators.commands import number
from cndp.indicators.models import DataSet, DataValue, Submission


class DataValueViewSet(RestrictedReadOnlyViewSet):
    queryset = DataValue.objects.select_related("indicator", "province").order_by(
        "indicator__code", "period_start", "province__code"
    )
    serializer_class = DataValueSerializer
    filterset_class = filtersets.DataValueFilterSet


class SubmissionViewSet(RestrictedReadOnlyViewSet):
    queryset = Submission.objects.select_related("dataset", "province", "obligation")
    serializer_class = SubmissionSerializer
    filterset_class = filtersets.SubmissionFilterSet
    action_permissions = {"submit": "change"}

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        try:
            services.submission_submit(submission=submission, user=request.user)
        except ScopeViolation as exc:
            raise PermissionDenied(exc.problems) from exc
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        submission = self.get_queryset().get(pk=submission.pk)
        return Response(SubmissionSerializer(submission).data)


def _require_view(request, model) -> None:
    if not can(request.user, "view", model):
        raise PermissionDenied


def _params(request, *names: str) -> list[str]:
    """The query parameters, stripped; a control character (a NUL the database cannot even compare) is a
    400 naming the parameter, never a server error."""
    values = [request.query_params.get(name, "").strip() for name in names]
    for name, value in zip(names, values, strict=True):
        if not value.isprintable() or len(value) > 100:
            raise ValidationError({name: _("Tham số «%(name)s» không hợp lệ.") % {"name": name}})
    return values


class AggregateView(APIView):
    """Tổng hợp một chỉ tiêu — ?indicator=IIP&period=202406&by=province34 (province, province34,
    region:socio_economic / steering_committee / key_economic_zone, country)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, required=True),
            OpenApiParameter("period", str, required=True, description="2024, 2024S1, 2024Q2, 202406"),
            OpenApiParameter("by", str, required=True),
        ],
        responses=AggregateSerializer,
    )
    def get(self, request):
        _require_view(request, DataValue)
        params = _params(request, "indicator", "period", "by")
        if not all(params):
            raise ValidationError({"detail": _("Cần các tham số indicator, period và by.")})
        try:
            indicator, period = selectors.parse_request(*params)
        except selectors.AggregateError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        states = [ValueState.APPROVED] if user_province_id(request.user) is not None else None
        rows = selectors.aggregate(indicator=indicator, period=period, by=params[2], states=states)
        return Response(
            {
                "indicator": indicator.code,
                "period": period.code,
                "by": params[2],
                "rows": [
                    {
                        "key": r.key,
                        "name": r.name,
                        "value": number(r.value),
                        "complete": r.complete,
                        "components": r.components,
                    }
                    for r in rows
                ],  # fmt: skip
            }
        )


class CompletenessView(APIView):
    """Tình hình nộp báo cáo — ?dataset=CN-THANG&period=202601: per province on time, late, missing or
    returned."""

    @extend_schema(
        parameters=[
            OpenApiParameter("dataset", str, required=True),
            OpenApiParameter("period", str, required=True),
        ],
        responses=CompletenessSerializer,
    )
    def get(self, request):
        _require_view(request, Submission)
        code, period_code = _params(request, "dataset", "period")
        dataset = DataSet.objects.filter(code=code).first()
        if dataset is None:
            raise ValidationError({"dataset": _("Không có bộ chỉ tiêu «%(code)s».") % {"code": code}})
        try:
            period = periods.parse(period_code)
        except ValueError as exc:
            raise ValidationError(
                {"period": _("Kỳ «%(period)s» không hợp lệ.") % {"period": period_code}}
            ) from exc
        if period.type != dataset.period_type:
            raise ValidationError({"period": _("Kỳ không đúng kỳ báo cáo của bộ chỉ tiêu.")})
        rows = selectors.completeness(dataset, period)
        own = user_province_id(request.user)
        if own is not None:
            rows = [r for r in rows if own in (r.province.pk, r.province.successor_id)]
        return Response(
            {
                "dataset": dataset.code,
                "period": period.code,
                "rows": [
                    {
                        "province": r.province.pk,
                        "province_code": r.province.code,
                        "name": r.province.name,
                        "submission": r.submission.pk if r.submission else None,
                        "status": r.status,
                        "state": r.state,
                        "due_on": r.due_on,
                        "first_submitted": r.first_submitted,
                    }
                    for r in rows
                ],  # fmt: skip
            }
        )
