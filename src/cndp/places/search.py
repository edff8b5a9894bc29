"""What the places add to the global search (core.search): provinces and cities (tỉnh, thành phố)."""

from django.utils.translation import gettext as _

from cndp.core.search import model_group
from cndp.places.models import Province


def search_hits(user, text, limit):
    return model_group(
        Province,
        user,
        text,
        limit,
        kind=_("Tỉnh, thành phố"),
        order=40,
        queryset=Province.objects.order_by("version", "code"),  # today's 34 first, then the former 63
        note=lambda p: p.get_version_display(),
        list_url="places:province_list",
    )
