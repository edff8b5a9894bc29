"""Registries of units and users; login, password change and reset (đăng nhập, đổi và khôi phục mật khẩu)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cndp.accounts import filtersets, forms, tables
from cndp.accounts.models import Unit, User
from cndp.core import generic


class UnitViews(generic.Registry):
    model = Unit
    queryset = Unit.objects.select_related("parent", "province", "head")
    table = tables.UnitTable
    filterset = filtersets.UnitFilterSet
    form = forms.UnitForm
    form_takes_user = True
    detail_fields = Unit.FIELDS
    related_tables = [
        (_("Đơn vị trực thuộc"), "children", tables.UnitTable),
        (_("Người dùng"), "users", tables.UserTable),
    ]


class UserViews(generic.Registry):
    model = User
    queryset = User.objects.select_related("unit").prefetch_related("groups")
    table = tables.UserTable
    filterset = filtersets.UserFilterSet
    form = forms.UserForm
    form_takes_user = True
    detail_fields = [
        "full_name",
        "username",
        "email",
        "unit",
        "position",
        "phone",
        "role_labels",
        "is_agency_staff",
        "is_active",
        "last_login",
    ]


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("password_reset_complete")
