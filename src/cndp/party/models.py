"""Party members (đảng viên) of the agency's Party Committee. The full history of states comes with the
party-organisation module; this holds what every count needs: cell, admission and recognition dates."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.core.text import name_sort_key, nfc
from cndp.party import rules
from cndp.party.choices import Gender


class Member(CndpModel):
    """Đảng viên."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_sort_key = models.CharField(
        _("khóa sắp xếp tên"), max_length=255, editable=False, default="", db_index=True
    )
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    cell = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        related_name="party_members",
        limit_choices_to={"kind": "party_cell"},
    )
    staff = models.OneToOneField(
        "accounts.User",
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_member",
    )
    admitted_on = models.DateField(_("ngày vào Đảng"))
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)

    history = HistoricalRecords()
    search_fields = ("full_name", "card_number", "cell__name")

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = pgettext_lazy("plural", "đảng viên")
        ordering = ["name_sort_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official_on__isnull=True)
                | models.Q(official_on__gte=models.F("admitted_on")),
                name="member_official_after_admission",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("party:member_detail", args=[self.pk])

    def status_at(self, at: datetime.date | None = None) -> str | None:
        return rules.status_at(self.admitted_on, self.official_on, at or datetime.date.today())

    def status_label(self) -> str:
        from cndp.party.choices import MemberStatus

        status = self.status_at()
        return str(dict(MemberStatus.choices).get(status, "—"))

    status_label.short_description = _("loại đảng viên")

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.name_sort_key = name_sort_key(self.full_name)
        super().save(*args, **kwargs)
