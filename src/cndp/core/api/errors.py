"""The API answers in JSON even when no view handles the request: a URL under /api/ that matches no route
(e.g. /api/party/members/1.5/) gets `{"detail": "…"}` with 404, like DRF's own 404, not the HTML page."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def page_not_found(request, exception=None):
    """handler404: JSON under /api/, the site's 404 page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": _("Không tìm thấy.")}, status=404)
    return defaults.page_not_found(request, exception)
