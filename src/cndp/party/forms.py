from cndp.accounts.models import Unit
from cndp.core.forms import ModelForm
from cndp.party.models import Member


class MemberForm(ModelForm):
    class Meta:
        model = Member
        fields = [
            "full_name",
            "gender",
            "birth_date",
            "cell",
            "staff",
            "admitted_on",
            "official_on",
            "card_number",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = Unit.objects.filter(kind="party_cell").order_by("name")
