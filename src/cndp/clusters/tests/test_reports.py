"""Periodic reports on the shared calendar: a period scheduled (Biểu 01–04, due 20/6, 25/6, 30/6), a
developer's Biểu 02 submitted, returned, resubmitted and accepted, the register updated; Biểu 03 / 04
computed from the accepted reports and the register, signed, submitted; the forms printed; scope."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse

from cndp.clusters import rules, services
from cndp.clusters.models import Cluster, ClusterReport, SecondaryProject
from cndp.clusters.services import reports
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text

from .factories import agency, danang_officer, establish, hanoi_officer, make_cluster

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def scheduled(demo):
    cluster = make_cluster(industrial_land=Decimal(40), leased_area=Decimal(10))
    establish(cluster)
    services.cluster_transition(cluster=cluster, user=agency(), kind="operate", date=D(2025, 9, 1))
    project = SecondaryProject.objects.create(
        cluster=cluster,
        name="Nhà máy may Phú Nghĩa",
        investor="Công ty TNHH May Hà Nội",
        area=Decimal(5),
        workers=120,
    )
    made = reports.reports_schedule(
        year=2027, period="half", user=agency(), province=cluster.province_current
    )
    return cluster, project, made


def test_schedule_makes_each_form_with_its_due_date(scheduled):
    cluster, project, made = scheduled
    assert made["form04"] == 1 and made["form02"] >= 1 and made["form01"] >= 1
    mine = {
        "form02": ClusterReport.objects.get(form="form02", cluster=cluster, year=2027),
        "form01": ClusterReport.objects.get(form="form01", project=project, year=2027),
        "form03": ClusterReport.objects.get(form="form03", commune=cluster.commune, year=2027),
        "form04": ClusterReport.objects.get(form="form04", province=cluster.province_current, year=2027),
    }
    dues = {form: r.obligation.due_on for form, r in mine.items()}
    assert dues == {
        "form01": D(2027, 6, 20),
        "form02": D(2027, 6, 20),
        "form03": D(2027, 6, 25),
        "form04": D(2027, 6, 30),
    }
    assert all(r.period_end == D(2027, 6, 14) for r in mine.values())
    again = reports.reports_schedule(
        year=2027, period="half", user=agency(), province=cluster.province_current
    )
    assert sum(again.values()) == 0  # idempotent
    year = reports.due_dates("form04", 2026, "year")
    assert year[:2] == (D(2026, 12, 14), D(2026, 12, 31))


def test_developer_report_returned_resubmitted_accepted_updates_register(scheduled):
    cluster, project, made = scheduled
    report = ClusterReport.objects.get(form="form02", cluster=cluster)
    officer = hanoi_officer()
    data = {
        "total_investment": 300_000_000_000,
        "capital_paid": 120_000_000_000,
        "industrial_land": Decimal(40),
        "leased_area": Decimal(30),
        "projects": 4,
        "fdi_projects": 1,
        "operating_projects": 3,
        "workers": 15,
    }
    reports.report_save(report=report, user=officer, data=data)
    reports.report_submit(report=report, user=officer)
    with pytest.raises(ServiceError):
        reports.report_save(report=report, user=officer, data={"leased_area": Decimal(31)})
    reports.report_review(
        report=report, user=agency(), verdict="needs_revision", comment="Bổ sung số dự án FDI"
    )
    reports.report_save(report=report, user=officer, data={"fdi_projects": 2})
    reports.report_submit(report=report, user=officer)
    cluster.refresh_from_db()
    assert cluster.leased_area == Decimal(10)  # nothing applied before acceptance
    reports.report_review(report=report, user=agency(), verdict="accepted")
    cluster.refresh_from_db()
    report.refresh_from_db()
    assert report.applied_at is not None
    assert cluster.leased_area == Decimal(30) and cluster.occupancy == Decimal("0.75")
    assert cluster.enterprises == 3 and cluster.labour == 120 + 15
    assert cluster.history.first().history_user == agency()
    actions = list(report.obligation.steps.values_list("action", flat=True))
    assert actions == ["schedule", "submit", "return", "resubmit", "accept"]


def test_overstated_report_is_flagged_not_above_100(scheduled):
    cluster, project, made = scheduled
    report = ClusterReport.objects.get(form="form02", cluster=cluster)
    reports.report_save(
        report=report, user=hanoi_officer(), data={"industrial_land": Decimal(40), "leased_area": Decimal(55)}
    )
    assert reports.report_warnings(report.__class__.objects.get(pk=report.pk))
    reports.report_submit(report=report, user=hanoi_officer())
    reports.report_review(report=report, user=agency(), verdict="accepted")
    cluster.refresh_from_db()
    assert cluster.occupancy == 1 and rules.LEASED_OVER in [f["code"] for f in cluster.flags]


def test_province_report_computed_from_accepted_reports_signed_and_printed(scheduled, client_for):
    cluster, project, made = scheduled
    form02 = ClusterReport.objects.get(form="form02", cluster=cluster)
    reports.report_save(
        report=form02,
        user=hanoi_officer(),
        data={"industrial_land": Decimal(40), "leased_area": Decimal(20), "total_investment": 2_500_000_000},
    )
    reports.report_submit(report=form02, user=hanoi_officer())
    reports.report_review(report=form02, user=agency(), verdict="accepted")
    form03 = ClusterReport.objects.get(form="form03", commune=cluster.commune, year=2027)
    with pytest.raises(ServiceError):  # not computed and signed yet
        reports.report_submit(report=form03, user=hanoi_officer())
    reports.report_compute(report=form03, user=hanoi_officer())
    form03.refresh_from_db()
    values = {row[0]: row[3] for row in form03.rows}
    assert values["3"] == values["15"] == values["15.1"] == "1" and values["15.2"] == "0"
    assert values["13"] == "2.50"
    assert values["17"] == "40.00" and values["18"] == "20.00" and values["19"] == "50.00"
    reports.report_sign(report=form03, user=hanoi_officer(), signer="Nguyễn Văn Xã")
    reports.report_submit(report=form03, user=hanoi_officer())
    url = reverse("clusters:report_pdf", args=[form03.pk])
    text = pdf_text(client_for("agency_officer").get(url).content)
    assert "Biểu 03" in text and "TM. ỦY BAN NHÂN DÂN" in text and "Nguyễn Văn Xã" in text
    assert "Tỷ lệ lấp đầy bình quân" in text and "50,00" in text
    # The province's Biểu 04 counts every cluster of the province (the demo's too), signed by the Director.
    form04 = ClusterReport.objects.get(form="form04", province=cluster.province_current, year=2027)
    reports.report_compute(report=form04, user=hanoi_officer())
    form04.refresh_from_db()
    province_values = {row[0]: row[3] for row in form04.rows}
    operating = Cluster.objects.filter(
        province_current=cluster.province_current, status__in=["operating", "expanded"]
    )
    assert int(province_values["15"]) == operating.count()
    reports.report_sign(report=form04, user=hanoi_officer(), signer="Nguyễn Văn Sở")
    url = reverse("clusters:report_pdf", args=[form04.pk])
    text = pdf_text(client_for("agency_officer").get(url).content)
    assert "Biểu 04" in text and "GIÁM ĐỐC SỞ" in text and "Nguyễn Văn Sở" in text


def test_other_province_sees_no_report(scheduled, client_for):
    cluster, project, made = scheduled
    report = ClusterReport.objects.get(form="form02", cluster=cluster)
    other = client_for("province_officer_2")
    assert other.get(report.get_absolute_url()).status_code == 404
    assert other.get(reverse("clusters:report_pdf", args=[report.pk])).status_code == 404
    listing = other.get(reverse("clusters:clusterreport_list")).content.decode()
    assert report.get_absolute_url() not in listing
    with pytest.raises(Http404):
        reports.report_save(report=report, user=danang_officer(), data={"workers": 1})


def test_report_page_flow_through_the_screens(scheduled, client_for):
    cluster, project, made = scheduled
    labour = Cluster.objects.get(pk=cluster.pk).labour
    report = ClusterReport.objects.get(form="form01", project=project)
    officer = client_for("province_officer")
    page = officer.get(report.get_absolute_url()).content.decode()
    assert "entry-form" in page and "Doanh thu trong kỳ" in page
    officer.post(
        reverse("clusters:report_enter", args=[report.pk]),
        {"revenue": "5000000000", "budget_paid": "300000000", "workers": "130", "average_income": "8500000"},
    )
    officer.post(reverse("clusters:report_submit", args=[report.pk]))
    client_for("agency_officer").post(
        reverse("clusters:report_review", args=[report.pk]), {"verdict": "accepted"}
    )
    project.refresh_from_db()
    assert project.workers == 130 and project.revenue == 5_000_000_000
    # The cluster's labour follows its project's (120 → 130 workers).
    assert Cluster.objects.get(pk=cluster.pk).labour == labour + 10


def test_schedule_command(demo):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("clusters_schedule", year=2027, period="year", username="chuyenvien", stdout=out)
    assert "form02" in out.getvalue()
    scheduled = ClusterReport.objects.filter(year=2027, period="year")
    reporting = Cluster.objects.filter(
        status__in=["established", "under_construction", "operating", "expanded"]
    )
    provinces = reporting.values("province_current").distinct().count()
    assert scheduled.filter(form="form04").count() == provinces
    assert scheduled.filter(form="form02").count() == reporting.count()
    assert not scheduled.filter(obligation__isnull=True).exists()
    assert {r.obligation.due_on for r in scheduled.filter(form="form04")} == {D(2027, 12, 31)}


def test_form_pdf_is_vietnamese_whatever_the_interface_language(scheduled, client_for):
    """The Circular 14 form is an official Vietnamese document: printed from the English interface it
    keeps its Vietnamese words and figures (40,5 ha, not 40.5 ha)."""
    cluster, project, made = scheduled
    report = ClusterReport.objects.get(form="form02", cluster=cluster, year=2027)
    reports.report_save(
        report=report,
        user=hanoi_officer(),
        data={"industrial_land": Decimal("1040.5"), "leased_area": Decimal("20.25")},
    )
    client = client_for("province_officer")
    client.cookies["django_language"] = "en"
    text = pdf_text(client.get(reverse("clusters:report_pdf", args=[report.pk])).content)
    assert "Biểu 02" in text and "Chỉ tiêu" in text and "Đơn vị tính" in text
    assert "Tỷ lệ lấp đầy" in text and "1.040,5" in text and "20,25" in text
    assert "1,040.5" not in text
