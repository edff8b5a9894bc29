"""Forms of the follow-up (biểu mẫu): the registries' edit forms, the paste and review of a notice's
tasks, a unit's progress report, the agency's return, a deadline extension."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.forms import Form, ModelForm
from cndp.followup.choices import DeadlineKind
from cndp.followup.models import Leader, Notice, Task, WorkingSession
from cndp.places.models import Province


def unit_queryset():
    """Units a task may be given to: the Ministry's and the agency's units, provinces' Departments."""
    return (
        Unit.objects.filter(is_active=True)
        .exclude(kind__in=["party_committee", "party_cell"])
        .order_by("kind", "name")
    )


def province_queryset():
    return Province.objects.filter(version="34").order_by("code")


class LeaderForm(ModelForm):
    class Meta:
        model = Leader
        fields = ["full_name", "position", "email", "user", "rank", "is_active"]


class WorkingSessionForm(ModelForm):
    class Meta:
        model = WorkingSession
        fields = ["date", "leader", "province", "place", "topic", "participants"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = province_queryset()


class NoticeForm(ModelForm):
    class Meta:
        model = Notice
        fields = ["session", "number", "date", "signer", "title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = WorkingSession.objects.select_related("province").order_by("-date")

    def clean_file(self):
        from cndp.core.services import ServiceError
        from cndp.followup.services import check_file

        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size") and not getattr(upload, "_committed", False):
            try:
                check_file(upload, pdf_only=True)
            except ServiceError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload


class TaskForm(ModelForm):
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False
    )

    class Meta:
        model = Task
        fields = [
            "notice",
            "place",
            "content",
            "lead_unit",
            "province",
            "leader",
            "deadline_kind",
            "deadline",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = unit_queryset()
        self.fields["coordinating_units"].queryset = unit_queryset()
        self.fields["province"].queryset = province_queryset()
        if self.instance.pk:
            self.fields["coordinating_units"].initial = [
                a.unit_id for a in self.instance.assignments.all() if a.role == "coordinating"
            ]
            for name in ("deadline_kind", "deadline", "notice"):
                self.fields[name].disabled = True  # the deadline moves by an extension
                self.fields[name].help_text = (
                    _("Thay đổi thời hạn bằng chức năng gia hạn.") if name == "deadline" else ""
                )


class PasteForm(Form):
    text = forms.CharField(
        label=_("Nội dung thông báo"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Dán các mục I. Đánh giá chung / II. Nhiệm vụ / III. Về các kiến nghị, hoặc danh sách đánh số "
            "1., a), -, (i)…; (ii)…"
        ),
    )


class ReviewForm(Form):
    """One task read from the notice, to confirm."""

    keep = forms.BooleanField(label=_("Lưu"), required=False, initial=True)
    place = forms.CharField(label=_("Vị trí"), max_length=40, required=False)
    content = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False
    )
    deadline_kind = forms.ChoiceField(label=_("Loại thời hạn"), choices=DeadlineKind.choices)
    deadline = forms.DateField(label=_("Thời hạn"), required=False)
    lead_text = forms.CharField(required=False, widget=forms.HiddenInput)
    coordinators_text = forms.CharField(required=False, widget=forms.HiddenInput)
    deadline_text = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = unit_queryset()
        self.fields["coordinating_units"].queryset = unit_queryset()
        self.fields["coordinating_units"].widget.attrs["size"] = 3

    def clean(self):
        data = super().clean()
        if not data.get("keep"):
            return data
        if not data.get("lead_unit"):
            self.add_error("lead_unit", _("Chọn đơn vị chủ trì."))
        if data.get("deadline_kind") == DeadlineKind.DATE and not data.get("deadline"):
            self.add_error("deadline", _("Nhiệm vụ có thời hạn phải ghi thời hạn."))
        return data


ReviewFormSet = forms.formset_factory(ReviewForm, extra=0)


class ReportForm(Form):
    text = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    done = forms.BooleanField(label=_("Báo cáo hoàn thành"), required=False)
    document = forms.FileField(label=_("Tài liệu kèm theo"), required=False)


class ReturnForm(Form):
    comment = forms.CharField(label=_("Nội dung cần bổ sung"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(Form):
    new_deadline = forms.DateField(label=_("Thời hạn mới"))
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))
    agreed_by = forms.CharField(
        label=_("Người đồng ý"), max_length=200, help_text=_("Ví dụ: Thứ trưởng Nguyễn Văn A")
    )
    agreed_on = forms.DateField(label=_("Ngày đồng ý"), required=False)
