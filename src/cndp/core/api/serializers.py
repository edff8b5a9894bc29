"""Serializer base: NFC-normalises every incoming string, like the forms do."""

from rest_framework import serializers

from cndp.core.forms import hidden_characters_message, normalise_value
from cndp.core.text import hidden_characters


class NFCModelSerializer(serializers.ModelSerializer):
    def to_internal_value(self, data):
        if isinstance(data, dict):
            hidden = {
                key: [hidden_characters_message(codes)]
                for key, value in data.items()
                if isinstance(value, str) and (codes := hidden_characters(value, multiline="\n" in value))
            }
            if hidden:
                raise serializers.ValidationError(hidden)
            data = {
                key: normalise_value(value, multiline="\n" in value) if isinstance(value, str) else value
                for key, value in data.items()
            }
        return super().to_internal_value(data)
