"""What the industrial-extension module adds to the global search (core.search): projects (đề án khuyến công),
found by code, name, implementing unit, province or commune, within the user's province."""

from django.utils.translation import gettext as _

from cndp.core.search import model_group
from cndp.extension.models import Project


def search_hits(user, text, limit):
    return model_group(
        Project,
        user,
        text,
        limit,
        kind=_("Đề án khuyến công"),
        order=40,
        queryset=Project.objects.select_related("province").order_by("-plan_year", "code"),
        note=lambda p: f"{p.code} · {p.province}" if p.province_id else p.code,
        list_url="extension:project_list",
    )
