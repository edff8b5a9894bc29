"""The home page's contributions (trang chủ): each app declares what it adds, the way it declares its
menu, so core knows no domain.

An AppConfig sets `home = "cndp.<app>.views.home_contributions"`, a function of (request, today) that
returns {"cards": [...], "panels": [...]}:
- a card: {"label", "value", "note", "url" (URL name), "query" (optional), "alert" (optional)};
- a panel: {"template": "<app>/includes/….html", "order": int, …} — the template receives it as `panel`.
A function may return nothing for a user who has no right to see its part.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string


def home_contributions(request, today) -> tuple[list[dict], list[dict]]:
    """The cards and panels every installed app gives this user today, in the apps' order."""
    cards: list[dict] = []
    panels: list[dict] = []
    for config in apps.get_app_configs():
        path = getattr(config, "home", None)
        if not path:
            continue
        given = import_string(path)(request, today) or {}
        cards += given.get("cards", [])
        panels += given.get("panels", [])
    return cards, sorted(panels, key=lambda panel: panel.get("order", 100))
