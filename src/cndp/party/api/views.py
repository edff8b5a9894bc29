from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError

from cndp.core.api.views import RestrictedModelViewSet
from cndp.party import services
from cndp.party.api.serializers import MemberCreateSerializer, MemberSerializer
from cndp.party.filtersets import MemberFilterSet
from cndp.party.models import Member
from cndp.party.selectors import events_prefetch


class MemberViewSet(RestrictedModelViewSet):
    queryset = Member.objects.select_related("cell").prefetch_related(events_prefetch())
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet

    def get_serializer_class(self):
        return MemberCreateSerializer if getattr(self, "action", None) == "create" else MemberSerializer

    def perform_create(self, serializer):
        data = {"birth_date": None, **serializer.validated_data}
        try:
            serializer.instance = services.member_create(user=self.request.user, **data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
