"""The Decree 32/2024 conditions as dated data (điều kiện theo Nghị định 32/2024/NĐ-CP)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.clusters import rules
from cndp.clusters.choices import AppliesTo, AreaLevel, ConditionKey
from cndp.core.models import CndpModel


class ClusterCondition(CndpModel):
    """Điều kiện — one dated figure of Decree 32/2024 (or an amendment): size range, support share,
    the establishment condition on the area, the expansion condition, the regularisation deadline. Rows
    not checked against the text are marked unconfirmed (shown to the administrator only)."""

    key = models.CharField(_("điều kiện"), max_length=12, choices=ConditionKey.choices)
    applies_to = models.CharField(_("áp dụng cho"), max_length=20, choices=AppliesTo.choices, default="all")
    min_area = models.DecimalField(
        _("diện tích tối thiểu (ha)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_area = models.DecimalField(
        _("diện tích tối đa (ha)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    share = models.DecimalField(
        _("tỷ lệ"), max_digits=5, decimal_places=4, null=True, blank=True, help_text=_("Ví dụ 0,3 = 30%")
    )
    unleased = models.DecimalField(
        _("đất công nghiệp chưa cho thuê tối đa (ha)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    area_level = models.CharField(
        _("địa bàn xét điều kiện"), max_length=10, choices=AreaLevel.choices, blank=True, default=""
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn khi chưa đối chiếu được nguyên văn văn bản (chỉ quản trị viên thấy)"),
    )

    history = HistoricalRecords()
    search_fields = ("legal_basis",)
    FIELDS = (
        "key",
        "applies_to",
        "min_area",
        "max_area",
        "share",
        "unleased",
        "area_level",
        "deadline",
        "valid_from",
        "valid_to",
        "legal_basis",
    )

    class Meta:
        verbose_name = _("điều kiện cụm công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "điều kiện cụm công nghiệp")
        ordering = ["key", "-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="cluster_condition_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} — {self.legal_basis}"

    def clean(self):
        needed = {
            rules.SIZE: ("max_area",),
            rules.SUPPORT: ("share",),
            rules.ESTABLISH: ("share", "unleased", "area_level"),
            rules.EXPAND: ("max_area", "share"),
            rules.REGULARISE: ("deadline",),
        }.get(self.key, ())
        missing = {n: _("Điều kiện này cần giá trị này.") for n in needed if getattr(self, n) in (None, "")}
        if missing:
            raise ValidationError(missing)

    def as_condition(self) -> rules.Condition:
        return rules.Condition(
            key=self.key,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            applies_to=self.applies_to,
            min_area=self.min_area,
            max_area=self.max_area,
            share=self.share,
            unleased=self.unleased,
            area_level=self.area_level,
            deadline=self.deadline,
            legal_basis=self.legal_basis,
            confirmed=self.confirmed,
        )
