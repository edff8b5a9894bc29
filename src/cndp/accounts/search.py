"""What the accounts add to the global search (core.search): units (đơn vị) and users (người dùng)."""

from django.utils.translation import gettext as _

from cndp.accounts.models import Unit, User
from cndp.core.search import model_group


def search_hits(user, text, limit):
    return [
        *model_group(
            User,
            user,
            text,
            limit,
            kind=_("Người dùng"),
            order=11,
            queryset=User.objects.select_related("unit")
            .filter(is_active=True)
            .order_by("name_sort_key", "pk"),
            note=lambda u: str(u.unit) if u.unit_id else "",
            list_url="accounts:user_list",
        ),
        *model_group(
            Unit,
            user,
            text,
            limit,
            kind=_("Đơn vị"),
            order=50,
            queryset=Unit.objects.select_related("province").order_by("code"),
            list_url="accounts:unit_list",
        ),
    ]
