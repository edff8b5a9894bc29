from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.congress.choices import Exclusion
from cndp.congress.models import Congress
from cndp.core.forms import Form, ModelForm


class CongressForm(ModelForm):
    class Meta:
        model = Congress
        fields = [
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


class ExclusionForm(Form):
    category = forms.ChoiceField(
        label=_("Trường hợp"), choices=[("", _("— Tính vào cơ sở —")), *Exclusion.choices], required=False
    )
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class CheckInForm(Form):
    query = forms.CharField(label=_("Họ tên hoặc mã thẻ đại biểu"), max_length=120, required=False)
