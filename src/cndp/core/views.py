"""Home dashboard (trang chủ), the API root, and the shape every action view shares (bind a form, call a
service, say how it went, go back to the page)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.reverse import reverse

from cndp.core.permissions import can, restrict, user_province_id
from cndp.core.services import ServiceError
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
    cards += _extension_cards(user, today)
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


def _extension_cards(user, today) -> list[dict]:
    """Khuyến công: the proposals of the plan year now open and the progress reports that need doing."""
    from cndp.extension.models import ProgressReport, Project
    from cndp.extension.selectors import work_queue

    if not (can(user, "view", Project) and can(user, "view", ProgressReport)):
        return []
    work = work_queue(user, today)
    cards = [
        {
            "label": _("Đề án đăng ký kế hoạch năm %(y)s") % {"y": work["open_year"]},
            "value": work["proposals"],
            "note": _("Khuyến công quốc gia"),
            "url": "extension:project_list",
            "query": f"?plan_year={work['open_year']}",
        },
        {
            "label": _("Báo cáo tiến độ quá hạn"),
            "value": work["overdue"],
            "note": _("%(n)s báo cáo đến hạn trong %(d)s ngày tới")
            % {"n": work["due_soon"], "d": work["remind_days"]},
            "url": "extension:progressreport_list",
            "query": "?standing=overdue",
            "alert": work["overdue"] > 0,
        },
    ]
    if can(user, "add", ProgressReport):  # the agency reviews
        cards.append(
            {
                "label": _("Báo cáo tiến độ chờ xem xét"),
                "value": work["waiting"],
                "note": "",
                "url": "extension:progressreport_list",
                "query": "?standing=waiting",
            }
        )
    return cards


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


def run_service(request, call, success):
    """Call a service (`call()`) and say how it went: the text of the ServiceError it raises, or `success`
    (the message, or a function of the service's result that makes it). Returns the result (True when the
    service returns nothing), or None when the service refused."""
    try:
        result = call()
    except ServiceError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result or True


def act(request, back, call, success, *, form=None, invalid=None, anchor=""):
    """One POST that changes something: check `form` (if any), call the service, say how it went and go
    back to a page.

    back     the object whose page to go back to, or an address; or a function of the service's result
             (None when it was refused or not called) that gives one
    call     a function of the form's cleaned data (an empty dict without a form) that calls the service
    success  the message, or a function of the cleaned data and the service's result that makes it
    invalid  a function of the invalid form that makes the error message (None: no message)
    anchor   added to the page address, e.g. "#mismatches"
    """
    result = None
    if form is not None and not form.is_valid():
        if invalid is not None:
            messages.error(request, invalid(form))
    else:
        data = form.cleaned_data if form is not None else {}
        message = (lambda result: success(data, result)) if callable(success) else success
        result = run_service(request, lambda: call(data), message)
    target = back(result) if callable(back) else back
    return redirect((target if isinstance(target, str) else target.get_absolute_url()) + anchor)


def form_errors(form) -> str:
    """A form's errors on one line: «Field: error, error; Other field: error» (errors of the whole form
    without a label)."""
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {', '.join(e)}".lstrip(": ")
        for f, e in form.errors.items()
    )
