from cndp.core.api.serializers import NFCModelSerializer
from cndp.party.models import Member


class MemberSerializer(NFCModelSerializer):
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
        ]
