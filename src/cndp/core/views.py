"""Home dashboard (trang chủ) and the API root."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.reverse import reverse

from cndp.core.permissions import can, restrict, user_province_id
from cndp.core.text import format_percent, parse_day


@login_required
def home(request):
    from cndp.accounts.models import Unit, User
    from cndp.party.models import Member
    from cndp.party.selectors import member_counts
    from cndp.places.models import Province, Region
    from cndp.places.selectors import province_list_valid_at

    user = request.user
    today = datetime.date.today()
    cards = []
    if can(user, "view", Province):
        cards.append(
            {
                "label": _("Tỉnh, thành phố hiện hành"),
                "value": province_list_valid_at(today).count(),
                "note": _("63 tỉnh cũ → 34 tỉnh từ 01/7/2025"),
                "url": "places:province_list",
            }
        )
    if can(user, "view", Region):
        cards.append(
            {
                "label": _("Vùng"),
                "value": Region.objects.count(),
                "note": _("KT-XH, Ban Chỉ đạo, KTTĐ, Bắc - Trung - Nam"),
                "url": "places:region_list",
            }
        )
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
    party_at = parse_day(request.GET.get("at")) or today
    party = member_counts(party_at) if can(user, "view", Member) else None
    province = user.unit.province if user_province_id(user) else None
    return render(
        request,
        "core/home.html",
        {
            "cards": cards,
            "party": party,
            "party_at": party_at,
            "party_ratio": format_percent(party.members, party.staff) if party else "",
            "province": province,
            "today": today,
        },
    )


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request, format=None):
    return Response(
        {
            "provinces": reverse("places-api:province-list", request=request, format=format),
            "regions": reverse("places-api:region-list", request=request, format=format),
            "units": reverse("accounts-api:unit-list", request=request, format=format),
            "users": reverse("accounts-api:user-list", request=request, format=format),
            "party-members": reverse("party-api:member-list", request=request, format=format),
            "congresses": reverse("congress-api:congress-list", request=request, format=format),
            "delegates": reverse("congress-api:delegate-list", request=request, format=format),
            "schema": reverse("api-schema", request=request, format=format),
        }
    )
