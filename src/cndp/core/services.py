"""Generic write services (dịch vụ ghi) used by the generic edit and delete views, the API and the admin.

Every write: inside a transaction, full_clean() before save(), permission and scope checked,
the acting user recorded in the audit history.

Scope-relevant fields (trường quyết định phạm vi) are decided here and nowhere else. A model declares:

    agency_only_fields = ("code", "is_active")          # a province officer may never change these
    province_choices = {"kind": PROVINCIAL_KINDS}        # … and may set these only to these values

`scope_problems()` is what every write path asks (generic form, API, admin, imports, domain services);
`restrict_form()` shows the same policy on a form (fields disabled, choices narrowed) so the screen and the
rule agree. A field the form hides is still refused when it arrives another way (API, crafted POST).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _

from cndp.core.permissions import in_scope, require, user_province_id


class ServiceError(Exception):
    """A rule refused the change; the message is for the user (Vietnamese)."""


class ScopeViolation(ServiceError):
    """The change would touch a field outside the user's scope; `problems` maps each field to its reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def scope_problems(*, user, instance: Model, original: Model | None = None) -> dict[str, str]:
    """The scope-relevant fields of `instance` that `user` may not set (phạm vi của người dùng).

    For a user confined to a province: the record must be in the province before the change and after it;
    `agency_only_fields` must keep their stored value (their default on a new record); `province_choices`
    fields may only take the listed values; a link newly set to a province-scoped record (a parent unit,
    an implementing unit) must point inside the province. Agency-wide users are not limited here (their role is checked
    by `require`)."""
    if user_province_id(user) is None:
        return {}
    model = type(instance)
    problems: dict[str, str] = {}
    if original is not None and not in_scope(user, original):
        problems["__all__"] = _("Bạn chỉ được cập nhật dữ liệu của tỉnh mình.")
    for name in getattr(model, "agency_only_fields", ()):
        field = model._meta.get_field(name)
        new = field.value_from_object(instance)
        old = field.value_from_object(original) if original is not None else field.get_default()
        if new != old:
            problems[name] = _("Chỉ Cục được thay đổi «%(field)s».") % {"field": field.verbose_name}
    for name, allowed in getattr(model, "province_choices", {}).items():
        field = model._meta.get_field(name)
        value = field.value_from_object(instance)
        if value not in {str(getattr(a, "value", a)) for a in allowed}:
            labels = dict(field.flatchoices)
            problems[name] = _("Cán bộ cấp tỉnh chỉ được chọn «%(field)s» là: %(values)s.") % {
                "field": field.verbose_name,
                "values": ", ".join(str(labels.get(getattr(a, "value", a), a)) for a in allowed),
            }
    for field in model._meta.concrete_fields:
        related = field.related_model if field.many_to_one or field.one_to_one else None
        if related is None or not getattr(related, "scope_path", None) or field.name in problems:
            continue
        value = field.value_from_object(instance)
        if value is None or (original is not None and value == field.value_from_object(original)):
            continue
        target = getattr(instance, field.name)
        if not in_scope(user, target):
            problems[field.name] = _("«%(field)s» phải thuộc tỉnh của bạn.") % {"field": field.verbose_name}
    if not in_scope(user, instance):
        problems.setdefault("__all__", _("Bạn chỉ được cập nhật dữ liệu của tỉnh mình."))
    return problems


def scope_check(*, user, instance: Model, original: Model | None = None) -> None:
    """Raise ScopeViolation when `scope_problems` finds any; every write service calls this."""
    problems = scope_problems(user=user, instance=instance, original=original)
    if problems:
        raise ScopeViolation(problems)


def stored(instance: Model) -> Model | None:
    """The record as it is in the database (None for a new one): what a write is compared against."""
    if instance.pk is None:
        return None
    return type(instance)._base_manager.filter(pk=instance.pk).first()


MAX_UPLOAD = 25 * 1024 * 1024  # 25 MB per attached file
DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)


def check_upload(upload, *, allowed: tuple[str, ...] = DOCUMENT_EXTENSIONS) -> None:
    """Refuse an attached document of an unlisted type or over 25 MB (ServiceError, for the user)."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(allowed):
        raise ServiceError(
            _("Tệp «%(f)s» không đúng loại cho phép (%(x)s).")
            % {"f": getattr(upload, "name", ""), "x": ", ".join(allowed)}
        )
    if (getattr(upload, "size", 0) or 0) > MAX_UPLOAD:
        raise ServiceError(_("Tệp lớn hơn 25 MB."))


def restrict_form(form, user) -> None:
    """Show the scope policy on a model form: agency-only fields disabled (their posted value ignored) and
    province-limited choices narrowed, for a user confined to a province."""
    if user is None or user_province_id(user) is None:
        return
    model = form._meta.model
    for name in getattr(model, "agency_only_fields", ()):
        if name in form.fields:
            form.fields[name].disabled = True
    for name, allowed in getattr(model, "province_choices", {}).items():
        if name in form.fields:
            values = {str(getattr(a, "value", a)) for a in allowed}
            form.fields[name].choices = [(k, v) for k, v in form.fields[name].choices if str(k) in values]


@transaction.atomic
def object_save(*, instance: Model, user, form=None) -> Model:
    action = "change" if instance.pk else "add"
    require(user, action, type(instance))
    scope_check(user=user, instance=instance, original=stored(instance))
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
