"""Generic write services (dịch vụ ghi) used by the generic edit and delete views.

Every write: inside a transaction, full_clean() before save(), permission and scope checked,
the acting user recorded in the audit history.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _

from cndp.core.permissions import in_scope, require


class ServiceError(Exception):
    """A rule refused the change; the message is for the user (Vietnamese)."""


@transaction.atomic
def object_save(*, instance: Model, user, form=None) -> Model:
    action = "change" if instance.pk else "add"
    require(user, action, type(instance))
    if not in_scope(user, instance):
        raise ServiceError(_("Bạn chỉ được cập nhật dữ liệu của tỉnh mình."))
    instance._history_user = user
    instance.full_clean()
    instance.save()
    if form is not None:
        form.save_m2m()
    return instance


@transaction.atomic
def object_delete(*, instance: Model, user) -> None:
    require(user, "delete", instance)
    instance._history_user = user
    try:
        instance.delete()
    except ProtectedError as exc:
        names = ", ".join(sorted({str(o) for o in list(exc.protected_objects)[:5]}))
        raise ServiceError(
            _("Không thể xóa «%(obj)s» vì còn dữ liệu liên quan: %(names)s.")
            % {"obj": instance, "names": names}
        ) from exc
