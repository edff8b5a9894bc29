from rest_framework import serializers

from cndp.accounts.models import Unit
from cndp.core.api.serializers import NFCModelSerializer
from cndp.party.models import Member, MemberEvent


class MemberEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = MemberEvent
        fields = ["id", "kind", "date", "cell", "decision_number", "decision_date", "note"]
        read_only_fields = fields


class MemberSerializer(NFCModelSerializer):
    """Đảng viên. The cell and the dates follow the history (`events`, read-only here: events are
    recorded on the member's page)."""

    events = MemberEventSerializer(many=True, read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "full_name",
            "gender",
            "birth_date",
            "cell",
            "staff",
            "admitted_on",
            "official_on",
            "card_number",
            "events",
        ]
        read_only_fields = ["cell", "admitted_on", "official_on"]


class MemberCreateSerializer(MemberSerializer):
    """Thêm đảng viên: the cell and dates given here become the first events of the history."""

    cell = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.filter(kind="party_cell"))
    admitted_on = serializers.DateField()
    official_on = serializers.DateField(required=False, allow_null=True)
    transferred_in_on = serializers.DateField(required=False, allow_null=True, write_only=True)

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "transferred_in_on"]
        read_only_fields = []
