"""Appraisal sheets (phiếu thẩm định): one reviewer's scores of a project on the rubric in force. (App label
`extension`, re-exported by `cndp.extension.models`.)"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.extension.projects.models import Project, ProjectPart


class Appraisal(ProjectPart):
    """Phiếu chấm điểm của một thành viên thẩm định tại Cục (theo bộ tiêu chí)."""

    project = models.ForeignKey(
        Project, verbose_name=_("đề án"), on_delete=models.CASCADE, related_name="appraisals"
    )
    rubric = models.ForeignKey(
        "extension.Rubric", verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, related_name="appraisals"
    )
    reviewer = models.ForeignKey(
        "accounts.User", verbose_name=_("người chấm"), on_delete=models.PROTECT, related_name="+"
    )
    appraised_on = models.DateField(_("ngày chấm"))
    score = models.DecimalField(_("điểm (trên 100)"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("nhận xét"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu thẩm định")
        verbose_name_plural = pgettext_lazy("plural", "phiếu thẩm định")
        ordering = ["project", "reviewer__name_sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "reviewer"], name="ext_appraisal_one_per_reviewer"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="ext_appraisal_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.score}"


class AppraisalScore(models.Model):
    """Điểm của một tiêu chí trong phiếu chấm (kept with the sheet; the sheet's history covers it)."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("phiếu thẩm định"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "extension.RubricCriterion", verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = pgettext_lazy("plural", "điểm tiêu chí")
        ordering = ["appraisal", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "criterion"], name="ext_score_one_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="ext_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}"
