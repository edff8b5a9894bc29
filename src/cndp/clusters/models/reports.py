"""Periodic cluster reports (báo cáo định kỳ về cụm công nghiệp), Circular 14/2024/TT-BCT, Phụ lục I."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.clusters import rules
from cndp.clusters.choices import Period, ReportForm
from cndp.clusters.models.cluster import AREA
from cndp.core.models import CndpModel, YearField

MONEY = {"default": 0, "validators": [MinValueValidator(0)]}


class ClusterReport(CndpModel):
    """Báo cáo định kỳ — one form of one period: Biểu 01 (a production project), Biểu 02 (a cluster's
    infrastructure developer), Biểu 03 (a commune's clusters, aggregates) or Biểu 04 (a province's,
    aggregates). Its calendar (due date, submitted → accepted / returned) is the shared reporting
    calendar's Obligation; Biểu 03 and 04 are computed (`rows`) from the accepted lower reports and the
    register, then checked and signed. An accepted Biểu 01 / 02 updates the register (`applied_at`)."""

    form = models.CharField(_("biểu mẫu"), max_length=8, choices=ReportForm.choices)
    year = YearField(_("năm"))
    period = models.CharField(_("kỳ"), max_length=4, choices=Period.choices)
    period_end = models.DateField(_("số liệu tính đến ngày"))
    province = models.ForeignKey(
        "places.Province", verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cụm công nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    project = models.ForeignKey(
        "clusters.SecondaryProject",
        verbose_name=_("dự án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    commune = models.CharField(_("xã, phường (huyện)"), max_length=120, blank=True)
    obligation = models.OneToOneField(
        "obligations.Obligation",
        verbose_name=_("nghĩa vụ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cluster_report",
    )
    # Biểu 01 and 02
    revenue = models.BigIntegerField(_("doanh thu trong kỳ (đồng)"), **MONEY)
    budget_paid = models.BigIntegerField(_("nộp ngân sách nhà nước (đồng)"), **MONEY)
    workers = models.PositiveIntegerField(_("số lao động có hợp đồng"), default=0)
    average_income = models.BigIntegerField(_("thu nhập bình quân (đồng/người/tháng)"), **MONEY)
    # Biểu 02
    total_investment = models.BigIntegerField(_("tổng mức đầu tư được duyệt (đồng)"), **MONEY)
    capital_paid = models.BigIntegerField(_("vốn đã thực hiện lũy kế (đồng)"), **MONEY)
    industrial_land = models.DecimalField(
        _("đất công nghiệp có hạ tầng sẵn sàng cho thuê (ha)"), default=0, **AREA
    )
    leased_area = models.DecimalField(_("đất công nghiệp đã cho thuê (ha)"), default=0, **AREA)
    projects = models.PositiveIntegerField(_("số dự án đã thuê đất"), default=0)
    fdi_projects = models.PositiveIntegerField(_("trong đó: dự án FDI"), default=0)
    operating_projects = models.PositiveIntegerField(_("trong đó: dự án đang hoạt động"), default=0)
    wastewater_built = models.BooleanField(_("có công trình xử lý nước thải tập trung"), default=False)
    wastewater_compliant = models.BooleanField(_("xử lý nước thải đạt quy chuẩn"), default=False)
    # Biểu 03 and 04: the computed rows [[number, label, unit, value], …], then signed
    rows = models.JSONField(_("số liệu tổng hợp"), default=list, blank=True, editable=False)
    signed_by = models.CharField(_("người ký"), max_length=120, blank=True, editable=False)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True, editable=False)
    applied_at = models.DateTimeField(
        _("đã cập nhật cơ sở dữ liệu lúc"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()
    search_fields = ("cluster__code", "cluster__name", "project__name", "commune")
    scope_path = "province"
    FORM02_FIELDS = (
        "total_investment",
        "capital_paid",
        "industrial_land",
        "leased_area",
        "projects",
        "fdi_projects",
        "operating_projects",
        "revenue",
        "budget_paid",
        "workers",
        "average_income",
        "wastewater_built",
        "wastewater_compliant",
    )
    FORM01_FIELDS = ("revenue", "budget_paid", "workers", "average_income")

    class Meta:
        verbose_name = _("báo cáo cụm công nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo cụm công nghiệp")
        ordering = ["-period_end", "form", "province", "pk"]
        indexes = [models.Index(fields=["form", "period_end"], name="cluster_report_form_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "period_end", "cluster"],
                condition=models.Q(form="form02"),
                name="cluster_report_one_form02",
            ),
            models.UniqueConstraint(
                fields=["form", "period_end", "project"],
                condition=models.Q(form="form01"),
                name="cluster_report_one_form01",
            ),
            models.UniqueConstraint(
                fields=["form", "period_end", "province", "commune"],
                condition=models.Q(form__in=["form03", "form04"]),
                name="cluster_report_one_aggregate",
            ),
        ]

    def __str__(self) -> str:
        subject = {
            "form01": lambda: self.project.name if self.project_id else "",
            "form02": lambda: self.cluster.name if self.cluster_id else "",
            "form03": lambda: self.commune,
            "form04": lambda: self.province.name if self.province_id else "",
        }[self.form]()
        return f"{self.form_label} {self.period_label} — {subject}"

    @property
    def form_label(self) -> str:
        return {"form01": "Biểu 01", "form02": "Biểu 02", "form03": "Biểu 03", "form04": "Biểu 04"}[self.form]

    @property
    def period_label(self) -> str:
        return (_("6 tháng %(y)s") if self.period == Period.HALF else _("năm %(y)s")) % {"y": self.year}

    @property
    def occupancy(self):
        return rules.occupancy(self.leased_area, self.industrial_land)

    @property
    def state(self) -> str:
        return self.obligation.state if self.obligation_id else ""
