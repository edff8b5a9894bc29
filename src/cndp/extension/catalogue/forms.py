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
        fields = Programme.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class ActivityTypeForm(ModelForm):
    class Meta:
        model = ActivityType
        fields = ActivityType.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class FundingCapForm(ModelForm):
    class Meta:
        model = FundingCap
        fields = FundingCap.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class TradeForm(ModelForm):
    class Meta:
        model = Trade
        fields = Trade.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class PriorityAreaForm(ModelForm):
    class Meta:
        model = PriorityArea
        fields = PriorityArea.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class RubricForm(ModelForm):
    class Meta:
        model = Rubric
        fields = Rubric.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}


class AnnualFundForm(ModelForm):
    class Meta:
        model = AnnualFund
        fields = AnnualFund.FIELDS


class ScheduleRuleForm(ModelForm):
    class Meta:
        model = ScheduleRule
        fields = ScheduleRule.FIELDS
        widgets = {"valid_from": forms.DateInput, "valid_to": forms.DateInput}
