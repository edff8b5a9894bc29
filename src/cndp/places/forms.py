from cndp.core.forms import ModelForm
from cndp.places.models import Region


class RegionForm(ModelForm):
    class Meta:
        model = Region
        fields = ["grouping", "name", "valid_from", "valid_to", "confirmed", "source", "provinces"]
