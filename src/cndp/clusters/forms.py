"""Edit forms of industrial clusters (biểu mẫu nhập liệu)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.clusters.choices import DecisionKind
from cndp.clusters.models import Cluster, ClusterCondition, ClusterReport, SecondaryProject
from cndp.core.forms import Form, ModelForm
from cndp.core.permissions import user_province_id
from cndp.places.models import Province

CLUSTER_FIELDS = [
    "code",
    "name",
    "province",
    "old_district",
    "commune",
    "mountain",
    "kind",
    "specialised",
    "planned_area",
    "industrial_land",
    "leased_area",
    "developer_name",
    "developer_kind",
    "developer_tax_code",
    "total_investment",
    "capital_paid",
    "state_support",
    "detailed_plan_approved",
    "infrastructure_approved",
    "wastewater",
    "wastewater_capacity",
    "wastewater_compliant",
    "latitude",
    "longitude",
    "enterprises",
    "labour",
    "note",
]


class ClusterForm(ModelForm):
    """Cụm công nghiệp: a province officer registers and corrects clusters of their own province (today's
    unit or the old units it was formed from)."""

    class Meta:
        model = Cluster
        fields = CLUSTER_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Province.objects.order_by("-version", "code")
        province_id = user_province_id(user) if user is not None else None
        if province_id is not None:
            provinces = provinces.filter(pk=province_id) | provinces.filter(successor_id=province_id)
        self.fields["province"].queryset = provinces


class ProjectForm(ModelForm):
    class Meta:
        model = SecondaryProject
        fields = list(SecondaryProject.FIELDS)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.restrict(user, "change").select_related(
            "province_current"
        )


class ConditionForm(ModelForm):
    class Meta:
        model = ClusterCondition
        fields = [*ClusterCondition.FIELDS, "confirmed"]


class DecisionForm(Form):
    """Ghi nhận quyết định (thành lập, mở rộng, …)."""

    kind = forms.ChoiceField(label=_("Loại quyết định"), choices=DecisionKind.choices)
    number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    area = forms.DecimalField(
        label=_("Diện tích theo quyết định (ha)"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kinds=None, **kwargs):
        """`kinds`: the decisions the cluster's lifecycle allows now (the others are not offered)."""
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, label) for k, label in DecisionKind.choices if k in kinds]


class Form02Form(ModelForm):
    """Biểu 02 — the developer's figures for the period."""

    class Meta:
        model = ClusterReport
        fields = list(ClusterReport.FORM02_FIELDS)


class Form01Form(ModelForm):
    """Biểu 01 — a production project's figures for the period."""

    class Meta:
        model = ClusterReport
        fields = list(ClusterReport.FORM01_FIELDS)


class ReviewForm(Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SignForm(Form):
    signer = forms.CharField(label=_("Người ký"), max_length=120)


class ScheduleForm(Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2024, max_value=2100)
    period = forms.ChoiceField(label=_("Kỳ"), choices=[("half", _("6 tháng")), ("year", _("Năm"))])
