from rest_framework import serializers

from cndp.congress.choices import Exclusion
from cndp.congress.models import Congress, Delegate
from cndp.core.api.serializers import NFCModelSerializer


class CongressSerializer(NFCModelSerializer):
    class Meta:
        model = Congress
        fields = [
            "id",
            "organisation",
            "ordinal",
            "term_start",
            "term_end",
            "kind",
            "rule_set",
            "opens_on",
            "venue",
            "status",
        ]


class DelegateSerializer(NFCModelSerializer):
    # Read-only fields lose `allow_blank`; declared so the schema admits "" (not excluded).
    exclusion = serializers.ChoiceField(choices=Exclusion.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Delegate
        fields = [
            "id",
            "congress",
            "code",
            "full_name",
            "cell",
            "is_official",
            "exclusion",
            "exclusion_reason",
            "present",
            "checked_in_at",
        ]
        read_only_fields = fields
