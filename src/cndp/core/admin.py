"""Admin bases (trang quản trị): the admin writes through the same service as every other path."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from cndp.core.jobs.admin import JobAdmin  # noqa: F401 — the long jobs' admin page, registered on import
from cndp.core.permissions import restrict
from cndp.core.services import ServiceError, object_save


class ServiceHistoryAdmin(SimpleHistoryAdmin):
    """A model admin whose list is the user's scope and whose saves go through core.services.object_save
    (permission, province scope, scope-relevant fields, full_clean, audit), like the forms and the API."""

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, "view")

    def save_model(self, request, obj, form, change):
        try:
            object_save(instance=obj, user=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
            raise PermissionDenied(str(exc)) from exc
