from cndp.congress.api.serializers import CongressSerializer, DelegateSerializer
from cndp.congress.filtersets import CongressFilterSet, DelegateFilterSet
from cndp.congress.models import Congress, Delegate
from cndp.core.api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet


class CongressViewSet(RestrictedModelViewSet):
    queryset = Congress.objects.select_related("organisation")
    serializer_class = CongressSerializer
    filterset_class = CongressFilterSet


class DelegateViewSet(RestrictedReadOnlyViewSet):
    """Read-only: summons and check-in change only through their services (UI)."""

    queryset = Delegate.objects.select_related("cell")
    serializer_class = DelegateSerializer
    filterset_class = DelegateFilterSet
