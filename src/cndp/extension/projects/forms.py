import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit
from cndp.core.forms import CheckList, Form, ModelForm
from cndp.core.permissions import user_province_id
from cndp.extension.choices import LedgerKind
from cndp.extension.models import ActivityType, Beneficiary, PriorityArea, Project, Trade
from cndp.extension.projects import caps, lifecycle
from cndp.extension.projects.services import PROJECT_FIELDS, PROJECT_INPUT_FIELDS, user_roles
from cndp.places.models import REFORM_DATE, Province

IMPLEMENTING_KINDS = (UnitKind.DOIT, UnitKind.EXTENSION_CENTRE, UnitKind.AGENCY_CENTRE)
DATE = {"widget": forms.DateInput}


class ProjectForm(ModelForm):
    """Đề án: a province officer proposes in their own province, for units of their province."""

    class Meta:
        model = Project
        fields = PROJECT_INPUT_FIELDS
        widgets = {
            "start_date": forms.DateInput,
            "end_date": forms.DateInput,
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scale": forms.Textarea(attrs={"rows": 3}),
            "coordinating_units": CheckList,
            "priority_areas": CheckList,
            "extension_funds": forms.NumberInput(attrs={"min": 0}),
            "counterpart_funds": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        province_id = user_province_id(user) if user is not None else None
        units = Unit.objects.filter(kind__in=IMPLEMENTING_KINDS, is_active=True).select_related("province")
        provinces = Province.objects.all()
        if province_id is not None:
            units = units.filter(province_id=province_id)
            provinces = provinces.filter(Q(pk=province_id) | Q(successor_id=province_id))
        if province_id is not None and self.instance.pk:
            # The unit already recorded stays offered (e.g. an agency centre implementing a province's
            # project): without it the officer could not save the project at all.
            units = units | Unit.objects.filter(pk=self.instance.implementing_unit_id)
        self.fields["implementing_unit"].queryset = units.order_by("province__code", "kind", "name")
        self.fields["coordinating_units"].queryset = Unit.objects.filter(
            kind__in=(*IMPLEMENTING_KINDS, UnitKind.AGENCY_DEPARTMENT)
        ).order_by("kind", "name")
        # One list: today's 34; the 63 of before 1/7/2025 (in their own labelled group) only for a project
        # that started before then, whose province is the one of that time.
        start = self.instance.start_date if self.instance.pk else None
        if start is None or start >= REFORM_DATE:
            provinces = provinces.filter(version="34")
        self.fields["province"].queryset = provinces.order_by("-version", "code")
        self.fields["programme"].required = False
        self.fields["programme"].help_text = _("Để trống: chương trình quốc gia của giai đoạn")
        self.fields["priority_areas"].queryset = PriorityArea.objects.all()
        self.fields["activity_type"].queryset = ActivityType.objects.all()
        self.fields["trade"].queryset = Trade.objects.all()
        if not self.instance.pk:
            # A new instance's empty values would hide the fields' initial values: set the form's initial.
            year = caps.first_open_plan_year(timezone.localdate())
            defaults = {
                "plan_year": year,
                "start_date": datetime.date(year, 3, 1),
                "end_date": datetime.date(year, 11, 30),
                "counterpart_funds": 0,
            }
            if province_id is not None:
                own = units.filter(kind=UnitKind.EXTENSION_CENTRE).first()
                defaults.update(province=province_id, implementing_unit=own.pk if own else None)
            for name, value in defaults.items():
                if self.initial.get(name) in (None, "", []):
                    self.initial[name] = value
        self.fields["plan_year"].widget.attrs["inputmode"] = "numeric"

    def _post_clean(self):
        # The model's own checks run in the service (with the derived fields and the rules); here only the
        # form's fields are read into the instance.
        from django.forms.models import construct_instance

        opts = self._meta
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        except forms.ValidationError as exc:
            self._update_errors(exc)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in PROJECT_FIELDS if name in data}


def may_edit(user, project) -> bool:
    return lifecycle.may_edit(project.status, user_roles(user))


class TransitionForm(Form):
    """One next step: the comment and, where the step needs one, the document's number and date."""

    target = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Ý kiến, lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Ngày văn bản"), required=False, **DATE)


class LedgerForm(Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=LedgerKind.choices)
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    on = forms.DateField(label=_("Ngày"), **DATE)
    document_number = forms.CharField(label=_("Số chứng từ"), max_length=60, required=False)
    note = forms.CharField(label=_("Nội dung"), max_length=255, required=False)


class BeneficiaryForm(ModelForm):
    class Meta:
        model = Beneficiary
        fields = [
            "project",
            "name",
            "kind",
            "tax_code",
            "address",
            "labour",
            "women_owned",
            "ethnic_minority_owned",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Only the projects whose data this user may still edit (and the beneficiary's own).
        projects = Project.objects.restrict(user, "change") if user else Project.objects.none()
        roles = user_roles(user) if user else set()
        editable = [s for s in lifecycle.STATUSES if lifecycle.may_edit(s, roles)]
        keep = Q(status__in=editable) | Q(pk=self.instance.project_id or 0)
        self.fields["project"].queryset = projects.filter(keep).order_by("-plan_year", "code")
        if not self.instance.pk and "project" in self.initial:
            self.fields["project"].widget = forms.HiddenInput()

    def clean_project(self):
        project = self.cleaned_data["project"]
        if self.user is not None and not may_edit(self.user, project):
            raise forms.ValidationError(
                _("Đề án đang ở trạng thái «%(s)s», không sửa được đơn vị thụ hưởng.")
                % {"s": project.get_status_display()}
            )
        return project
