"""What places adds to the home page (core.home): the provinces in force and the regions."""

from django.utils.translation import gettext as _

from cndp.core.permissions import can
from cndp.places.models import Province, Region
from cndp.places.selectors import province_list_valid_at


def home_contributions(request, today) -> dict:
    cards = []
    if can(request.user, "view", Province):
        cards.append(
            {
                "label": _("Tỉnh, thành phố hiện hành"),
                "value": province_list_valid_at(today).count(),
                "note": _("63 tỉnh cũ → 34 tỉnh từ 01/7/2025"),
                "url": "places:province_list",
            }
        )
    if can(request.user, "view", Region):
        cards.append(
            {
                "label": _("Vùng"),
                "value": Region.objects.count(),
                "note": _("KT-XH, Ban Chỉ đạo, KTTĐ, Bắc - Trung - Nam"),
                "url": "places:region_list",
            }
        )
    return {"cards": cards}
