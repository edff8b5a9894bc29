"""Kept page parts (phần trang đã dựng): a part of a page rendered from the data — a list's table and
filters, the home page's figures — kept in Django's cache under the data version it was read at
(core.data_version) and taken again while nothing has changed.

The key is everything the part is rendered from besides the data: the part's name, the code's
version (the deployed package), the settings in force, the user (their scope and rights are data, read
under the same version), the language, the time zone, today's date (deadlines and "overdue" marks), the
path and its whole query string, and whatever the caller adds. The data itself is named by its version: any
committed change anywhere raises it, so a part is never taken after a change (core.data_version says
why this holds between processes and servers, and what is not counted).

Nothing is kept or taken:
- inside a transaction the code opened (what it reads may never be committed);
- when the version cannot be read, or with `CNDP_FRAGMENT_CACHE=0`.
A kept part lives `CNDP_FRAGMENT_TTL` seconds at most (600 by default), the bound for writes made
outside Django. With the setting `CNDP_FRAGMENT_CACHE_VERIFY` (the test settings) a kept part is
rendered again whenever it is taken and must be equal, so the whole suite checks the keys."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from cndp.core import data_version

_CODE_VERSION: str | None = None


def _code_version() -> str:
    global _CODE_VERSION
    if _CODE_VERSION is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            _CODE_VERSION = version("cndp")
        except PackageNotFoundError:
            _CODE_VERSION = "0"
    return _CODE_VERSION


def fragment_key(request, name: str, version: str, extra: tuple = ()) -> str:
    """The cache key of part `name` of the page `request` asks for, at data `version`."""
    user = getattr(request, "user", None)
    parts = (
        name,
        _code_version(),
        version,
        getattr(user, "pk", None),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        request.path,
        sorted(request.GET.lists()),
        bool(getattr(request, "htmx", False)),
        id(
            settings._wrapped
        ),  # the settings in force: one object per process, another under override_settings
        extra,
    )
    return "cndp:part:" + hashlib.sha256(repr(parts).encode()).hexdigest()


class VerifyError(AssertionError):
    """A kept part differs from the same part rendered now: its key misses something it depends on."""


def _first_difference(kept_value, fresh) -> str:
    kept_text, fresh_text = repr(kept_value), repr(fresh)
    at = next((i for i, (a, b) in enumerate(zip(kept_text, fresh_text, strict=False)) if a != b), None)
    if at is None:
        at = min(len(kept_text), len(fresh_text))
    return f"kept …{kept_text[max(0, at - 120) : at + 80]}… now …{fresh_text[max(0, at - 120) : at + 80]}…"


def kept(request, name: str, render: Callable[[], Any], extra: tuple = ()) -> Any:
    """`render()`'s value for this page part: the kept one when the data has not changed since it was
    rendered, else rendered now (and kept). `render` must return a picklable value that depends only on
    the data and on what the key holds."""
    if not settings.CNDP_FRAGMENT_CACHE:
        return render()
    version = data_version.current()
    if version is None:
        return render()
    key = fragment_key(request, name, version, extra)
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, settings.CNDP_FRAGMENT_TTL)
    elif settings.CNDP_FRAGMENT_CACHE_VERIFY:
        fresh = render()
        if fresh != value:
            raise VerifyError(
                f"kept part {name!r} of {request.get_full_path()} (data version {version}) differs from a "
                f"fresh one: {_first_difference(value, fresh)}"
            )
    return value
