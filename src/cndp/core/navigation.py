"""Navigation (menu): each app declares its menu in its AppConfig; only installed apps appear, and a
user sees only the entries their role allows.

What a user sees depends only on their permissions (and the language, the URL configuration and its
prefix): the menu of a set of permissions is built once per process and shared by every request of a
user holding that set (a `reverse()` and a permission check per entry, on every page, otherwise)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str  # "app.view_model"


@dataclass(frozen=True)
class MenuGroup:
    label: str
    icon: str
    items: tuple[MenuItem, ...]
    order: int = 100


def _permissions_key(user):
    """What decides the entries a user sees (`user.has_perm`): every permission for an active superuser,
    else the permissions of the user and their groups (none for an inactive user)."""
    if not user.is_authenticated or not user.is_active:
        return ()
    if user.is_superuser:
        return ("*",)
    return frozenset(user.get_all_permissions())


class Menu(list):
    """The menu's groups (a list, as templates and tests read it) and their markup (`html`), written once
    per menu: what base.html's loop over the groups and their entries wrote on every page."""

    @cached_property
    def html(self) -> str:
        parts = []
        for group in self:
            entries = "".join(
                f'<li><a class="dropdown-item" href="{conditional_escape(item["url"])}">'
                f"{conditional_escape(item['label'])}</a></li>"
                for item in group["items"]
            )
            parts.append(
                '\n        <li class="nav-item dropdown">\n'
                '          <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" '
                f'aria-expanded="false">{conditional_escape(group["label"])}</a>\n'
                f'          <ul class="dropdown-menu">\n            {entries}\n          </ul>\n        </li>\n        '
            )
        return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


def menu_for(user) -> Menu:
    """The menu of `user`: groups in order, each with the entries the user may open. Shared between the
    users with the same permissions: read it, never change it."""
    # Kept on the URL resolver: a new URL configuration (or `clear_url_caches`) starts afresh.
    menus = get_resolver(get_urlconf()).__dict__.setdefault("_cndp_menus", {})
    key = (_permissions_key(user), get_language(), get_script_prefix())
    menu = menus.get(key)
    if menu is None:
        if len(menus) > 512:  # a bound: roles are few, but permissions can be granted one by one
            menus.clear()
        menu = menus[key] = _build(user)
    return menu


def _build(user) -> Menu:
    """The labels translated here (the menu is kept per language), not at every render of every page."""
    groups: dict[str, dict] = {}  # apps may add items to one group (congress + elections under "Đại hội")
    for config in apps.get_app_configs():
        for group in getattr(config, "menu", ()):
            items = [
                {"label": str(item.label), "url": reverse(item.url_name), "url_name": item.url_name}
                for item in group.items
                if user.is_authenticated and user.has_perm(item.permission)
            ]
            if items:
                entry = groups.setdefault(
                    str(group.label),
                    {"label": str(group.label), "icon": group.icon, "items": [], "order": group.order},
                )
                entry["items"].extend(items)
                entry["order"] = min(entry["order"], group.order)
    return Menu(sorted(groups.values(), key=lambda g: g["order"]))
