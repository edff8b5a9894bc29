"""The one permission helper (kiểm tra quyền) every view, API view, import and job uses.

Two questions, always asked together:
1. Does the user's role allow the action on the model?  (Django model permissions via groups)
2. Is the record inside the user's province scope?       (province officers see only their province)
   … or unit scope? (an officer of a unit of the Ministry sees only what concerns its unit, on the
   models that declare `unit_scope_path`)

    require(request.user, "change", obj)       # raises PermissionDenied / Http404
    Model.objects.restrict(request.user, "view")  # the queryset the user may see
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

ACTIONS = ("view", "add", "change", "delete")


def perm_name(model: type[Model] | Model, action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def user_province_id(user) -> int | None:
    """The province a user is confined to, or None for agency-wide users."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    return getattr(user, "scope_province_id", None)


def user_unit_id(user) -> int | None:
    """The unit a user is confined to (an officer of a unit of the Ministry: only the records that
    concern that unit, on the models that declare `unit_scope_path`), or None."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    return getattr(user, "scope_unit_id", None)


def _unit_filter(queryset: QuerySet, path: str, unit_id: int) -> QuerySet:
    """The records of `queryset` that concern the unit (a subquery: a many-valued path adds no rows)."""
    model = queryset.model
    return queryset.filter(pk__in=model._base_manager.filter(**{path: unit_id}).values("pk"))


def can(user, action: str, model: type[Model] | Model) -> bool:
    """Role check only: may this user do `action` on this kind of record at all?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(perm_name(model, action))


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The part of `queryset` the user may `action`: nothing without the permission; only the user's
    province for a province officer on a province-scoped model."""
    model = queryset.model
    if not can(user, action, model):
        return queryset.none()
    province_id = user_province_id(user)
    path = getattr(model, "scope_path", None)
    if province_id is not None and path:
        return queryset.filter(**{path: province_id})
    if province_id is not None and path is None and action != "view":
        # Reference data shared by all provinces: a province user may read, never write.
        return queryset.none()
    unit_id = user_unit_id(user)
    if unit_id is not None:
        unit_path = getattr(model, "unit_scope_path", None)
        if unit_path:
            return _unit_filter(queryset, unit_path, unit_id)
        if action != "view":
            return queryset.none()
    return queryset


def in_scope(user, obj: Model) -> bool:
    unit_id = user_unit_id(user)
    unit_path = getattr(type(obj), "unit_scope_path", None)
    if unit_id is not None and unit_path and obj.pk is not None:
        if not _unit_filter(type(obj)._base_manager.filter(pk=obj.pk), unit_path, unit_id).exists():
            return False
    province_id = user_province_id(user)
    path = getattr(type(obj), "scope_path", None)
    if province_id is None:
        return True
    if not path:
        return False
    value = obj
    *hops, last = path.split("__")
    for attr in hops:
        value = getattr(value, attr, None)
        if value is None:
            return False
    # The last hop by its id column when it is a foreign key: no query for the province itself.
    value = getattr(value, f"{last}_id", getattr(value, last, None))
    return getattr(value, "pk", value) == province_id


def may_view(user, obj: Model) -> bool:
    """Would `require(user, "view", obj)` let the user open the record's page? Asked before linking to
    it (`{% link %}`): a page never links where its viewer gets 403 or 404."""
    if not can(user, "view", obj):
        return False
    return getattr(type(obj), "scope_path", None) is None or in_scope(user, obj)


def require(user, action: str, obj_or_model: type[Model] | Model) -> None:
    """Raise unless the user may do `action` on the object (or model). Out-of-scope objects are 404:
    a province officer must not even learn that another province's record exists."""
    if not can(user, action, obj_or_model):
        raise PermissionDenied
    if isinstance(obj_or_model, Model):
        if not in_scope(user, obj_or_model) and not (
            action == "view" and getattr(type(obj_or_model), "scope_path", None) is None
        ):
            raise Http404
    elif action in ("add", "change", "delete") and user_province_id(user) is not None:
        if getattr(obj_or_model, "scope_path", None) is None:
            raise PermissionDenied
    elif action in ("add", "change", "delete") and user_unit_id(user) is not None:
        if getattr(obj_or_model, "unit_scope_path", None) is None:
            raise PermissionDenied
