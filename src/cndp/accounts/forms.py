from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import Role
from cndp.accounts.models import Unit, User
from cndp.core.forms import BootstrapMixin, ModelForm
from cndp.core.permissions import user_province_id
from cndp.places.models import Province


class UnitForm(ModelForm):
    class Meta:
        model = Unit
        fields = Unit.FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.filter(version="34").order_by("code")
        # The head is one of the unit's own users (a new unit has none yet).
        self.fields["head"].queryset = User.objects.filter(unit_id=self.instance.pk, is_active=True)
        province_id = user_province_id(user) if user is not None else None
        if province_id is not None:
            # A province officer edits only the units of their own province, and cannot move them out.
            self.fields["province"].queryset = Province.objects.filter(pk=province_id)
            self.fields["province"].empty_label = None
            # Keep the current parent even when it is outside the province, so saving never drops it.
            self.fields["parent"].queryset = Unit.objects.filter(
                Q(province_id=province_id) | Q(pk=self.instance.parent_id)
            )


class LoginForm(BootstrapMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BootstrapMixin, auth_forms.PasswordResetForm):
    """Sends the reset e-mail through the background task queue (hàng đợi tác vụ)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.template import loader

        from cndp.core.tasks import send_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, recipients=[to_email])


class SetPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    pass


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=[("vi", "Tiếng Việt"), ("en", "English")])


class UserForm(ModelForm):
    """Tài khoản người dùng với vai trò."""

    roles = forms.MultipleChoiceField(
        label=_("Vai trò"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = User
        fields = [
            "username",
            "full_name",
            "email",
            "unit",
            "position",
            "phone",
            "is_agency_staff",
            "is_active",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].widget.attrs["class"] = ""
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.groups.values_list("name", flat=True))

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.pk and not user.password:
            # A new account has no password until its owner sets one through the reset e-mail.
            user.set_unusable_password()
        if commit:
            user.save()
            self._save_m2m()
        return user

    def _save_m2m(self):
        from cndp.accounts.services import user_set_roles

        super()._save_m2m()
        user_set_roles(user=self.instance, roles=self.cleaned_data.get("roles", []))
