from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import PROVINCIAL_KINDS
from cndp.accounts.models import User
from cndp.congress.models import Delegate
from cndp.core.forms import Form, ModelForm
from cndp.elections.choices import CandidateSource, Decision
from cndp.elections.models import Election


class ElectionForm(ModelForm):
    class Meta:
        model = Election
        fields = ["congress", "kind", "seats", "base_override"]

    def clean(self):
        """No election is added to, or changed in, a closed congress (read-only)."""
        from cndp.congress.services import CongressClosed, congress_require_open

        data = super().clean()
        try:
            congress_require_open(self.instance.congress_id if self.instance.pk else None)
            congress_require_open(data.get("congress"))
        except CongressClosed as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class CandidateForm(Form):
    delegate = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Delegate.objects.none())
    source = forms.ChoiceField(label=_("Nguồn giới thiệu"), choices=CandidateSource.choices)
    floor_agreement = forms.IntegerField(
        label=_("Số đại biểu tán thành giới thiệu"), min_value=0, required=False
    )

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        if election is not None:
            taken = election.candidates.values_list("delegate_id", flat=True)
            self.fields["delegate"].queryset = (
                Delegate.objects.filter(congress=election.congress, is_official=True)
                .exclude(pk__in=taken)
                .order_by("name_sort_key")
            )


class AdoptForm(Form):
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, initial=0)


class StartForm(Form):
    ballots_issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=1)
    clerk_a = forms.ModelChoiceField(label=_("Người nhập A"), queryset=User.objects.none())
    clerk_b = forms.ModelChoiceField(label=_("Người nhập B"), queryset=User.objects.none())

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        if election is not None:
            board = User.objects.filter(counting_boards__congress=election.congress).order_by("name_sort_key")
            self.fields["clerk_a"].queryset = board
            self.fields["clerk_b"].queryset = board


class EntryForm(Form):
    number = forms.IntegerField(label=_("Phiếu số"), min_value=1)
    text = forms.CharField(label=_("Số thứ tự các tên bị gạch"), required=False, max_length=500)


class SettleForm(Form):
    number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Nội dung phiếu theo phiếu giấy"), required=False, max_length=500)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


DECISIONS_FOR = {
    "tie": (Decision.TIE_REVOTE, Decision.STOP),
    "shortfall": (Decision.FURTHER_ROUND, Decision.STOP),
}


class DecisionForm(Form):
    decision = forms.ChoiceField(label=_("Quyết định của đại hội"), choices=Decision.choices)
    note = forms.CharField(
        label=_("Nội dung (biểu quyết, số phiếu)"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, outcome: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # No default: the congress decides; only the decisions the outcome allows are offered (a revote
        # "among those tied" only when there is a tie, a further round only when seats are unfilled).
        allowed = DECISIONS_FOR.get(outcome, tuple(Decision))
        choices = [c for c in Decision.choices if c[0] in allowed]
        self.fields["decision"].choices = [("", _("— chọn quyết định —")), *choices]


class RecountForm(Form):
    reason = forms.CharField(label=_("Lý do kiểm phiếu lại"), max_length=255)


class BoardForm(Form):
    delegate = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Delegate.objects.none())
    account = forms.ModelChoiceField(
        label=_("Tài khoản sử dụng"), queryset=User.objects.filter(is_active=True).order_by("name_sort_key")
    )
    is_head = forms.BooleanField(label=_("Trưởng ban"), required=False)

    def __init__(self, *args, congress=None, **kwargs):
        super().__init__(*args, **kwargs)
        if congress is not None:
            self.fields["delegate"].queryset = Delegate.objects.filter(
                congress=congress, is_official=True
            ).order_by("name_sort_key")
            # Only the delegates' own agency accounts (the service checks the pair and the unit again).
            self.fields["account"].queryset = (
                User.objects.filter(is_active=True, party_member__summons__congress=congress)
                .exclude(unit__kind__in=PROVINCIAL_KINDS)
                .distinct()
                .order_by("name_sort_key")
            )


class ApprovalForm(Form):
    number = forms.CharField(label=_("Số quyết định chuẩn y"), max_length=40)
    date = forms.DateField(label=_("Ngày"))
