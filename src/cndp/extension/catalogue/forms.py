"""Reference data forms of industrial extension (danh mục)."""

from django import forms

from cndp.core.forms import ModelForm
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    FundingCap,
    PriorityArea,
    Programme,
    Rubric,
    ScheduleRule,
    Trade,
)


class ProgrammeForm(ModelForm):
    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "scope",
            "province",
            "phase_start",
            "phase_end",
            "valid_from",
            "valid_to",
            "legal_basis",
            "description",
        ]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class ActivityTypeForm(ModelForm):
    class Meta:
        model = ActivityType
        fields = ["code", "name", "order", "description", "valid_from", "valid_to", "legal_basis"]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class FundingCapForm(ModelForm):
    class Meta:
        model = FundingCap
        fields = [
            "activity_type",
            "province",
            "share_percent",
            "max_amount",
            "per",
            "line_multiplier",
            "multiplier_note",
            "valid_from",
            "valid_to",
            "legal_basis",
            "confirmed",
        ]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class TradeForm(ModelForm):
    class Meta:
        model = Trade
        fields = ["code", "name", "order", "valid_from", "valid_to", "legal_basis"]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class PriorityAreaForm(ModelForm):
    class Meta:
        model = PriorityArea
        fields = ["code", "kind", "name", "order", "valid_from", "valid_to", "legal_basis"]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class RubricForm(ModelForm):
    class Meta:
        model = Rubric
        fields = [
            "code",
            "name",
            "scale",
            "pass_score",
            "min_reviewers",
            "valid_from",
            "valid_to",
            "legal_basis",
        ]
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class AnnualFundForm(ModelForm):
    class Meta:
        model = AnnualFund
        fields = ["programme", "year", "amount", "decision", "note"]


class ScheduleRuleForm(ModelForm):
    class Meta:
        model = ScheduleRule
        fields = ScheduleRule.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}
