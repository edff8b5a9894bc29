"""Home dashboard (trang chủ), the API root, and the shape every action view shares (bind a form, call a
service, say how it went, go back to the page)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.reverse import reverse

from cndp.core import fragments
from cndp.core.home import home_contributions
from cndp.core.permissions import user_province_id
from cndp.core.services import ServiceError


@login_required
def home(request):
    """Trang chủ: what each app contributes for this user (core.home), within the user's scope; kept
    under the data version (core.fragments) and rendered again after a committed change or on another
    day."""
    today = datetime.date.today()

    def body():
        cards, panels = home_contributions(request, today)
        province = request.user.unit.province if user_province_id(request.user) else None
        context = {"cards": cards, "panels": panels, "province": province, "today": today}
        return mark_safe(render_to_string("core/includes/home_body.html", context, request=request))

    return render(request, "core/home.html", {"body": fragments.kept(request, "home", body, (today,))})


@login_required
def search(request):
    """Tìm kiếm chung (top bar): people, congresses, projects, provinces, units — what each app contributes
    (core.search), within the user's scope."""
    from cndp.core.search import search as run_search

    results = run_search(request.user, request.GET.get("q"))
    return render(request, "core/search.html", {"results": results})


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


def stored_file(file, *, filename: str = "") -> FileResponse:
    """A stored file as a download (the stored name unless `filename` is given); 404 when the record has
    none or it is gone from the server. The caller has checked that the user may see the record."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    return FileResponse(handle, as_attachment=True, filename=filename)
