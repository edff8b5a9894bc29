"""Show-of-hands votes (biểu quyết giơ tay) in the API: read them, and record one through the same service
as the proceedings page (a closed congress refuses it with the same message)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied, ValidationError

from cndp.congress.models import Congress, Vote
from cndp.congress.services import CongressClosed, vote_record
from cndp.core.api.serializers import NFCModelSerializer
from cndp.core.api.views import RestrictedReadOnlyViewSet
from cndp.core.permissions import require
from cndp.core.services import ServiceError


class VoteSerializer(NFCModelSerializer):
    class Meta:
        model = Vote
        fields = [
            "id",
            "congress",
            "kind",
            "subject",
            "text",
            "voters",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "adopted",
            "at",
        ]
        read_only_fields = ["id", "voters", "adopted", "at"]


class VoteViewSet(mixins.CreateModelMixin, RestrictedReadOnlyViewSet):
    """Votes of the congresses the user may see; POST records one (who may vote = official members present
    now, counted by the service). A closed congress answers 403 with its message."""

    queryset = Vote.objects.select_related("congress")
    serializer_class = VoteSerializer
    filterset_fields = ["congress", "kind"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        congress: Congress = data.pop("congress")
        require(self.request.user, "view", congress)
        try:
            serializer.instance = vote_record(congress=congress, user=self.request.user, **data)
        except CongressClosed as exc:
            raise PermissionDenied(str(exc)) from exc
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
