from django import forms
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit, User
from cndp.core import importing
from cndp.core.forms import Form, ModelForm
from cndp.party.choices import Gender, MemberEventKind
from cndp.party.models import Member, MemberEvent


def party_cells():
    return Unit.objects.filter(kind="party_cell").order_by("name")


class MemberForm(ModelForm):
    """Sửa thông tin cá nhân của đảng viên. The cell and the dates follow the history of events."""

    class Meta:
        model = Member
        fields = ["full_name", "gender", "birth_date", "staff", "card_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = User.objects.filter(is_agency_staff=True).order_by("name_sort_key")


class MemberCreateForm(Form):
    """Thêm đảng viên: the person, the cell, and the first events of their history."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "---------"), *Gender.choices])
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False)
    cell = forms.ModelChoiceField(label=_("Chi bộ"), queryset=Unit.objects.none())
    staff = forms.ModelChoiceField(label=_("Cán bộ"), queryset=User.objects.none(), required=False)
    admitted_on = forms.DateField(label=_("Ngày vào Đảng"))
    official_on = forms.DateField(
        label=_("Ngày chính thức"),
        required=False,
        help_text=_("Bỏ trống nếu còn dự bị; chỉ từ khi đủ 12 tháng dự bị."),
    )
    transferred_in_on = forms.DateField(
        label=_("Ngày chuyển đến Đảng bộ"),
        required=False,
        help_text=_("Chỉ ghi khi đảng viên được kết nạp ở nơi khác rồi chuyển sinh hoạt về Đảng bộ."),
    )
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=20, required=False)

    def __init__(self, *args, instance=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["cell"].queryset = party_cells()
        self.fields["staff"].queryset = User.objects.filter(
            is_agency_staff=True, party_member__isnull=True
        ).order_by("name_sort_key")


class MemberEventForm(ModelForm):
    """Ghi sự kiện vào lịch sử sinh hoạt đảng."""

    class Meta:
        model = MemberEvent
        fields = ["kind", "date", "cell", "decision_number", "decision_date", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = party_cells()
        self.fields["kind"].choices = [("", "---------"), *MemberEventKind.choices]

    def _post_clean(self):
        # The service validates the event against the whole history; no model validation here.
        pass


class MemberImportForm(Form):
    """Nhập danh sách đảng viên từ tệp Excel."""

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        return importing.check_upload(self.cleaned_data.get("file"))


class AtDateForm(Form):
    """Chọn ngày xem số liệu."""

    at = forms.DateField(label=_("Tại ngày"), required=False)
