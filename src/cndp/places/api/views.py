from cndp.core.api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from cndp.places.api.serializers import ProvinceSerializer, RegionSerializer
from cndp.places.filtersets import ProvinceFilterSet, RegionFilterSet
from cndp.places.models import Province, Region


class ProvinceViewSet(RestrictedReadOnlyViewSet):
    queryset = Province.objects.select_related("successor")
    serializer_class = ProvinceSerializer
    filterset_class = ProvinceFilterSet


class RegionViewSet(RestrictedModelViewSet):
    queryset = Region.objects.prefetch_related("provinces")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
