"""ViewSet bases: querysets restricted by role and province, writes through the core services."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError

from cndp.core.services import ScopeViolation, ServiceError, object_delete, object_save


class RestrictedQuerysetMixin:
    def get_queryset(self):
        # Objects are looked up among those the user may view; the object check then says 403 or 404.
        return super().get_queryset().restrict(self.request.user, "view")


class RestrictedReadOnlyViewSet(RestrictedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class RestrictedModelViewSet(RestrictedQuerysetMixin, viewsets.ModelViewSet):
    def _save(self, serializer):
        plain = {k: v for k, v in serializer.validated_data.items() if not _is_m2m(serializer, k)}
        instance = serializer.instance or serializer.Meta.model()
        for key, value in plain.items():
            setattr(instance, key, value)
        try:
            object_save(instance=instance, user=self.request.user)
        except ScopeViolation as exc:
            raise PermissionDenied(exc.problems) from exc
        except ServiceError as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        for key, value in serializer.validated_data.items():
            if _is_m2m(serializer, key):
                getattr(instance, key).set(value)
        serializer.instance = instance

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def perform_destroy(self, instance):
        try:
            object_delete(instance=instance, user=self.request.user)
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc


def _is_m2m(serializer, name: str) -> bool:
    try:
        field = serializer.Meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.many_to_many
