"""API of the follow-up: the same lists and scope as the screens (read-only registries); a unit's progress
report is created only by the unit assigned (`POST /api/followup/reports/`, services.report_submit), the
agency's confirmation and extensions are actions on a task."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from cndp.core.api.schema import ERRORS
from cndp.core.api.views import RestrictedQuerysetMixin, RestrictedReadOnlyViewSet
from cndp.core.permissions import require
from cndp.core.services import ScopeViolation, ServiceError
from cndp.followup import filtersets, selectors, services
from cndp.followup.api.serializers import (
    DeadlineExtensionSerializer,
    LeaderSerializer,
    NoticeSerializer,
    ProgressReportSerializer,
    TaskSerializer,
    WorkingSessionSerializer,
)
from cndp.followup.models import Assignment, DeadlineExtension, Leader, Notice, ProgressReport, WorkingSession


def _call(fn):
    try:
        return fn()
    except ScopeViolation as exc:
        raise PermissionDenied(exc.problems) from exc
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc
    except ServiceError as exc:
        raise ValidationError({"detail": str(exc)}) from exc


ALL_UNITS = Prefetch("assignments", queryset=Assignment.objects.order_by("role", "pk"))


class LeaderViewSet(RestrictedReadOnlyViewSet):
    queryset = Leader.objects.all()
    serializer_class = LeaderSerializer
    filterset_class = filtersets.LeaderFilterSet


class WorkingSessionViewSet(RestrictedReadOnlyViewSet):
    queryset = WorkingSession.objects.select_related("leader", "province")
    serializer_class = WorkingSessionSerializer
    filterset_class = filtersets.WorkingSessionFilterSet


class NoticeViewSet(RestrictedReadOnlyViewSet):
    queryset = Notice.objects.select_related("session")
    serializer_class = NoticeSerializer
    filterset_class = filtersets.NoticeFilterSet


ExtendSerializer = inline_serializer(
    "FollowupExtend",
    {
        "new_deadline": serializers.DateField(),
        "reason": serializers.CharField(),
        "agreed_by": serializers.CharField(),
        "agreed_on": serializers.DateField(required=False),
    },
)


class TaskViewSet(RestrictedReadOnlyViewSet):
    queryset = selectors.task_list().prefetch_related(ALL_UNITS)
    serializer_class = TaskSerializer
    filterset_class = filtersets.TaskFilterSet
    action_permissions = {"confirm": "change", "extend": "change"}

    def get_queryset(self):
        today = timezone.localdate()
        return (
            selectors.task_list(today)
            .prefetch_related("assignments")
            .restrict(self.request.user, "view")
            .order_by("pk")
        )

    def _fresh(self, task):
        return TaskSerializer(self.get_queryset().get(pk=task.pk)).data

    @extend_schema(request=None, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        task = self.get_object()
        _call(lambda: services.task_confirm(task=task, user=request.user))
        return Response(self._fresh(task))

    @extend_schema(request=ExtendSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        task = self.get_object()
        data = serializers.DateField().to_internal_value(request.data.get("new_deadline", ""))
        _call(
            lambda: services.deadline_extend(
                task=task,
                user=request.user,
                new_deadline=data,
                reason=str(request.data.get("reason", "")),
                agreed_by=str(request.data.get("agreed_by", "")),
            )
        )
        return Response(self._fresh(task))


class ProgressReportViewSet(RestrictedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Báo cáo tiến độ: read within scope; POST only by the unit assigned (lead or coordinating)."""

    queryset = ProgressReport.objects.select_related("assignment__task")
    serializer_class = ProgressReportSerializer
    filterset_class = filtersets.ProgressReportFilterSet

    @extend_schema(responses={201: ProgressReportSerializer, 404: ERRORS["404"]})
    def create(self, request, *args, **kwargs):
        """The assignment of another province's task answers 404, as if it did not exist."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = data["assignment"]
        require(request.user, "view", assignment.task)
        report = _call(
            lambda: services.report_submit(
                assignment=assignment,
                user=request.user,
                text=data["text"],
                percent=data["percent"],
                done=data.get("done", False),
            )
        )
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)


class DeadlineExtensionViewSet(RestrictedReadOnlyViewSet):
    queryset = DeadlineExtension.objects.select_related("task")
    serializer_class = DeadlineExtensionSerializer
    filterset_class = filtersets.DeadlineExtensionFilterSet
