"""Context processors: the navigation menu (menu, and its markup: menu_html), built once per request.

A template rendered with the request runs every context processor again (django-tables2 renders each
`TemplateColumn` cell that way), so the menu is kept on the request: built on the first call, reused by
every later render of the same request for the same user."""

from cndp.core.navigation import menu_for

_CACHE_ATTR = "_cndp_menu"


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "menu_html": ""}
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None or cached[0] != user.pk:  # a login or logout within the request rebuilds it
        cached = (user.pk, menu_for(user))
        setattr(request, _CACHE_ATTR, cached)
    return {"menu": cached[1], "menu_html": cached[1].html}
