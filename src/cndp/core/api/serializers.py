"""Serializer base: NFC-normalises every incoming string, like the forms do."""

from rest_framework import serializers

from cndp.core.forms import normalise_value


class NFCModelSerializer(serializers.ModelSerializer):
    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = {
                key: normalise_value(value, multiline="\n" in value) if isinstance(value, str) else value
                for key, value in data.items()
            }
        return super().to_internal_value(data)
