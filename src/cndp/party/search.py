"""What the party registry adds to the global search (core.search): party members (đảng viên)."""

from django.utils.translation import gettext as _

from cndp.core.search import model_group
from cndp.party.models import Member


def search_hits(user, text, limit):
    return model_group(
        Member,
        user,
        text,
        limit,
        kind=_("Đảng viên"),
        order=10,
        queryset=Member.objects.select_related("cell").order_by("name_sort_key", "pk"),
        note=lambda m: str(m.cell) if m.cell_id else "",
        list_url="party:member_list",
    )
