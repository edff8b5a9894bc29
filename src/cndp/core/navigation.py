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
    groups: dict[str, dict] = {}  # apps may add items to one group (congress + elections under "Đại hội")
    for config in apps.get_app_configs():
        for group in getattr(config, "menu", ()):
            items = [
                {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
                for item in group.items
                if user.is_authenticated and user.has_perm(item.permission)
            ]
            if items:
                entry = groups.setdefault(
                    str(group.label),
                    {"label": group.label, "icon": group.icon, "items": [], "order": group.order},
                )
                entry["items"].extend(items)
                entry["order"] = min(entry["order"], group.order)
    return sorted(groups.values(), key=lambda g: g["order"])
