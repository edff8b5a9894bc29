"""Forms of draft documents and comments."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit
from cndp.congress.documents.choices import Answer, AuthorKind
from cndp.congress.models import Delegate, DocumentSection, DraftDocument
from cndp.core.forms import Form, ModelForm


class DraftDocumentForm(ModelForm):
    class Meta:
        model = DraftDocument
        fields = ["congress", "kind", "title", "version", "issued_on"]


class SectionForm(Form):
    number = forms.CharField(label=_("Số mục"), max_length=20, required=False, help_text=_("Ví dụ: I.2"))
    title = forms.CharField(label=_("Tiêu đề mục"), max_length=500)
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SectionsImportForm(Form):
    text = forms.CharField(
        label=_("Toàn văn dự thảo"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi tiêu đề mục trên một dòng, bắt đầu bằng «I.», «II.», «1.», «2.», «1.1.»…"),
    )


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.cell.name}"


class CommentForm(Form):
    section = forms.ModelChoiceField(label=_("Mục"), queryset=DocumentSection.objects.none())
    author_kind = forms.ChoiceField(
        label=_("Ý kiến của"), choices=AuthorKind.choices, initial=AuthorKind.MEMBER, widget=forms.RadioSelect
    )
    delegate = DelegateChoiceField(
        label=_("Đảng viên góp ý"), queryset=Delegate.objects.none(), required=False
    )
    cell = forms.ModelChoiceField(label=_("Chi bộ góp ý"), queryset=Unit.objects.none(), required=False)
    content = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 3}))
    submitted_on = forms.DateField(label=_("Ngày góp ý"), required=False, widget=forms.DateInput())

    def __init__(self, *args, document: DraftDocument, **kwargs):
        super().__init__(*args, **kwargs)
        congress = document.congress
        self.fields["section"].queryset = DocumentSection.objects.filter(document=document)
        self.fields["delegate"].queryset = Delegate.objects.filter(congress=congress).select_related("cell")
        self.fields["cell"].queryset = Unit.objects.filter(
            kind=UnitKind.PARTY_CELL, parent=congress.organisation_id
        ).order_by("name")
        self.fields["author_kind"].widget.attrs["class"] = "form-check-input"
        self.fields["submitted_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        kind = data.get("author_kind")
        if kind == AuthorKind.MEMBER and not data.get("delegate"):
            self.add_error("delegate", _("Chọn đảng viên góp ý."))
        if kind == AuthorKind.CELL and not data.get("cell"):
            self.add_error("cell", _("Chọn chi bộ góp ý."))
        if kind == AuthorKind.MEMBER:
            data["cell"] = None
        elif kind == AuthorKind.CELL:
            data["delegate"] = None
        return data


class AnswerForm(Form):
    answer = forms.ChoiceField(label=_("Tiếp thu"), choices=[("", _("— Chọn —")), *Answer.choices])
    explanation = forms.CharField(
        label=_("Giải trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi tiếp thu một phần hoặc không tiếp thu"),
    )
