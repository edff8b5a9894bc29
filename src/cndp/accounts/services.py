"""Writes for accounts (người dùng, đơn vị, vai trò)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from cndp.accounts.choices import Role
from cndp.accounts.roles import ADMIN_APPS, ROLE_PERMISSIONS


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS."""
    all_perms = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=ADMIN_APPS
        )
    }
    counts = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for model, actions in ROLE_PERMISSIONS[role].items():
            if model == "*":
                wanted = [p for key, p in all_perms.items() if key.split(".")[1].split("_")[0] in actions]
                break
            app, name = model.split(".")
            for action in actions:
                perm = all_perms.get(f"{app}.{action}_{name}")
                if perm is not None:
                    wanted.append(perm)
        group.permissions.set(wanted)
        counts[role.value] = len(wanted)
    return counts


@transaction.atomic
def user_set_roles(*, user, roles: list[str]) -> None:
    groups = [Group.objects.get_or_create(name=r)[0] for r in roles]
    user.groups.set(groups)
    if Role.ADMIN in roles and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
