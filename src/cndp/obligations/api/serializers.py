from rest_framework import serializers

from cndp.core.api.serializers import NFCModelSerializer
from cndp.obligations.models import Obligation


class ObligationSerializer(NFCModelSerializer):
    kind_label = serializers.CharField(read_only=True)

    class Meta:
        model = Obligation
        fields = (
            "id",
            "kind",
            "kind_label",
            "title",
            "unit",
            "province",
            "rule",
            "basis",
            "period_end",
            "due_on",
            "state",
            "submissions",
            "reminded_on",
            "escalation",
            "escalated_on",
            "recurring",  # followed by the next period's when accepted or when its period ends
        )
        read_only_fields = fields
