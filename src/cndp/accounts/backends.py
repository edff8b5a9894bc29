"""The sign-in and permission backend (xác thực, quyền theo vai trò): Django's `ModelBackend`, with a
user's permissions read in one query and the user's unit read with the user.

Every page asks for the user's permissions (the menu, `core.permissions.can`); Django reads them in two
queries (those given to the user, those of the user's groups — the roles) on every request. Here both
come from one query with two subqueries: the same set, half the round trips. The query is written once per
database (its tables and columns read from the models' options), not built by the ORM on every request: the
ORM's compilation of its two subqueries cost more than the query itself (≈ 1.4 ms of a list page)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router

_PERMISSIONS_SQL: dict[str, str] = {}  # database alias → the query of a user's permissions


def _permissions_sql(alias: str) -> str:
    """A user's permissions, (app label, codename): those given to the user and those of their roles
    (`%s`: the user's id, twice) — Django's two permission queries as one."""
    sql = _PERMISSIONS_SQL.get(alias)
    if sql is None:
        q = connections[alias].ops.quote_name
        user_opts = get_user_model()._meta
        direct = user_opts.get_field("user_permissions")
        roles = user_opts.get_field("groups")
        role_permissions = Group._meta.get_field("permissions")
        permission, content_type = Permission._meta, ContentType._meta
        permission_id = q(permission.pk.column)
        sql = _PERMISSIONS_SQL[alias] = (
            f"SELECT ct.{q(content_type.get_field('app_label').column)}, p.{q(permission.get_field('codename').column)}"
            f" FROM {q(permission.db_table)} p INNER JOIN {q(content_type.db_table)} ct"
            f" ON ct.{q(content_type.pk.column)} = p.{q(permission.get_field('content_type').column)}"
            f" WHERE p.{permission_id} IN (SELECT d.{q(direct.m2m_reverse_name())} FROM {q(direct.m2m_db_table())} d"
            f" WHERE d.{q(direct.m2m_column_name())} = %s)"
            f" OR p.{permission_id} IN (SELECT rp.{q(role_permissions.m2m_reverse_name())}"
            f" FROM {q(role_permissions.m2m_db_table())} rp INNER JOIN {q(roles.m2m_db_table())} ur"
            f" ON ur.{q(roles.m2m_reverse_name())} = rp.{q(role_permissions.m2m_column_name())}"
            f" WHERE ur.{q(roles.m2m_column_name())} = %s)"
        )
    return sql


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
        alias = router.db_for_read(Permission)
        with connections[alias].cursor() as cursor:
            cursor.execute(_permissions_sql(alias), [user_obj.pk, user_obj.pk])
            rows = cursor.fetchall()
        user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
