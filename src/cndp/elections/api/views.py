from cndp.core.api.serializers import NFCModelSerializer
from cndp.core.api.views import RestrictedReadOnlyViewSet
from cndp.elections.models import Election


class ElectionSerializer(NFCModelSerializer):
    class Meta:
        model = Election
        fields = [
            "id",
            "congress",
            "kind",
            "seats",
            "round_number",
            "previous_round",
            "status",
            "result",
            "chain_fingerprint",
            "certified_at",
        ]
        read_only_fields = fields


class ElectionViewSet(RestrictedReadOnlyViewSet):
    """Elections and their certified results (read-only: counting happens only through the board's screens)."""

    queryset = Election.objects.select_related("congress")
    serializer_class = ElectionSerializer
    filterset_fields = ["congress", "kind", "status"]
