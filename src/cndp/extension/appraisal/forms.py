"""Appraisal and selection forms: a reviewer's sheet on the rubric in force, the selection's year and fund."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import User
from cndp.core.forms import Form
from cndp.extension.models import Rubric


class AppraisalForm(Form):
    """Phiếu chấm: the reviewer and one score per criterion of the rubric in force."""

    reviewer = forms.ModelChoiceField(label=_("Thành viên thẩm định"), queryset=User.objects.none())
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rubric: Rubric | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        self.fields["reviewer"].queryset = User.objects.filter(is_agency_staff=True, is_active=True).order_by(
            "name_sort_key"
        )
        for criterion in rubric.criteria.all() if rubric else ():
            field = forms.DecimalField(
                label=f"{criterion.name} (×{criterion.weight.normalize():f})",
                min_value=0,
                max_value=rubric.scale,
                decimal_places=2,
            )
            field.widget.attrs["class"] = "form-control form-control-sm"
            self.fields[f"c_{criterion.code}"] = field

    def scores(self) -> dict:
        return {name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("c_")}


class SelectionForm(Form):
    year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    fund = forms.IntegerField(
        label=_("Nguồn kinh phí (đồng)"),
        min_value=0,
        required=False,
        help_text=_("Để trống: kinh phí năm đã nhập"),
    )
