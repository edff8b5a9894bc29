"""Links only where the viewer may go (liên kết theo quyền).

    {% load cndp_links %}
    {% link unit %}                   <a href="/accounts/units/8/">Cục Công Thương địa phương</a>, or the
                                      name alone when the viewer would get 403 or 404 there
    {% link task text=task.place %}   the same with another text
    {% links project.coordinating_units.all %}   several, separated by ", "
    {% if unit|viewable:request.user %}…{% endif %}

A province officer is shown the name of another province's record, or of the agency's, without a link
(core.permissions.may_view asks what `require(user, "view", obj)` would answer).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

from cndp.core.permissions import may_view

register = template.Library()


def link_html(user, obj, text=None, css: str = ""):
    """The record's link if the user may open it, else its name (escaped either way)."""
    if obj is None:
        return ""
    text = str(obj) if text is None else text
    url = getattr(obj, "get_absolute_url", None)
    if url is None or user is None or not may_view(user, obj):
        return format_html("{}", text)
    if css:
        return format_html('<a href="{}" class="{}">{}</a>', url(), css, text)
    return format_html('<a href="{}">{}</a>', url(), text)


@register.simple_tag(takes_context=True)
def link(context, obj, text=None, css=""):
    request = context.get("request")
    return link_html(getattr(request, "user", None), obj, text, css)


@register.simple_tag(takes_context=True)
def links(context, objects, sep=", "):
    request = context.get("request")
    user = getattr(request, "user", None)
    return format_html_join(sep, "{}", ((link_html(user, obj),) for obj in objects)) if objects else "—"


@register.filter
def viewable(obj, user) -> bool:
    return obj is not None and may_view(user, obj)
