from rest_framework import serializers

from cndp.accounts.models import Unit, User
from cndp.core.api.serializers import NFCModelSerializer


class UnitSerializer(NFCModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "province",
            "address",
            "phone",
            "email",
            "is_active",
            # Whom the calendar escalates the unit's late reports to: one of the unit's users (the model's
            # check); a province officer may name only a user of its province (core.services.scope_problems).
            "head",
        ]


class UserSerializer(NFCModelSerializer):
    roles = serializers.SlugRelatedField(source="groups", many=True, read_only=True, slug_field="name")

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "unit", "position", "phone", "roles", "is_active"]
        read_only_fields = fields
