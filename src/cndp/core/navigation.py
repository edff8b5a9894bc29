"""Navigation (menu): each app declares its menu in its AppConfig; only installed apps appear, and a
user sees only the entries their role allows."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


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


def menu_for(user) -> list[dict]:
    groups = []
    for config in apps.get_app_configs():
        for group in getattr(config, "menu", ()):
            items = [
                {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
                for item in group.items
                if user.is_authenticated and user.has_perm(item.permission)
            ]
            if items:
                groups.append(
                    {"label": group.label, "icon": group.icon, "items": items, "order": group.order}
                )
    return sorted(groups, key=lambda g: g["order"])
