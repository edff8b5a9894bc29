"""Shared model bases (mô hình dùng chung): timestamps, folded search column, permission-scoped querysets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.core.text import fold


class YearField(models.PositiveSmallIntegerField):
    """A calendar year (năm): shown as 2015, never with a thousands separator."""


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see or change (NetBox style)."""

    def restrict(self, user, action: str = "view"):
        from cndp.core.permissions import restrict

        return restrict(self, user, action)

    def search(self, text: str):
        """Accent-insensitive search on the folded column: "nguyen van" finds "Nguyễn Văn An"."""
        terms = fold(text).split()
        qs = self
        for term in terms:
            qs = qs.filter(search_folded__contains=term)
        return qs


class CndpModel(models.Model):
    """Base of every domain model: created/updated times and a restricted manager.

    Class attributes a model may set:
        search_fields   fields whose folded text feeds accent-insensitive search
        scope_path      lookup from the model to its Province, for province scoping (None: not scoped)
    """

    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    search_folded = models.CharField(
        _("chuỗi tìm kiếm"), max_length=500, blank=True, default="", editable=False, db_index=True
    )

    objects = RestrictedQuerySet.as_manager()

    search_fields: tuple[str, ...] = ()
    scope_path: str | None = None

    class Meta:
        abstract = True

    def search_text(self) -> str:
        parts = []
        for name in self.search_fields:
            value = self
            for attr in name.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            if value not in (None, ""):
                parts.append(str(value))
        return fold(" ".join(parts))[:500]

    def save(self, *args, **kwargs):
        self.search_folded = self.search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_folded", "updated"}
        super().save(*args, **kwargs)
