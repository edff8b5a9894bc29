"""The project API: the list's filters, the province scope on read and write, creation through the service
(caps and deadline as in the UI), updates only while the proposal is editable, no delete."""

import pytest
from django.urls import reverse

from cndp.extension.models import ActivityType, Project
from cndp.extension.projects import lifecycle

from .factories import advance, centre, make_project, open_year, province

pytestmark = pytest.mark.django_db
LIST = "extension-api:project-list"


def payload(**overrides):
    year = open_year()
    data = {
        "plan_year": year,
        "name": "Hỗ trợ máy dệt thổ cẩm cải tiến cho Hợp tác xã Dệt Bình Minh",
        "implementing_unit": centre("01").pk,
        "province": province("01").pk,
        "activity_type": ActivityType.objects.get(code="machinery").pk,
        "start_date": f"{year}-03-01",
        "end_date": f"{year}-10-31",
        "extension_funds": 200_000_000,
        "counterpart_funds": 250_000_000,
        "priority_areas": [],
        "coordinating_units": [],
    }
    data.update(overrides)
    return data


def test_a_province_officer_reads_only_their_province_with_the_list_filters(client_for):
    client = client_for("province_officer")
    data = client.get(reverse(LIST), {"plan_year": 2025, "status": "settled"}).json()
    expected = Project.objects.filter(plan_year=2025, status="settled", province_current__code="01")
    assert data["count"] == expected.count() > 0
    assert {r["province_current"] for r in data["results"]} == {province("01").pk}
    other = Project.objects.filter(province_current__code="48").first()
    assert client.get(reverse("extension-api:project-detail", args=[other.pk])).status_code == 404
    agency = client_for("agency_officer").get(reverse(LIST), {"plan_year": 2025, "status": "settled"}).json()
    assert agency["count"] == Project.objects.filter(plan_year=2025, status="settled").count()


def test_list_query_count_does_not_grow_with_the_rows(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("agency_officer")
    counts = []
    for params in ({"plan_year": 2024}, {"q": Project.objects.filter(plan_year=2024).first().code}):
        with CaptureQueriesContext(connection) as ctx:
            data = client.get(reverse(LIST), params).json()
        counts.append((len(ctx.captured_queries), len(data["results"])))
    assert counts[0][1] == 50 and counts[1][1] == 1
    assert counts[0][0] == counts[1][0]


def test_detail_has_the_transitions(client_for):
    project = Project.objects.filter(status=lifecycle.SETTLED, province_current__code="01").first()
    data = (
        client_for("province_officer").get(reverse("extension-api:project-detail", args=[project.pk])).json()
    )
    assert [t["target"] for t in data["transitions"]][-1] == "settled"
    assert data["status_label"] == "Đã quyết toán"


def test_create_in_own_province_through_the_service(client_for):
    response = client_for("province_officer").post(reverse(LIST), payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "registered" and data["code"].startswith(f"KC{open_year()}-01-")
    assert data["total_funds"] == 450_000_000
    project = Project.objects.get(pk=data["id"])
    assert project.history.first().history_user.username == "sohanoi"


def test_create_refusals(client_for):
    client = client_for("province_officer")
    other = payload(province=province("48").pk, implementing_unit=centre("48").pk)
    assert client.post(reverse(LIST), other, content_type="application/json").status_code == 403
    over = client.post(reverse(LIST), payload(extension_funds=350_000_000), content_type="application/json")
    assert over.status_code == 400
    assert "Vượt mức hỗ trợ tối đa" in over.json()["extension_funds"][0]
    late = client.post(
        reverse(LIST),
        payload(
            plan_year=open_year() - 1,
            start_date=f"{open_year() - 1}-03-01",
            end_date=f"{open_year() - 1}-10-01",
        ),
        content_type="application/json",
    )
    assert late.status_code == 400 and "Đã hết hạn đăng ký" in late.json()["plan_year"][0]
    assert (
        client_for("leader").post(reverse(LIST), payload(), content_type="application/json").status_code
        == 403
    )
    assert not Project.objects.filter(name=payload()["name"]).exists()


def test_update_only_while_editable_and_no_delete(client_for):
    project = make_project()
    client = client_for("province_officer")
    url = reverse("extension-api:project-detail", args=[project.pk])
    response = client.patch(url, {"planned_jobs": 15}, content_type="application/json")
    assert response.status_code == 200 and response.json()["planned_jobs"] == 15
    assert client.delete(url).status_code == 403  # no delete right …
    assert client_for("agency_officer").delete(url).status_code == 405  # … and no delete at all
    advance(project, lifecycle.SUBMITTED)
    response = client.patch(url, {"planned_jobs": 20}, content_type="application/json")
    assert response.status_code == 400 and "quyết định điều chỉnh" in response.json()["detail"]
    danang = client_for("province_officer_2")
    assert danang.patch(url, {"planned_jobs": 1}, content_type="application/json").status_code == 404


def test_reference_data_is_readable_by_provinces_not_writable(client_for):
    client = client_for("province_officer")
    caps = client.get(reverse("extension-api:fundingcap-list"), {"national": "true"}).json()
    assert {c["legal_basis"].split(",")[0] for c in caps["results"]} == {
        "Thông tư 28/2018/TT-BTC ngày 28/03/2018"
    }
    assert client.post(
        reverse("extension-api:fundingcap-list"), {}, content_type="application/json"
    ).status_code in (403, 405)


# ---- progress reports ------------------------------------------------------------------------------------


def _report_url(report, step):
    return reverse(f"extension-api:progressreport-{step}", args=[report.pk])


def test_progress_reports_are_submitted_and_reviewed_through_the_api(client_for):
    project = advance(make_project(), lifecycle.CONTRACTED)
    report = project.reports.get(sequence=1)
    body = {"percent_complete": 55, "narrative": "Đã lắp đặt máy", "machines": 1, "trainees": 8}
    # another province: the report does not exist for them; a read-only role may not submit
    assert client_for("province_officer_2").post(_report_url(report, "submit"), body).status_code == 404
    assert client_for("leader").post(_report_url(report, "submit"), body).status_code == 403
    bad = client_for("province_officer").post(
        _report_url(report, "submit"), {**body, "percent_complete": 120}
    )
    assert bad.status_code == 400 and "percent_complete" in bad.json()
    done = client_for("province_officer").post(_report_url(report, "submit"), body)
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["achieved_machines"]) == ("submitted", 1)
    again = client_for("province_officer").post(_report_url(report, "submit"), body)
    assert again.status_code == 400 and "đã nộp" in again.json()["detail"]
    # the province may not review its own report
    assert (
        client_for("province_officer")
        .post(_report_url(report, "review"), {"verdict": "accepted"})
        .status_code
        == 403
    )
    no_comment = client_for("agency_officer").post(
        _report_url(report, "review"), {"verdict": "needs_revision"}
    )
    assert no_comment.status_code == 400 and "ghi rõ" in no_comment.json()["detail"]
    ok = client_for("agency_officer").post(_report_url(report, "review"), {"verdict": "accepted"})
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    project.refresh_from_db()
    assert (project.percent_complete, project.achieved_trainees) == (55, 8)
    obligation = report.obligation  # the submission and the review are the obligation's steps
    history = [h.history_user.username for h in obligation.history.order_by("history_date", "history_id")]
    assert history[-2:] == ["sohanoi", "chuyenvien"]
