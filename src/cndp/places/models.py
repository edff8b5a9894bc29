"""Administrative units (đơn vị hành chính cấp tỉnh) in both versions, their mapping, and regions."""

from __future__ import annotations

import datetime
import functools

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.places.choices import ProvinceKind, ProvinceVersion, RegionGrouping

REFORM_DATE = datetime.date(2025, 7, 1)


@functools.lru_cache(maxsize=32)
def _version_label(version: str, language: str | None) -> str:
    """The list's label in `language` (the active one): translated once, not for every province offered."""
    return str(ProvinceVersion(version).label)


class Province(CndpModel):
    """Tỉnh, thành phố trực thuộc Trung ương — one row per unit per version (63 or 34)."""

    version = models.CharField(_("phiên bản"), max_length=2, choices=ProvinceVersion.choices)
    code = models.CharField(_("mã"), max_length=2, help_text=_("Mã đơn vị hành chính của Tổng cục Thống kê"))
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=ProvinceKind.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        limit_choices_to={"version": ProvinceVersion.V34},
    )

    history = HistoricalRecords()
    search_fields = ("name", "code")
    scope_path = None  # reference data: every role may read it, no province user may change it

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = pgettext_lazy("plural", "tỉnh, thành phố")
        ordering = ["-version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="province_unique_code_per_version"),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_to")),
                name="province_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    def is_valid_at(self, date: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )

    # How a province is offered in a select (core.forms): one labelled group per list, today's 34
    # first, so the 63 of before 1/7/2025 never reads as a second copy of the same list. A filter's
    # options read only the columns they show (core.filtersets.FilterForm).
    choice_fields = ("version", "code", "name")

    @property
    def choice_group(self) -> tuple[int, str]:
        """(order, label) of the list the province is offered in: today's 34 first."""
        return (0 if self.version == ProvinceVersion.V34 else 1, _version_label(self.version, get_language()))

    @staticmethod
    def scope_choices_q(province_id: int) -> models.Q:
        """The provinces offered to a user confined to `province_id` (one of today's 34): it, and the
        units of the 63 it took over on 1/7/2025."""
        return models.Q(pk=province_id) | models.Q(successor_id=province_id)


def province_pair(*, related_name: str, help_text) -> tuple[models.ForeignKey, models.ForeignKey]:
    """The two provinces of a place-keyed record, for its body:
    `province, province_current = province_pair(related_name=..., help_text=...)`.

    `province` is the unit in force at the record's date (63 units before 1/7/2025, 34 after; the help text
    names which date); `province_current` is today's unit (of the 34) that covers it, by which the record is
    scoped and rolled up, derived by `ProvinceKeyed.derive_province_current`. Built in the body (not
    inherited) so that each model keeps its own reverse name and its fields' order."""
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text=help_text,
    )
    province_current = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố (danh mục 34)"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    return province, province_current


class ProvinceKeyed(CndpModel):
    """Base of a record keyed by province in both versions (its fields from `province_pair`): scoped by
    today's unit, which is derived from the unit of the record's date."""

    scope_path = "province_current"

    class Meta:
        abstract = True

    def derive_province_current(self) -> None:
        """`province_current` from `province`: the unit itself if it is one of the 34 (or was never merged),
        else the 34-unit it became part of on 1/7/2025."""
        if self.province_id is None:
            return
        province = self.province
        if province.version == ProvinceVersion.V34 or province.successor_id is None:
            self.province_current = province
        else:
            self.province_current_id = province.successor_id


class ProvinceName(CndpModel):
    """Tên theo thời kỳ — a dated name of a unit (e.g. Thừa Thiên Huế → Thành phố Huế on 1/1/2025)."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=ProvinceKind.choices)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()
    scope_path = None

    class Meta:
        verbose_name = _("tên theo thời kỳ")
        verbose_name_plural = pgettext_lazy("plural", "tên theo thời kỳ")
        ordering = ["province", "valid_from"]

    def __str__(self) -> str:
        return self.name


class Region(CndpModel):
    """Vùng — a named, dated grouping of provinces (63-version members; rolled up to the 34 by mapping)."""

    grouping = models.CharField(_("cách phân vùng"), max_length=32, choices=RegionGrouping.choices)
    name = models.CharField(_("tên vùng"), max_length=120)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("đã xác nhận"),
        default=False,
        help_text=_("Thành phần vùng đã được đối chiếu với văn bản chính thức"),
    )
    source = models.TextField(_("nguồn"), blank=True)
    provinces = models.ManyToManyField(
        Province,
        verbose_name=_("các tỉnh (danh mục 63)"),
        related_name="regions",
        limit_choices_to={"version": ProvinceVersion.V63},
        blank=True,
    )

    history = HistoricalRecords(m2m_fields=[provinces])
    search_fields = ("name", "grouping")

    class Meta:
        verbose_name = _("vùng")
        verbose_name_plural = pgettext_lazy("plural", "vùng")
        ordering = ["grouping", "name"]
        constraints = [models.UniqueConstraint(fields=["grouping", "name"], name="region_unique_name")]

    def __str__(self) -> str:
        return self.name
