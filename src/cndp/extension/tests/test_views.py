"""Pages of industrial extension: the project list (filters, Excel, province scope, constant query count),
the project page (history, cap, next steps), registering and moving a project through the UI, appraisal,
ledger and the selection page."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cndp.extension.models import ActivityType, Project
from cndp.extension.projects import lifecycle

from .factories import advance, appraise, centre, ensure_fund, make_project, open_year, province, step

pytestmark = pytest.mark.django_db
M = 1_000_000


def listed(response):
    return [row.record for row in response.context["table"].page.object_list]


def form_data(**overrides):
    year = open_year()
    data = {
        "plan_year": year,
        "name": "Hỗ trợ ứng dụng máy ép viên nén mùn cưa tại Hợp tác xã Tân Lập",
        "implementing_unit": centre("01").pk,
        "province": province("01").pk,
        "activity_type": ActivityType.objects.get(code="machinery").pk,
        "start_date": f"01/03/{year}",
        "end_date": f"30/11/{year}",
        "extension_funds": 320_000_000,
        "counterpart_funds": 500_000_000,
        "planned_trainees": 0,
        "planned_models": 0,
        "planned_machines": 2,
        "planned_products": 0,
        "planned_jobs": 8,
    }
    data.update(overrides)
    return data


# ---- list -------------------------------------------------------------------------------------------------


def test_list_filters_by_year_province_activity_and_status(client_for):
    client = client_for("agency_officer")
    url = reverse("extension:project_list")
    hanoi = province("01")
    response = client.get(
        url, {"plan_year": 2026, "province": hanoi.pk, "status": ["in_progress", "inspected"]}
    )
    assert response.status_code == 200
    rows = listed(response)
    expected = Project.objects.filter(
        plan_year=2026, province_current=hanoi, status__in=["in_progress", "inspected"]
    )
    assert response.context["result_count"] == expected.count() > 0
    assert {p.pk for p in rows} <= set(expected.values_list("pk", flat=True))
    content = response.content.decode()
    assert rows[0].code in content and "Hà Nội" in content
    assert "Đang thực hiện" in content or "Đã kiểm tra" in content
    machinery = client.get(url, {"activity_type": rows[0].activity_type_id, "plan_year": 2026})
    assert {p.activity_type_id for p in listed(machinery)} == {rows[0].activity_type_id}


def test_list_query_count_does_not_grow_with_the_rows(client_for, django_assert_max_num_queries):
    client = client_for("agency_officer")
    url = reverse("extension:project_list")

    def queries(params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        return len(ctx.captured_queries), len(listed(response))

    few = queries({"q": Project.objects.filter(plan_year=2026).first().code})
    many = queries({"plan_year": 2024})
    assert few[1] == 1 and many[1] == 50
    assert few[0] == many[0]
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["result_count"] == Project.objects.count() and listed(response)
    assert listed(response)[0].code in response.content.decode()


def test_export_holds_the_filtered_rows_with_numbers(client_for):
    response = client_for("leader").get(
        reverse("extension:project_list"), {"plan_year": 2025, "status": "settled", "export": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[3]]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(rows) == Project.objects.filter(plan_year=2025, status="settled").count()
    assert "Năm kế hoạch: 2025" in ws["A2"].value
    funds = header.index("Kinh phí khuyến công (đồng)")
    assert all(isinstance(r[funds], int) for r in rows)
    assert {r[header.index("Năm")] for r in rows} == {2025}


def test_export_reads_its_rows_in_a_constant_number_of_queries(client_for):
    """The list and its export read only the table's columns (`project_list_rows`): a column left out
    of it would cost a query per row."""
    client = client_for("agency_officer")
    url = reverse("extension:project_list")

    def export(params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {**params, "export": "xlsx"})
            content = b"".join(response)
        ws = load_workbook(io.BytesIO(content)).active
        header = [c.value for c in ws[3]]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
        return len(ctx.captured_queries), header, rows

    project = Project.objects.filter(plan_year=2026).select_related("province", "activity_type").first()
    few, header, one = export({"q": project.code})
    many, _header, rows = export({"plan_year": 2024})
    assert len(one) == 1 and len(rows) == Project.objects.filter(plan_year=2024).count() > 50
    assert few == many
    row = dict(zip(header, one[0], strict=True))
    assert row["Mã đề án"] == project.code and row["Tỉnh, thành phố"] == project.province.name
    assert row["Nội dung"] == project.activity_type.name and row["Tên đề án"] == project.name


def test_a_province_officer_lists_only_their_province_including_old_units(client_for):
    response = client_for("province_officer").get(reverse("extension:project_list"), {"plan_year": 2024})
    rows = listed(response)
    assert rows and {p.province_current.code for p in rows} == {"01"}
    assert {p.province.version for p in rows} == {"63"}  # the unit of the plan date
    assert (
        response.context["result_count"]
        == Project.objects.filter(plan_year=2024, province_current__code="01").count()
    )


# ---- project page -----------------------------------------------------------------------------------------


def test_detail_shows_history_cap_and_the_next_steps_of_the_role(client_for):
    project = Project.objects.filter(status=lifecycle.AGENCY_APPRAISED, province_current__code="01").first()
    agency_page = client_for("agency_officer").get(project.get_absolute_url()).content.decode()
    assert "Quá trình xử lý" in agency_page and "Đã gửi Cục" in agency_page
    assert "Lựa chọn trong nguồn kinh phí" in agency_page and "Không lựa chọn" in agency_page
    assert "Mức hỗ trợ tối đa đang áp dụng" in agency_page
    assert "Thẩm định tại Cục" in agency_page and str(project.score).replace(".", ",") in agency_page
    province_page = client_for("province_officer").get(project.get_absolute_url()).content.decode()
    assert "Lựa chọn trong nguồn kinh phí" not in province_page
    assert "Thẩm định tại Cục" not in province_page  # the appraisal sheets are the agency's
    leader_page = client_for("leader").get(project.get_absolute_url()).content.decode()
    assert 'id="next-steps"' not in leader_page


def test_a_settled_project_page_shows_its_ledger(client_for):
    project = Project.objects.filter(status=lifecycle.SETTLED, province_current__code="01").first()
    page = client_for("province_officer").get(project.get_absolute_url()).content.decode()
    assert "Quyết toán" in page and "Tạm ứng lần 1" in page
    assert 'id="ledger-form"' not in page  # the province reads the ledger, the agency writes it
    assert 'id="next-steps"' not in page
    agency_page = client_for("agency_officer").get(project.get_absolute_url()).content.decode()
    assert reverse("extension:project_edit", args=[project.pk]) not in agency_page  # no «Sửa» once settled
    fresh = make_project()
    fresh_page = client_for("province_officer").get(fresh.get_absolute_url()).content.decode()
    assert reverse("extension:project_edit", args=[fresh.pk]) in fresh_page
    assert f"?project={fresh.pk}" in fresh_page  # «Thêm đơn vị thụ hưởng»


def test_register_refused_over_the_cap_then_fixed_and_sent(client_for):
    client = client_for("province_officer")
    response = client.post(reverse("extension:project_add"), form_data())
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vượt mức hỗ trợ tối đa «Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ»" in content
    assert "Thông tư 28/2018/TT-BTC" in content
    response = client.post(reverse("extension:project_add"), form_data(extension_funds=300_000_000))
    assert response.status_code == 302
    project = Project.objects.get(name=form_data()["name"])
    assert project.status == lifecycle.REGISTERED and project.total_funds == 800 * M
    transition = reverse("extension:project_transition", args=[project.pk])
    client.post(transition, {"target": "doit_appraised", "doit_appraised-target": "doit_appraised"})
    response = client.post(transition, {"target": "submitted", "submitted-target": "submitted"})
    project.refresh_from_db()
    assert project.status == lifecycle.DOIT_APPRAISED  # a dispatch number and date are needed
    day = datetime.date.today().strftime("%d/%m/%Y")
    client.post(
        transition,
        {
            "target": "submitted",
            "submitted-target": "submitted",
            "submitted-decision_number": "215/SCT-QLCN",
            "submitted-decision_date": day,
            "submitted-comment": "Gửi Cục đăng ký kế hoạch",
        },
    )
    project.refresh_from_db()
    assert project.status == lifecycle.SUBMITTED
    page = client.get(project.get_absolute_url()).content.decode()
    assert "215/SCT-QLCN" in page and "Gửi Cục đăng ký kế hoạch" in page
    assert (
        client.get(reverse("extension:project_edit", args=[project.pk])).status_code == 302
    )  # not editable now


def test_another_province_cannot_see_or_touch_a_project(client_for):
    project = make_project()
    client = client_for("province_officer_2")  # Đà Nẵng
    assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get(reverse("extension:project_edit", args=[project.pk])).status_code == 404
    response = client.post(
        reverse("extension:project_transition", args=[project.pk]),
        {"target": "withdrawn", "withdrawn-target": "withdrawn", "withdrawn-comment": "x"},
    )
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.status == lifecycle.REGISTERED
    response = client.post(reverse("extension:project_add"), form_data(extension_funds=300_000_000))
    assert response.status_code == 400  # Hà Nội is not among Đà Nẵng's choices
    assert "province" in response.context["form"].errors
    assert client.get(reverse("extension:project_list"), {"q": project.code}).context["result_count"] == 0


def test_the_leader_reads_but_cannot_act(client_for):
    project = make_project()
    client = client_for("leader")
    assert client.get(project.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("extension:project_transition", args=[project.pk]),
        {"target": "withdrawn", "withdrawn-target": "withdrawn", "withdrawn-comment": "x"},
    )
    assert response.status_code == 403


def test_appraisal_and_ledger_forms(client_for):
    client = client_for("agency_officer")
    project = advance(make_project(), lifecycle.SUBMITTED)
    from cndp.accounts.models import User

    reviewer = User.objects.get(username="cb002")
    data = {
        "reviewer": reviewer.pk,
        "comment": "Đạt",
        **{f"c_{c}": 8 for c in ("need", "feasibility", "budget", "outputs", "replication")},
    }
    response = client.post(reverse("extension:appraisal_add", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert str(project.score) == "80.00"
    project = advance(project, lifecycle.CONTRACTED)
    response = client.post(
        reverse("extension:ledger_add", args=[project.pk]),
        {"kind": "advance", "amount": 400_000_000, "on": datetime.date.today().strftime("%d/%m/%Y")},
        follow=True,
    )
    assert "còn được cấp tối đa 250.000.000 đồng" in response.content.decode()
    response = client.post(
        reverse("extension:ledger_add", args=[project.pk]),
        {
            "kind": "advance",
            "amount": 125_000_000,
            "on": datetime.date.today().strftime("%d/%m/%Y"),
            "document_number": "TU-01",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "TU-01" in content and 'id="ledger-remaining">125.000.000<' in content


def test_selection_page_proposes_and_confirms(client_for):
    year = open_year()
    projects = []
    for funds, scores in ((300 * M, (9,) * 5), (280 * M, (8,) * 5), (150 * M, (7,) * 5)):
        p = appraise(advance(make_project(extension_funds=funds), lifecycle.SUBMITTED), scores=scores)
        projects.append(step(p, lifecycle.AGENCY_APPRAISED))
    ensure_fund(year, 500 * M)
    client = client_for("agency_officer")
    response = client.get(reverse("extension:selection"), {"year": year})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đề xuất 2 đề án, 450.000.000 đồng; còn lại 50.000.000 đồng." in content
    assert "Vượt phần kinh phí còn lại" in content
    assert f'value="{projects[0].pk}"' in content  # ids are not shown as 2.345
    response = client.post(
        f"{reverse('extension:selection')}?year={year}", {"project": [projects[0].pk, projects[2].pk]}
    )
    assert response.status_code == 302
    assert [Project.objects.get(pk=p.pk).status for p in projects] == [
        "selected",
        "agency_appraised",
        "selected",
    ]
    assert client_for("province_officer").get(reverse("extension:selection")).status_code == 403


def test_the_menu_has_the_extension_group(client_for):
    content = client_for("province_officer").get(reverse("home")).content.decode()
    assert "Khuyến công" in content and reverse("extension:project_list") in content
    assert reverse("extension:selection") not in content
    assert (
        reverse("extension:selection") in client_for("agency_officer").get(reverse("home")).content.decode()
    )


@pytest.mark.parametrize(
    "model",
    [
        "programme",
        "activitytype",
        "fundingcap",
        "trade",
        "priorityarea",
        "rubric",
        "annualfund",
        "project",
        "projecttransition",
        "ledgerentry",
    ],
)
def test_admin_pages_of_the_reference_data(model, client_for):
    from django.apps import apps

    client = client_for("admin")
    assert client.get(reverse(f"admin:extension_{model}_changelist")).status_code == 200
    obj = apps.get_model("extension", model).objects.first()
    assert client.get(reverse(f"admin:extension_{model}_change", args=[obj.pk])).status_code == 200


def test_lifecycle_buttons_and_report_rules_are_translated(demo, client_for):
    """The plain modules keep Vietnamese labels; the screens show them in the user's language."""
    from django.utils import translation

    from cndp.extension.progress import rules as reporting

    project = make_project()
    client = client_for("province_officer")
    client.cookies["django_language"] = "en"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Withdraw the project" in page and "Rút đề án" not in page
    with translation.override("en"):
        from django.utils.translation import gettext

        assert gettext(reporting.review_problem("pending", "accepted", "")) == (
            "Only a submitted report awaiting review can be reviewed."
        )


def test_the_project_list_shows_the_activity_under_the_name_and_exports_it_as_a_column(demo, client_for):
    import io

    from openpyxl import load_workbook

    client = client_for("agency_officer")
    project = Project.objects.filter(plan_year=2026).select_related("activity_type").order_by("code").first()
    page = client.get("/extension/projects/", {"q": project.code}).content.decode()
    assert f'{project.name}<div class="small text-muted">{project.activity_type.name}</div>' in page
    data = client.get("/extension/projects/", {"q": project.code, "export": "xlsx"}).content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header = rows[2]
    row = rows[3]
    assert row[header.index("Tên đề án")] == project.name
    assert row[header.index("Nội dung")] == project.activity_type.name


def test_document_upload_with_a_malformed_report_number_is_not_a_server_error(client_for):
    project = Project.objects.order_by("pk").first()
    client = client_for("admin")
    url = reverse("extension:document_add", args=[project.pk])
    for report in ("²", "9" * 30):
        response = client.post(url, {"report": report})
        assert response.status_code in (302, 404), (report, response.status_code)
