"""Shared model bases (mô hình dùng chung): timestamps, folded search column, permission-scoped querysets."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from cndp.core.links import reverse_pk
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

    @classmethod
    def from_db(cls, db, field_names, values):
        """A row read from the database as an instance (một bản ghi đọc từ cơ sở dữ liệu): Django's
        `Model.from_db` without `Model.__init__`'s walk over every field — the loaded values written
        straight into the instance, which is what `__init__` does for a fresh one (a field's descriptor
        only clears a cached relation, and a fresh instance has none). A list page builds a few hundred
        instances a request; this halves their cost. Django's own path is taken whenever `__init__`
        would do more: a model that overrides it, or a `pre_init` / `post_init` receiver anywhere."""
        if cls.__init__ is not models.Model.__init__ or pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        attributes = new.__dict__
        attributes["_state"] = state
        attributes.update(zip(field_names, values, strict=True))
        return new

    def search_text(self) -> str:
        parts = []
        for name in self.search_fields:
            value = self
            for attr in name.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            if value not in (None, ""):
                parts.append(str(value))
        return fold(" ".join(parts))[:500]

    def get_absolute_url(self) -> str:
        """The record's page by the registry's naming rule, `<app>:<model>_detail` (e.g.
        `places:province_detail`); "" when the app has no such page. A record shown inside another
        one's page (a member's event, a programme's target) overrides it."""
        opts = self._meta
        try:
            return reverse_pk(f"{opts.app_label}:{opts.model_name}_detail", self.pk)
        except NoReverseMatch:
            return ""

    def save(self, *args, **kwargs):
        self.search_folded = self.search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_folded", "updated"}
        super().save(*args, **kwargs)


class DatedReference(CndpModel):
    """Dữ liệu tham chiếu có hiệu lực — a reference record in force from a date (to a date) under a legal
    basis: funding caps, calendar rules, indicators, the Decree's thresholds. A subclass adds its check
    constraint with `valid_range_constraint("<prefix>")` and finds what applied on a day with `valid_at`."""

    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), help_text=_("Số, ngày văn bản và điều, khoản"))

    class Meta:
        abstract = True

    def is_valid_at(self, date: datetime.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})


def valid_range_constraint(name: str) -> models.CheckConstraint:
    """The database's guard of a dated record: no end before its start."""
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True) | models.Q(valid_from__lte=models.F("valid_to")),
        name=f"{name}_valid_range",
    )


def valid_at(queryset: models.QuerySet, date: datetime.date) -> models.QuerySet:
    """The records of a dated model in force on `date`."""
    return queryset.filter(valid_from__lte=date).filter(
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=date)
    )


class DataVersion(models.Model):
    """Phiên bản dữ liệu: the one row whose number the database raises after every committed change
    (core.data_version); kept page parts (core.fragments) are valid only for the (epoch, number) they
    were read at. The epoch is drawn at random when the row is made and when a backup is restored (a
    restored number would otherwise name a state that no longer is). Written by raw SQL only."""

    number = models.BigIntegerField(_("phiên bản"), default=0)
    epoch = models.CharField(_("kỳ"), max_length=32, default="")  # new when the row is made or restored

    class Meta:
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")

    def __str__(self) -> str:
        return f"{self.epoch}:{self.number}"


from cndp.core.jobs.models import Job, JobState  # noqa: E402, F401 — the long job's model, in core's app
