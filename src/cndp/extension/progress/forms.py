"""Progress report forms: submit, review, attach a document."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.core.forms import Form
from cndp.extension.choices import DocumentKind

DATE = {"widget": forms.DateInput}


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
