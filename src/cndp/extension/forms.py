import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit, User
from cndp.core.forms import Form, ModelForm
from cndp.core.permissions import user_province_id
from cndp.extension import caps, lifecycle
from cndp.extension.choices import DocumentKind, LedgerKind
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    Beneficiary,
    FundingCap,
    PriorityArea,
    Programme,
    Project,
    Rubric,
    ScheduleRule,
    Trade,
)
from cndp.extension.services import PROJECT_FIELDS, user_roles
from cndp.places.models import Province

IMPLEMENTING_KINDS = (UnitKind.DOIT, UnitKind.EXTENSION_CENTRE, UnitKind.AGENCY_CENTRE)
DATE = {"widget": forms.DateInput}


class ProjectForm(ModelForm):
    """Đề án: a province officer proposes in their own province, for units of their province."""

    class Meta:
        model = Project
        fields = [
            *PROJECT_FIELDS[:4],
            "coordinating_units",
            *PROJECT_FIELDS[4:9],
            "priority_areas",
            *PROJECT_FIELDS[9:],
        ]
        widgets = {
            "start_date": forms.DateInput,
            "end_date": forms.DateInput,
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scale": forms.Textarea(attrs={"rows": 3}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 4}),
            "priority_areas": forms.SelectMultiple(attrs={"size": 6}),
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
        self.fields["implementing_unit"].queryset = units.order_by("province__code", "kind", "name")
        self.fields["coordinating_units"].queryset = Unit.objects.filter(
            kind__in=(*IMPLEMENTING_KINDS, UnitKind.AGENCY_DEPARTMENT)
        ).order_by("kind", "name")
        self.fields["province"].queryset = provinces.order_by("-version", "code")
        self.fields["province"].label_from_instance = lambda p: f"{p.name} — danh mục {p.version}"
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


class LedgerForm(Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=LedgerKind.choices)
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    on = forms.DateField(label=_("Ngày"), **DATE)
    document_number = forms.CharField(label=_("Số chứng từ"), max_length=60, required=False)
    note = forms.CharField(label=_("Nội dung"), max_length=255, required=False)


class SelectionForm(Form):
    year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    fund = forms.IntegerField(
        label=_("Nguồn kinh phí (đồng)"),
        min_value=0,
        required=False,
        help_text=_("Để trống: kinh phí năm đã nhập"),
    )


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


class ReportSubmitForm(Form):
    """Nộp báo cáo tiến độ: progress, what was done, outputs achieved so far (cumulative)."""

    percent_complete = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("Kết quả thực hiện trong kỳ"), widget=forms.Textarea(attrs={"rows": 4})
    )
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    trainees = forms.IntegerField(label=_("Lượt người đã được đào tạo (lũy kế)"), min_value=0, initial=0)
    models = forms.IntegerField(label=_("Mô hình trình diễn đã xây dựng (lũy kế)"), min_value=0, initial=0)
    machines = forms.IntegerField(label=_("Máy móc, thiết bị đã hỗ trợ (lũy kế)"), min_value=0, initial=0)
    products = forms.IntegerField(label=_("Sản phẩm được chứng nhận (lũy kế)"), min_value=0, initial=0)
    jobs = forms.IntegerField(label=_("Việc làm mới tạo ra (lũy kế)"), min_value=0, initial=0)

    def outputs(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in ("trainees", "models", "machines", "products", "jobs")}


class ReportReviewForm(Form):
    verdict = forms.ChoiceField(
        label=_("Kết quả xem xét"),
        choices=[("accepted", _("Chấp nhận báo cáo")), ("needs_revision", _("Yêu cầu bổ sung, hoàn thiện"))],
    )
    comment = forms.CharField(
        label=_("Ý kiến (bắt buộc khi yêu cầu bổ sung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DocumentForm(Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("Ngày văn bản"), required=False, **DATE)
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel, ảnh; tối đa 25 MB)"))
