from cndp.accounts.api.serializers import UnitSerializer, UserSerializer
from cndp.accounts.filtersets import UnitFilterSet, UserFilterSet
from cndp.accounts.models import Unit, User
from cndp.core.api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet


class UnitViewSet(RestrictedModelViewSet):
    queryset = Unit.objects.select_related("parent", "province")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet


class UserViewSet(RestrictedReadOnlyViewSet):
    queryset = User.objects.select_related("unit").prefetch_related("groups")
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
