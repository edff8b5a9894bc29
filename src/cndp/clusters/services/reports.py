"""Periodic cluster reports on the shared reporting calendar (báo cáo định kỳ, Thông tư 14/2024/TT-BCT):
schedule a period's forms, enter Biểu 01 / 02, compute and sign Biểu 03 / 04, submit, review; an accepted
Biểu 01 / 02 updates the register. The calendar's services (obligations) keep the states and steps."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.clusters import layouts, rules
from cndp.clusters.kinds import FORM_KIND
from cndp.clusters.models import Cluster, ClusterReport, SecondaryProject
from cndp.clusters.services.clusters import cluster_refresh
from cndp.core.numbers import separators
from cndp.core.permissions import require
from cndp.core.services import ServiceError, scope_check
from cndp.core.text import nfc
from cndp.obligations import calendar
from cndp.obligations import selectors as calendar_selectors
from cndp.obligations import services as obligations
from cndp.places.models import REFORM_DATE

REPORTED = sorted(
    rules.ESTABLISHED_STATUSES
)  # clusters that owe a Biểu 02 (an operating one without a decision too)
TYPED = ("form01", "form02")


def due_dates(form: str, year: int, period: str):
    """(period_end, due_on, rule) of a form's period under the calendar rule in force."""
    month = 6 if period == "half" else 12
    rule = calendar_selectors.rule_for(FORM_KIND[form], datetime.date(year, month, 1))
    plain = rule.as_rule() if rule is not None else calendar.Rule()
    cutoff, due_on = calendar.cutoff_and_due(year, month, plain.due_day, plain.cutoff_day)
    return layouts.period_end(year, period), due_on, rule


def area_name(cluster: Cluster, period_end: datetime.date) -> str:
    """The area a Biểu 03 covers: the old district before 1/7/2025, the commune after it."""
    if period_end < REFORM_DATE:
        return cluster.old_district or cluster.commune
    return cluster.commune or cluster.old_district


def _title(report: ClusterReport) -> str:
    return str(report)


@transaction.atomic
def reports_schedule(*, year: int, period: str, user, province=None) -> dict[str, int]:
    """Lập lịch báo cáo kỳ — one Biểu 02 per established or operating cluster, one Biểu 01 per production
    project operating in it, one Biểu 03 per commune (old district before 1/7/2025) and one Biểu 04 per
    province, each an obligation of the shared calendar (idempotent). The agency schedules."""
    require(user, "add", ClusterReport)
    clusters = Cluster.objects.filter(Q(status__in=REPORTED) | Q(status=rules.OPERATING))
    if province is not None:
        clusters = clusters.filter(province_current=province)
    clusters = list(clusters.select_related("province_current").order_by("pk"))
    made = defaultdict(int)
    dates = {form: due_dates(form, year, period) for form in FORM_KIND}

    def make(form, province, **subject):
        period_end, due_on, rule = dates[form]
        report, created = ClusterReport.objects.get_or_create(
            form=form,
            period_end=period_end,
            province=province,
            **subject,
            defaults={"year": year, "period": period},
        )
        if report.obligation_id is None:
            report.obligation = obligations.obligation_schedule(
                kind=FORM_KIND[form],
                subject=report,
                title=_title(report),
                period_end=period_end,
                due_on=due_on,
                province=province,
                rule=rule,
                user=user,
            )
            report.save(update_fields=["obligation", "updated"])
        made[form] += created
        return report

    areas, provinces = set(), {}
    for cluster in clusters:
        make("form02", cluster.province_current, cluster=cluster)
        areas.add((cluster.province_current_id, area_name(cluster, dates["form03"][0])))
        provinces[cluster.province_current_id] = cluster.province_current
    projects = SecondaryProject.objects.filter(
        cluster__in=[c.pk for c in clusters], status="operating"
    ).select_related("cluster__province_current")
    for project in projects:
        make("form01", project.cluster.province_current, project=project, cluster=project.cluster)
    for province_id, name in sorted(areas, key=lambda a: (a[0], a[1])):
        if name:
            make("form03", provinces[province_id], commune=name)
    for province_ in provinces.values():
        make("form04", province_)
    return dict(made)


def _open(report: ClusterReport) -> None:
    if report.obligation_id and report.obligation.state not in calendar.OPEN:
        raise ServiceError(_("Báo cáo đã nộp hoặc đã được chấp nhận, không sửa được."))


@transaction.atomic
def report_save(*, report: ClusterReport, user, data: dict) -> ClusterReport:
    """Nhập số liệu Biểu 01 / 02 — by the owing province while the report is still owed."""
    report = (
        ClusterReport.objects.select_for_update(of=("self",)).select_related("obligation").get(pk=report.pk)
    )
    require(user, "change", report)
    scope_check(user=user, instance=report, original=report)
    if report.form not in TYPED:
        raise ServiceError(_("Biểu 03 và Biểu 04 được tổng hợp tự động, không nhập tay."))
    _open(report)
    fields = ClusterReport.FORM02_FIELDS if report.form == "form02" else ClusterReport.FORM01_FIELDS
    for name in fields:
        if name in data:
            setattr(report, name, data[name])
    if report.form == "form02" and report.cluster.state_support > report.total_investment:
        raise ValidationError(
            {"total_investment": _("Tổng mức đầu tư không được nhỏ hơn phần ngân sách nhà nước đã hỗ trợ.")}
        )
    report._history_user = user
    report.full_clean()
    report.save()
    return report


def aggregate_inputs(clusters, period_end: datetime.date) -> list[layouts.ClusterInput]:
    """The register's clusters with their accepted Biểu 02 and the sums of the accepted Biểu 01 of the
    period (three queries whatever their number)."""
    clusters = list(clusters)
    ids = [c.pk for c in clusters]
    accepted = {"obligation__state": calendar.ACCEPTED, "period_end": period_end, "cluster__in": ids}
    form02 = {r.cluster_id: r for r in ClusterReport.objects.filter(form="form02", **accepted)}
    form01 = {
        row["cluster_id"]: row
        for row in ClusterReport.objects.filter(form="form01", **accepted)
        .values("cluster_id")
        .annotate(revenue=Sum("revenue"), budget=Sum("budget_paid"), workers=Sum("workers"), n=Count("pk"))
    }
    out = []
    for c in clusters:
        r, p = form02.get(c.pk), form01.get(c.pk)
        out.append(
            layouts.ClusterInput(
                status=c.status,
                kind=c.kind,
                specialised=c.specialised,
                established_on=c.established_on,
                planned_area=c.planned_area,
                area=c.area,
                developer_is_enterprise=c.developer_kind == "enterprise",
                detailed_plan_approved=c.detailed_plan_approved,
                infrastructure_approved=c.infrastructure_approved,
                total_investment=r.total_investment if r else c.total_investment,
                capital_paid=r.capital_paid if r else c.capital_paid,
                industrial_land=r.industrial_land if r else c.industrial_land,
                leased=r.leased_area if r else c.leased_area,
                projects=r.projects if r else c.enterprises,
                fdi_projects=r.fdi_projects if r else 0,
                operating_projects=r.operating_projects if r else c.enterprises,
                revenue=p["revenue"] if p else c.revenue,
                budget_paid=p["budget"] if p else c.budget_paid,
                workers=p["workers"] if p else c.labour,
                wastewater_built=r.wastewater_built if r else c.wastewater != "none",
                wastewater_compliant=r.wastewater_compliant if r else c.wastewater_compliant,
            )
        )
    return out


def aggregate_rows(report: ClusterReport) -> list[list[str]]:
    clusters = Cluster.objects.filter(province_current=report.province_id)
    if report.form == "form03":
        field = "old_district" if report.period_end < REFORM_DATE else "commune"
        clusters = clusters.filter(**{f"{field}__iexact": report.commune})
    start = layouts.period_start(report.year, report.period)
    values = layouts.aggregate(aggregate_inputs(clusters, report.period_end), start, report.period_end)
    return [
        [n, label, unit, "" if unit == layouts.SECTION else str(values[n])]
        for n, label, unit in layouts.AGGREGATE_ROWS
    ]


@transaction.atomic
def report_compute(*, report: ClusterReport, user) -> ClusterReport:
    """Tổng hợp Biểu 03 / 04 from the register and the accepted lower reports (a signature given
    earlier is cleared: the figures it covered changed)."""
    report = (
        ClusterReport.objects.select_for_update(of=("self",)).select_related("obligation").get(pk=report.pk)
    )
    require(user, "change", report)
    scope_check(user=user, instance=report, original=report)
    if report.form in TYPED:
        raise ServiceError(_("Chỉ Biểu 03 và Biểu 04 được tổng hợp."))
    _open(report)
    report.rows = aggregate_rows(report)
    report.signed_by, report.signed_at = "", None
    report._history_user = user
    report.save()
    return report


@transaction.atomic
def report_sign(*, report: ClusterReport, user, signer: str) -> ClusterReport:
    """Ký — the figures checked and signed (TM. UBND / Giám đốc Sở) before the report is sent."""
    report = (
        ClusterReport.objects.select_for_update(of=("self",)).select_related("obligation").get(pk=report.pk)
    )
    require(user, "change", report)
    scope_check(user=user, instance=report, original=report)
    _open(report)
    if report.form not in TYPED and not report.rows:
        raise ServiceError(_("Hãy tổng hợp số liệu trước khi ký."))
    signer = nfc(signer)
    if not signer:
        raise ValidationError({"signer": _("Cần ghi người ký.")})
    report.signed_by, report.signed_at = signer, timezone.now()
    report._history_user = user
    report.save()
    return report


def report_submit(*, report: ClusterReport, user) -> ClusterReport:
    """Nộp (nộp lại) — Biểu 03 / 04 only once computed and signed."""
    report = ClusterReport.objects.select_related("obligation").get(pk=report.pk)
    require(user, "change", report)
    if report.form not in TYPED and not (report.rows and report.signed_at):
        raise ServiceError(_("Biểu tổng hợp phải được tổng hợp và ký trước khi nộp."))
    if report.obligation_id is None:
        raise ServiceError(_("Báo cáo chưa được lập lịch."))
    obligations.obligation_submit(obligation=report.obligation, user=user)
    report.refresh_from_db()
    return report


def report_review(*, report: ClusterReport, user, verdict: str, comment: str = "") -> ClusterReport:
    """Chấp nhận or trả lại (with what to add) — the agency; an acceptance updates the register (signals)."""
    report = ClusterReport.objects.select_related("obligation").get(pk=report.pk)
    if report.obligation_id is None:
        raise ServiceError(_("Báo cáo chưa được lập lịch."))
    obligations.obligation_review(obligation=report.obligation, user=user, verdict=verdict, comment=comment)
    report.refresh_from_db()
    return report


def report_apply(*, obligation, user=None) -> None:
    """Cập nhật cơ sở dữ liệu — an accepted Biểu 02 sets the cluster's land, capital, projects,
    developer's workers and wastewater; an accepted Biểu 01 its project's figures. Once per report."""
    report = (
        ClusterReport.objects.select_for_update(of=("self",))
        .select_related("cluster", "project")
        .filter(obligation=obligation, applied_at__isnull=True)
        .first()
    )
    if report is None or report.form not in TYPED:
        return
    by = user if getattr(user, "is_authenticated", False) else None
    if report.form == "form02" and report.cluster_id:
        c = report.cluster
        c.industrial_land, c.leased_area = report.industrial_land, report.leased_area
        c.total_investment = report.total_investment
        c.capital_paid = report.capital_paid
        c.enterprises = report.operating_projects
        c.revenue, c.budget_paid = report.revenue, report.budget_paid
        labour = SecondaryProject.objects.filter(cluster=c).aggregate(n=Sum("workers"))["n"] or 0
        c.labour = labour + report.workers
        if report.wastewater_compliant:
            c.wastewater, c.wastewater_compliant = "operating", True
        elif report.wastewater_built and c.wastewater == "none":
            c.wastewater = "building"
        cluster_refresh(cluster=c)
        c._history_user = by
        c.save()
    elif report.form == "form01" and report.project_id:
        p = report.project
        change = report.workers - p.workers
        p.workers, p.revenue, p.budget_paid = report.workers, report.revenue, report.budget_paid
        p._history_user = by
        p.save()
        if change:  # the cluster's labour counts its projects' workers
            c = Cluster.objects.select_for_update().get(pk=p.cluster_id)
            c.labour = max(c.labour + change, 0)
            c._history_user = by
            c.save(update_fields=["labour", "updated"])
    report.applied_at = timezone.now()
    report.save(update_fields=["applied_at", "updated"])


def report_warnings(report: ClusterReport) -> list[str]:
    """What the reviewer should see before accepting (not a refusal): overstated leased land."""
    out = []
    if report.form == "form02" and rules.overstated(report.leased_area, report.industrial_land):
        out.append(
            _(
                "Diện tích đã cho thuê (%(l)s ha) lớn hơn đất công nghiệp (%(i)s ha): tỷ lệ lấp đầy được tính 100%%."
            )
            % {
                "l": rules.ha(report.leased_area, **separators()),
                "i": rules.ha(report.industrial_land, **separators()),
            }
        )
    return out


__all__ = [
    "aggregate_inputs",
    "aggregate_rows",
    "due_dates",
    "report_apply",
    "report_compute",
    "report_review",
    "report_save",
    "report_sign",
    "report_submit",
    "report_warnings",
    "reports_schedule",
]
