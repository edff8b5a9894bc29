"""What the congresses add to the global search (core.search): congresses (đại hội) and the people they
summoned (người được triệu tập)."""

from django.utils.translation import gettext as _

from cndp.congress.models import Congress, Delegate
from cndp.core.search import model_group


def search_hits(user, text, limit):
    return [
        *model_group(
            Congress,
            user,
            text,
            limit,
            kind=_("Đại hội"),
            order=20,
            queryset=Congress.objects.select_related("organisation").order_by("-opens_on", "pk"),
            note=lambda c: c.get_status_display(),
            list_url="congress:congress_list",
        ),
        *model_group(
            Delegate,
            user,
            text,
            limit,
            kind=_("Đại biểu được triệu tập"),
            order=21,
            queryset=Delegate.objects.select_related("congress__organisation").order_by(
                "-congress__opens_on", "code"
            ),
            note=lambda d: f"{d.code} · {d.congress}",
            list_url="congress:delegate_list",
        ),
    ]
