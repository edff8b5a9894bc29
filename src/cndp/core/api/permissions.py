"""API permission: the same role and province checks as the UI (core.permissions)."""

from rest_framework.permissions import BasePermission

from cndp.core.permissions import can, in_scope, require

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ModelActionPermission(BasePermission):
    """Maps the HTTP method to view / add / change / delete on the view's model; a view's extra actions
    name theirs in `action_permissions` (e.g. {"submit": "change", "review": "add"})."""

    @staticmethod
    def _action(request, view) -> str:
        named = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        return named or METHOD_ACTIONS.get(request.method, "change")

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        queryset = getattr(view, "queryset", None)
        if queryset is None:
            return True  # non-model endpoints (schema, root) only need a login
        return can(request.user, self._action(request, view), queryset.model)

    def has_object_permission(self, request, view, obj):
        action = self._action(request, view)
        require(request.user, action, obj)
        return action == "view" or in_scope(request.user, obj)
