"""The sign-in and permission backend (xác thực, quyền theo vai trò): Django's `ModelBackend`, with a
user's permissions read in one query and the user's unit read with the user.

Every page asks for the user's permissions (the menu, `core.permissions.can`); Django reads them in two
queries (those given to the user, those of the user's groups — the roles) on every request. Here both
come from one query with two subqueries: the same set, half the round trips and query building."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionBackend(ModelBackend):
    """`ModelBackend` whose `get_all_permissions` of an active, non-superuser user costs one query, and
    whose signed-in user comes with their unit (every page asks for it: the province or unit scope of
    each permission check, the unit's name in the user menu) — one query fewer a page."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("unit").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if (
            not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
            or user_obj.is_superuser
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        user_model = get_user_model()
        direct = user_model.user_permissions.through.objects.filter(user_id=user_obj.pk)
        memberships = user_model.groups.through.objects.filter(user_id=user_obj.pk)
        from_roles = Permission.group_set.through.objects.filter(group_id__in=memberships.values("group_id"))
        rows = (
            Permission.objects.filter(
                Q(pk__in=direct.values("permission_id")) | Q(pk__in=from_roles.values("permission_id"))
            )
            .values_list("content_type__app_label", "codename")
            .order_by()
        )
        user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
