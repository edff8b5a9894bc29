"""What accounts adds to the home page (core.home): the units and users within the user's scope."""

from django.utils.translation import gettext as _

from cndp.accounts.models import Unit, User
from cndp.core.permissions import can, restrict


def home_contributions(request, today) -> dict:
    user = request.user
    cards = []
    if can(user, "view", Unit):
        cards.append(
            {
                "label": _("Đơn vị"),
                "value": restrict(Unit.objects.all(), user).count(),
                "note": "",
                "url": "accounts:unit_list",
            }
        )
    if can(user, "view", User):
        cards.append(
            {
                "label": _("Người dùng"),
                "value": restrict(User.objects.all(), user).count(),
                "note": "",
                "url": "accounts:user_list",
            }
        )
    return {"cards": cards}
