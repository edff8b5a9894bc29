"""Links to records (liên kết): `reverse()` of a record's page worked out once per URL name.

A list page links every row to its record (and its «Xem» button): 50 `reverse()` calls a page, each
walking the URL patterns. The URL of `name` with a whole-number key differs from one record to the next
only by that number, so it is reversed once (with a stand-in number) and then written in; a name whose
URL does not take the number as it is (another converter, or none) is left to `reverse()`."""

from __future__ import annotations

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse

_STAND_IN = 987654321987  # a key no record has: found exactly once in the URL, or the name is not cached
_MISSING = object()


def reverse_pk(viewname: str, pk) -> str:
    """`reverse(viewname, args=[pk])` for a whole-number `pk` (raises NoReverseMatch as it does)."""
    if type(pk) is not int or pk < 0:
        return reverse(viewname, args=[pk])
    parts = pk_url_parts(viewname)
    if parts is None:
        return reverse(viewname, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"


def pk_url_parts(viewname: str) -> tuple[str, str] | None:
    """(before, after) the number in the URL of `viewname` with a whole-number key: the URL of key `pk` is
    `f"{before}{pk}{after}"` (a list writes its rows' links with it); None when the name does not reverse
    so (another converter, no argument, no such name) — `reverse()` then says what it says."""
    # Kept on the URL resolver: a new URL configuration (or `clear_url_caches`) starts afresh.
    known = get_resolver(get_urlconf()).__dict__.setdefault("_cndp_pk_urls", {})
    key = (viewname, get_script_prefix())
    parts = known.get(key)
    if parts is None:
        try:
            url = reverse(viewname, args=[_STAND_IN])
        except NoReverseMatch:
            parts = _MISSING
        else:
            pieces = url.split(str(_STAND_IN))
            parts = (pieces[0], pieces[1]) if len(pieces) == 2 else _MISSING
        known[key] = parts
    return None if parts is _MISSING else parts
