"""The clusters' API: the same scope and filters as the lists. Clusters are written through the service
(size refused, province scope); decisions, projects, reports and conditions are read here."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import PermissionDenied, ValidationError

from cndp.clusters import filtersets, selectors, services
from cndp.clusters.api import serializers
from cndp.clusters.models import ClusterCondition, ClusterDecision
from cndp.core.api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from cndp.core.services import ScopeViolation, ServiceError


class ClusterViewSet(RestrictedModelViewSet):
    """Cụm công nghiệp: read with the list's filters; create and update through services.cluster_save.
    No delete (a cluster leaves by a decision)."""

    queryset = selectors.cluster_list()
    serializer_class = serializers.ClusterSerializer
    filterset_class = filtersets.ClusterFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _save(self, serializer):
        instance = serializer.instance or serializer.Meta.model()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        try:
            serializer.instance = services.cluster_save(cluster=instance, user=self.request.user)
        except ScopeViolation as exc:
            raise PermissionDenied(exc.problems) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "message_dict") else exc.messages) from exc
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc


class DecisionViewSet(RestrictedReadOnlyViewSet):
    queryset = ClusterDecision.objects.select_related("cluster", "recorded_by")
    serializer_class = serializers.DecisionSerializer


class ProjectViewSet(RestrictedReadOnlyViewSet):
    queryset = selectors.project_list()
    serializer_class = serializers.ProjectSerializer
    filterset_class = filtersets.ProjectFilterSet


class ReportViewSet(RestrictedReadOnlyViewSet):
    queryset = selectors.report_list()
    serializer_class = serializers.ReportSerializer
    filterset_class = filtersets.ReportFilterSet


class ConditionViewSet(RestrictedReadOnlyViewSet):
    queryset = ClusterCondition.objects.all()
    serializer_class = serializers.ConditionSerializer
    filterset_class = filtersets.ConditionFilterSet
