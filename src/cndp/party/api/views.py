from cndp.core.api.views import RestrictedModelViewSet
from cndp.party.api.serializers import MemberSerializer
from cndp.party.filtersets import MemberFilterSet
from cndp.party.models import Member


class MemberViewSet(RestrictedModelViewSet):
    queryset = Member.objects.select_related("cell")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
