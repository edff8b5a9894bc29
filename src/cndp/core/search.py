"""Global search (tìm kiếm chung) from the top bar: each app contributes its hits the way it contributes
its menu and its home-page cards, so core knows no domain.

An AppConfig sets `search = "cndp.<app>.search.search_hits"`, a function of (user, text, limit) that
returns a list of `Group`s — one per kind of record (people, congresses, provinces, units, projects …),
each at most `limit` hits the user may see (`Model.objects.restrict(user)`: a province officer finds only
their province), and the address of the full filtered list. `model_group` builds one from a registry
model in one query. A new module adds a `search.py` and one line on its AppConfig.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string

from cndp.core.permissions import can
from cndp.core.text import fold, nfc

MIN_LENGTH = 2  # folded characters: one letter would match almost everything
LIMIT = 8  # hits per kind


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Group:
    kind: str  # what the hits are, in the user's language ("Đảng viên", "Tỉnh, thành phố" …)
    hits: list[Hit]
    more_url: str = ""  # the full list filtered by the same text
    more: bool = False  # more hits than shown
    order: int = 100


@dataclass
class Results:
    text: str
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def cleaned(text: str | None) -> str:
    return " ".join(nfc(text or "").split())[:100]


def search(user, text: str | None, limit: int = LIMIT) -> Results:
    """Every installed app's hits for `text`, within what `user` may see; nothing for a too short text."""
    text = cleaned(text)
    results = Results(text)
    if len(fold(text).replace(" ", "")) < MIN_LENGTH:
        return results
    for config in apps.get_app_configs():
        path = getattr(config, "search", None)
        if path:
            results.groups += [g for g in import_string(path)(user, text, limit) if g.hits]
    results.groups.sort(key=lambda g: g.order)
    return results


def model_group(
    model,
    user,
    text: str,
    limit: int,
    *,
    kind: str,
    order: int = 100,
    queryset=None,
    note: Callable | None = None,
    list_url: str | None = None,
) -> list[Group]:
    """One kind of record found by its folded search column, in one query; [] without the right to view."""
    if not can(user, "view", model):
        return []
    qs = queryset if queryset is not None else model.objects.all()
    found = list(qs.restrict(user, "view").search(text)[: limit + 1])
    hits = [Hit(str(obj), obj.get_absolute_url(), note(obj) if note else "") for obj in found[:limit]]
    more_url = ""
    if list_url:
        try:
            more_url = reverse(list_url) + "?" + urlencode({"q": text})
        except NoReverseMatch:
            more_url = ""
    return [Group(kind, hits, more_url, len(found) > limit, order)]
