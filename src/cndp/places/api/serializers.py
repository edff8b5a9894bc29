from rest_framework import serializers

from cndp.core.api.serializers import NFCModelSerializer
from cndp.places.models import Province, Region


class ProvinceSerializer(NFCModelSerializer):
    successor_code = serializers.CharField(
        source="successor.code", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Province
        fields = [
            "id",
            "version",
            "code",
            "name",
            "kind",
            "valid_from",
            "valid_to",
            "successor",
            "successor_code",
        ]


class RegionSerializer(NFCModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "grouping", "name", "valid_from", "valid_to", "confirmed", "source", "provinces"]
