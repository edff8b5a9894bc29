from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.congress.choices import CheckKind, Exclusion
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


class CheckInSubmitForm(CheckInForm):
    """Enter at the check-in desk: a typed name or card code, or a delegate picked from the results with
    the direction (vào / ra) of the button pressed."""

    delegate = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    kind = forms.ChoiceField(
        label=_("Điểm danh"),
        choices=CheckKind.choices,
        required=False,
        error_messages={"invalid_choice": _("Loại điểm danh «%(value)s» không hợp lệ (chỉ vào hoặc ra).")},
    )

    def clean_kind(self):
        return self.cleaned_data["kind"] or CheckKind.IN


class AgendaForm(Form):
    title = forms.CharField(label=_("Nội dung"), max_length=255)
    presenter = forms.CharField(label=_("Người trình bày"), max_length=120, required=False)
    starts_at = forms.TimeField(
        label=_("Thời gian (giờ:phút)"), required=False, input_formats=["%H:%M", "%Hh%M", "%H giờ %M"]
    )


class OrganForm(Form):
    organ = forms.ChoiceField(label=_("Cơ quan"), choices=[])
    delegate = forms.ModelChoiceField(label=_("Đảng viên"), queryset=None)
    is_chair = forms.BooleanField(label=_("Trưởng đoàn / trưởng ban"), required=False)

    def __init__(self, *args, congress=None, **kwargs):
        from cndp.congress.models import Delegate, OrganKind

        super().__init__(*args, **kwargs)
        kinds = [
            (k.value, k.label)
            for k in OrganKind
            if k != OrganKind.CREDENTIALS or (congress and congress.rules.credentials_committee)
        ]
        self.fields["organ"].choices = kinds
        self.fields["delegate"].queryset = Delegate.objects.filter(
            congress=congress, is_official=True
        ).order_by("name_sort_key")


class VoteForm(Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=[])
    subject = forms.CharField(label=_("Nội dung biểu quyết"), max_length=255)
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, initial=0)
    text = forms.CharField(
        label=_("Toàn văn (nếu là nghị quyết)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        from cndp.congress.models import VoteKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = VoteKind.choices
