"""The screens: registry lists (filters, Excel) with a constant query count, the paste → review → save
flow, a task's page and its forms, the province page within scope, the report (Excel, PDF)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cndp.followup.models import Task
from cndp.followup.tests import factories as f
from cndp.followup.tests.test_parsing import NOTICE
from cndp.obligations.models import Obligation

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    "name",
    [
        "task_list",
        "notice_list",
        "workingsession_list",
        "leader_list",
        "progressreport_list",
        "deadlineextension_list",
    ],
)
def test_every_list_opens_and_exports_with_its_filters(name, client_for):
    client = client_for("agency_officer")
    url = reverse(f"followup:{name}")
    assert client.get(url).status_code == 200
    response = client.get(url, {"q": "Đà Nẵng", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert "Tìm kiếm: Đà Nẵng" in sheet["A2"].value


def test_the_task_list_keeps_its_query_count_as_tasks_grow(client_for, django_assert_max_num_queries, demo):
    client = client_for("agency_officer")
    url = reverse("followup:task_list") + "?flag=open&sort=deadline"
    client.get(url)
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    notice = f.notice()
    f.tasks(notice, *[("arid", ["bct-vpc", "so-ct-01"], D(2026, 12, 1))] * 60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_filters_by_government_status_and_unit(client_for, demo):
    client = client_for("agency_officer")
    rows = client.get(reverse("followup:task_list"), {"gov_status": "not_done_overdue", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(rows.streaming_content))).active
    statuses = {row[9] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert statuses == {"Chưa hoàn thành, quá hạn"}


def test_paste_review_and_save(client_for, demo):
    notice = f.notice(province_code="15")  # Lào Cai
    client = client_for("agency_officer")
    page = client.post(reverse("followup:notice_paste", args=[notice.pk]), {"text": NOTICE})
    assert page.status_code == 200
    formset = page.context["formset"]
    assert len(formset.forms) == 7
    data = {
        "text": NOTICE,
        "t-TOTAL_FORMS": "7",
        "t-INITIAL_FORMS": "7",
        "t-MIN_NUM_FORMS": "0",
        "t-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        for name in form.fields:
            value = form.initial.get(name)
            if name == "keep":
                if value:
                    data[f"t-{i}-keep"] = "on"
            elif name == "coordinating_units":
                data[f"t-{i}-{name}"] = [str(v) for v in value or []]
            elif name == "deadline":
                data[f"t-{i}-{name}"] = value.strftime("%d/%m/%Y") if value else ""
            else:
                data[f"t-{i}-{name}"] = "" if value is None else str(value)
    # III.3(i) names "Cục Công nghiệp", which the demo's units hold: every row has its lead
    missing = [i for i, form in enumerate(formset.forms) if not form.initial.get("lead_unit")]
    assert missing == []
    data["t-6-keep"] = ""  # the officer leaves the last one out
    response = client.post(reverse("followup:notice_tasks_save", args=[notice.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tasks = list(notice.tasks.order_by("pk"))
    assert [t.place for t in tasks] == ["II.1", "II.2", "III.1", "III.2", "III.3(i)", "III.3(ii)"]
    assert tasks[0].lead_unit.code == "so-ct-15"  # the province's tasks: its Department
    assert tasks[2].lead_unit.code == "arid" and [
        a.unit.code for a in tasks[2].assignments.all() if a.role == "coordinating"
    ] == ["bct-vpc"]
    assert tasks[3].deadline == D(2026, 11, 15)


def test_an_invalid_review_row_saves_nothing(client_for, demo):
    notice = f.notice()
    client = client_for("agency_officer")
    data = {
        "text": "",
        "t-TOTAL_FORMS": "2",
        "t-INITIAL_FORMS": "2",
        "t-MIN_NUM_FORMS": "0",
        "t-MAX_NUM_FORMS": "1000",
    }
    arid = f.unit("arid").pk
    data |= {
        "t-0-keep": "on",
        "t-0-content": "Rà soát",
        "t-0-lead_unit": arid,
        "t-0-deadline_kind": "date",
        "t-0-deadline": "30/09/2026",
    }
    data |= {
        "t-1-keep": "on",
        "t-1-content": "Báo cáo",
        "t-1-lead_unit": "",
        "t-1-deadline_kind": "date",
        "t-1-deadline": "",
    }
    response = client.post(reverse("followup:notice_tasks_save", args=[notice.pk]), data)
    assert response.status_code == 400 and not notice.tasks.exists()
    assert "Chọn đơn vị chủ trì" in response.content.decode()


def test_a_province_officer_cannot_paste_and_sees_only_their_province(client_for, demo):
    notice = f.notice(province_code="48")
    hanoi = client_for("province_officer")
    assert hanoi.get(reverse("followup:notice_paste", args=[notice.pk])).status_code == 403
    danang_task = Task.objects.filter(province__code="48").first()
    assert hanoi.get(danang_task.get_absolute_url()).status_code == 404
    url = reverse("followup:province_tasks")
    assert hanoi.get(url, {"province": danang_task.province_id}).status_code == 404
    assert danang_task.content not in hanoi.get(url).content.decode()
    danang = client_for("province_officer_2")
    assert danang.get(danang_task.get_absolute_url()).status_code == 200
    assert (
        danang.post(reverse("followup:notice_paste", args=[notice.pk]), {"text": NOTICE}).status_code == 403
    )


def test_the_task_page_offers_the_report_form_only_to_the_units_assigned(client_for, demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", ["so-ct-01"], D(2026, 9, 30)))
    page = client_for("province_officer").get(task.get_absolute_url()).content.decode()
    assert 'id="report-form"' in page  # Hà Nội's Department coordinates
    outsider = client_for("agency_officer").get(task.get_absolute_url()).content.decode()
    assert 'id="report-form"' not in outsider and 'id="extend-form"' in outsider
    lead = task.assignments.get(role="lead")
    response = client_for("agency_officer").post(
        reverse("followup:task_report", args=[lead.pk]), {"text": "Không được", "percent": 10}
    )
    assert response.status_code == 403 and not lead.reports.exists()


def test_the_province_page_lists_its_open_tasks_across_notices(client_for, demo):
    hanoi = f.province("01")
    first, second = f.notice(), f.notice(date=D(2026, 8, 1))
    f.tasks(first, ("arid", [], D(2026, 9, 30)))
    f.tasks(second, ("bct-vpc", ["so-ct-01"], D(2020, 1, 1)))
    page = client_for("province_officer").get(reverse("followup:province_tasks"))  # their own province
    text = page.content.decode()
    assert page.status_code == 200 and first.number in text and second.number in text
    open_count = Task.objects.filter(province=hanoi).exclude(state="done").count()
    assert page.context["count"] == open_count and text.count('class="province-task') == open_count


def test_the_report_by_unit_with_excel_and_pdf(client_for, demo):
    client = client_for("agency_officer")
    page = client.get(reverse("followup:report"), {"by": "province"})
    assert page.status_code == 200
    rows = page.context["rows"]
    total = rows[-1]
    assert total["total"] == Task.objects.count() == sum(r["total"] for r in rows[:-1])
    xlsx = client.get(
        reverse("followup:report"), {"by": "unit", "province": f.province("48").pk, "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert "Tỉnh, thành phố: Thành phố Đà Nẵng" in sheet["A2"].value
    assert sheet.cell(row=sheet.max_row, column=1).value == "Tổng cộng"
    pdf = client.get(reverse("followup:report"), {"export": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_editing_a_task_moves_its_units_and_their_obligations_but_not_its_deadline(client_for, demo):
    from cndp.followup.progress import KIND
    from cndp.obligations.models import Obligation

    notice = f.notice()
    (task,) = f.tasks(notice, ("arid", ["bct-vpc"], D(2026, 9, 30)))
    client = client_for("agency_officer")
    data = {
        "place": "III.2",
        "content": "Rà soát lại phương án phát triển CCN",
        "lead_unit": f.unit("bct-vpc").pk,
        "coordinating_units": [f.unit("so-ct-01").pk],
        "province": task.province_id,
        "leader": task.leader_id,
    }
    response = client.post(reverse("followup:task_edit", args=[task.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    roles = {a.unit.code: a.role for a in task.assignments.select_related("unit")}
    assert roles == {"bct-vpc": "lead", "so-ct-01": "coordinating"}
    owed = set(
        Obligation.objects.filter(kind=KIND, object_id__in=task.assignments.values("pk")).values_list(
            "unit__code", flat=True
        )
    )
    assert owed == {"bct-vpc", "so-ct-01"}  # ARID's obligation went with its part
    assert task.deadline == D(2026, 9, 30) and task.place == "III.2"
    assert (
        client_for("province_officer").get(reverse("followup:task_edit", args=[task.pk])).status_code == 403
    )


def test_a_notice_is_entered_with_its_pdf_which_only_its_scope_downloads(client_for, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cndp.followup.models import Notice, WorkingSession

    session = WorkingSession.objects.filter(province__code="01").first()
    client = client_for("agency_officer")
    form = client.get(reverse("followup:notice_add")).content.decode()
    assert 'enctype="multipart/form-data"' in form
    data = {"session": session.pk, "number": "888/TB-BCT", "date": "02/12/2026", "signer": "KT. BỘ TRƯỞNG"}
    wrong = client.post(
        reverse("followup:notice_add"), {**data, "file": SimpleUploadedFile("tb.docx", b"PK..")}
    )
    assert wrong.status_code == 400 and not Notice.objects.filter(number="888/TB-BCT").exists()
    pdf = SimpleUploadedFile("thong-bao.pdf", b"%PDF-1.4 thong bao ket luan", content_type="application/pdf")
    response = client.post(reverse("followup:notice_add"), {**data, "file": pdf})
    assert response.status_code == 302, response.content.decode()[:1500]
    notice = Notice.objects.get(number="888/TB-BCT")
    download = client.get(reverse("followup:notice_file", args=[notice.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client_for("province_officer_2").get(reverse("followup:notice_file", args=[notice.pk])).status_code
        == 404
    )


def test_a_ministry_units_officer_sees_and_reports_on_its_units_tasks_only(client_for, demo):
    """Cán bộ đơn vị thuộc Bộ: the tasks its unit leads or coordinates (pages and API), reports on its
    part; not another unit's task (404), not the agency's powers (403)."""
    from rest_framework.test import APIClient

    notice = f.notice()
    led, coordinated, other = f.tasks(
        notice, ("bct-vpc", [], D(2040, 9, 30)), ("bct-cn", ["bct-vpc"], D(2040, 9, 30)), ("arid", [], None)
    )
    officer = demo["ministry_unit_officer"]
    assert officer.unit.code == "bct-vpc" and officer.roles == ["ministry_unit_officer"]
    client = client_for("ministry_unit_officer")
    assert client.get(led.get_absolute_url()).status_code == 200
    assert client.get(coordinated.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    listed = client.get(reverse("followup:task_list"), {"per_page": 500}).content.decode()
    assert led.content in listed and other.content not in listed
    province = client.get(reverse("followup:province_tasks"), {"province": notice.session.province_id})
    assert province.status_code == 200
    assert led.content in province.content.decode() and other.content not in province.content.decode()
    for refused in (
        reverse("followup:notice_paste", args=[notice.pk]),
        reverse("followup:digest"),
        reverse("followup:leader_list"),
        reverse("followup:task_add"),
    ):
        assert client.get(refused).status_code == 403, refused
    assert client.post(reverse("followup:task_confirm", args=[led.pk])).status_code == 403
    # its part of a task: reported; another unit's task: not even found
    lead = led.assignments.get()
    response = client.post(
        reverse("followup:task_report", args=[lead.pk]), {"text": "Đang làm", "percent": 30}
    )
    assert response.status_code == 302 and lead.reports.count() == 1
    theirs = other.assignments.get()
    response = client.post(reverse("followup:task_report", args=[theirs.pk]), {"text": "Không", "percent": 1})
    assert response.status_code == 404 and not theirs.reports.exists()

    api = APIClient()
    api.force_authenticate(officer)
    rows = api.get(reverse("followup-api:task-list"), {"page_size": 1000}).json()
    ids = {row["id"] for row in (rows["results"] if isinstance(rows, dict) else rows)}
    assert ids and ids <= set(
        Task.objects.filter(assignments__unit=officer.unit).values_list("pk", flat=True)
    )
    rows = api.get(reverse("followup-api:task-list"), {"notice": notice.pk}).json()
    ids = {row["id"] for row in (rows["results"] if isinstance(rows, dict) else rows)}
    assert ids == {led.pk, coordinated.pk}  # not the third task of the notice
    assert api.get(reverse("followup-api:task-detail", args=[other.pk])).status_code == 404
    assert api.get(reverse("followup-api:leader-list")).status_code == 403
    assert api.post(reverse("followup-api:task-confirm", args=[led.pk])).status_code == 403
    report = {"assignment": theirs.pk, "text": "Không", "percent": 5}
    assert api.post(reverse("followup-api:progressreport-list"), report, format="json").status_code == 404
    mine_report = {
        "assignment": coordinated.assignments.get(unit=officer.unit).pk,
        "text": "Đã góp ý",
        "percent": 50,
    }
    assert (
        api.post(reverse("followup-api:progressreport-list"), mine_report, format="json").status_code == 201
    )
    # the calendar: its unit's obligations only
    assert client.get(reverse("obligations:todo")).status_code == 200
    assert Obligation.objects.filter(object_id=lead.pk).restrict(officer).exists()
    assert all(o.unit_id == officer.unit_id for o in Obligation.objects.restrict(officer))
