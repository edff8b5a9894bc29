"""The exchange-format upload from the web as a long job (core.jobs): the dry run and the import both run
on the task queue through `values_import` (the CLI's service and error codes); the job's page lists the
errors by row and column with their codes; nothing is written from a file with an error; a province
officer loads only drafts of its own province; another user cannot see the job; the counters move while
the import's transaction is open (both databases)."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import reverse

from cndp.core.jobs import progress, selectors
from cndp.core.jobs.models import Job, JobState
from cndp.core.tests.databases import demo_snapshot, work_db  # noqa: F401 — fixtures
from cndp.indicators.choices import ValueState
from cndp.indicators.models import DataValue
from cndp.indicators.services import imports

from .factories import clear_values, csv_file, xlsx_file

pytestmark = pytest.mark.django_db
URL = "indicators:exchange_upload"
HEADER = ("indicator", "period", "province", "value", "comment")


def _upload(client, path, action):
    with open(path, "rb") as handle:
        data = handle.read()
    return client.post(reverse(URL), {"file": SimpleUploadedFile(path.name, data), "action": action})


def _job(response) -> Job:
    assert response.status_code == 302, response.content[:500]
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert response["Location"] == job.get_absolute_url()
    return job


@pytest.fixture
def no_values(demo):
    clear_values()


@pytest.mark.usefixtures("no_values")
def test_dry_run_then_import_as_jobs(client_for, tmp_path):
    path = xlsx_file(
        tmp_path,
        HEADER,
        [("GTSX", "202401", "01", 12000.5, "Nhà máy mới"), ("IIP", "202401", "01", 105, None)],
    )
    client = client_for("agency_officer")
    checked = _job(_upload(client, path, "check"))
    assert checked.state == JobState.DONE
    assert (checked.summary["rows"], checked.summary["valid"], checked.summary["written"]) == (2, 2, 0)
    assert checked.summary["dry_run"] and checked.summary["ok"]
    assert (checked.checked, checked.written) == (2, 0)
    assert not DataValue.objects.exists()
    page = client.get(checked.get_absolute_url()).content.decode()
    assert "Tệp hợp lệ: 2 dòng sẵn sàng để nhập" in page

    imported = _job(_upload(client, path, "import"))
    assert imported.state == JobState.DONE and imported.summary["written"] == 2
    assert (imported.checked, imported.written) == (2, 2)
    values = {v.indicator.code: v for v in DataValue.objects.select_related("indicator")}
    assert set(values) == {"GTSX", "IIP"}
    assert values["GTSX"].state == ValueState.APPROVED and values["GTSX"].comment == "Nhà máy mới"
    assert "Đã nhập 2 giá trị từ tệp." in client.get(imported.get_absolute_url()).content.decode()
    with imported.file.open("rb") as kept, open(path, "rb") as original:
        assert kept.read() == original.read()  # the file uploaded is kept with the job


@pytest.mark.usefixtures("no_values")
def test_errors_by_row_and_cell_with_the_clis_codes_and_nothing_written(client_for, tmp_path):
    path = csv_file(tmp_path, [
        ",".join(HEADER),
        "GTSX,202401,01,12000,",      # 2 valid
        "XYZ,202401,01,5,",           # 3 unknown_indicator
        "GTSX,202401,01,abc,",        # 4 duplicate and bad_value
        "IIP,202401,99,5,",           # 5 unknown_province
    ])  # fmt: skip
    client = client_for("agency_officer")
    job = _job(_upload(client, path, "import"))
    assert job.state == JobState.DONE and not job.summary["ok"]
    codes = {(e["row"], e["column"], e["code"]) for e in job.summary["errors"]}
    assert codes == {
        (3, "indicator", "unknown_indicator"),
        (4, "", "duplicate"),
        (4, "value", "bad_value"),
        (5, "province", "unknown_province"),
    }
    assert job.summary["written"] == 0 and job.written == 0
    assert not DataValue.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Tệp có 4 lỗi: không ghi dòng nào." in page
    assert "unknown_indicator" in page and "Không có chỉ tiêu «XYZ»." in page


@pytest.mark.usefixtures("no_values")
def test_a_file_that_is_not_an_exchange_file_is_a_bad_file(client_for, tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    job = _job(_upload(client_for("agency_officer"), path, "check"))
    assert [e["code"] for e in job.summary["errors"]] == ["bad_file"]
    assert "tệp Excel cũ (.xls)" in job.summary["errors"][0]["message"]


@pytest.mark.usefixtures("no_values")
def test_a_province_loads_drafts_of_its_own_province_only(client_for, tmp_path):
    client = client_for("province_officer")  # Hà Nội
    other = csv_file(tmp_path, [",".join(HEADER), "GTSX,202508,01,100,", "GTSX,202508,48,200,"])
    job = _job(_upload(client, other, "import"))
    assert [(e["row"], e["code"]) for e in job.summary["errors"]] == [(3, "out_of_scope")]
    assert not DataValue.objects.exists()
    own = csv_file(tmp_path, [",".join(HEADER), "GTSX,202508,01,100,"], name="own.csv")
    job = _job(_upload(client, own, "import"))
    assert job.summary["ok"]
    assert list(DataValue.objects.values_list("province__code", "state")) == [("01", ValueState.DRAFT)]


def test_another_user_cannot_see_the_job_and_a_reader_cannot_load(client_for, demo, tmp_path):
    clear_values()
    path = csv_file(tmp_path, [",".join(HEADER), "GTSX,202401,01,100,"])
    job = _job(_upload(client_for("province_officer"), path, "check"))
    assert client_for("province_officer_2").get(job.get_absolute_url()).status_code == 404
    assert client_for("province_officer_2").get(reverse("jobs:job_input", args=[job.pk])).status_code == 404
    assert client_for("leader").get(reverse(URL)).status_code == 403


def test_no_file_is_a_message_not_a_job(client_for, demo):
    client = client_for("agency_officer")
    response = client.post(reverse(URL), {"action": "check"})
    assert response.status_code == 400
    assert "Chọn tệp trao đổi" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.usefixtures("work_db")
@pytest.mark.django_db(transaction=True)
def test_rows_checked_and_written_are_visible_while_the_import_runs(tmp_path, monkeypatch):
    """Each report is read back by another connection while the import's transaction is open: the
    counters increase, and the values being written are not yet visible (all or nothing)."""
    from django.test import Client

    from cndp.accounts.models import User

    monkeypatch.setattr(progress, "INTERVAL", 0)
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(imports, "BATCH", 2)
    clear_values()
    rows = [("GTSX", f"2023{m:02d}", "01", 1000 + m, None) for m in range(1, 11)]
    path = xlsx_file(tmp_path, HEADER, rows)
    seen = []
    report = progress.Progress.report

    def watching(self, **counters):
        report(self, force=True, **counters)
        result = {}

        def look():
            try:
                result.update(selectors.job_status(Job.objects.get(pk=self.job_id)))
                result["stored"] = DataValue.objects.count()
            finally:
                connections.close_all()

        thread = threading.Thread(target=look)
        thread.start()
        thread.join()
        seen.append(result)

    monkeypatch.setattr(progress.Progress, "report", watching)
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    job = _job(_upload(client, path, "import"))
    assert job.state == JobState.DONE and job.summary["written"] == 10
    running = [s for s in seen if s["state"] == JobState.RUNNING]
    checked = [s["checked"] for s in running]
    written = [s["written"] for s in running]
    assert checked == sorted(checked) and checked[-1] == 10 and len(set(checked)) >= 5
    assert written == sorted(written) and max(written) >= 8 and min(written) == 0
    assert running[-1]["total"] == 10  # (this writer states no sheet size: the total is known at the end)
    assert all(s["stored"] == 0 for s in running[:-1])  # the import's transaction was still open
    assert running[-1]["stored"] == 10  # the last report comes after its commit, before the job ends
    assert DataValue.objects.count() == 10


def _exported(job) -> list[tuple]:
    from openpyxl import load_workbook

    with job.result_file.open("rb") as handle:
        sheet = load_workbook(handle, read_only=True).worksheets[0]
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    return rows[2:]  # title, subtitle; then the header and the rows


@pytest.mark.usefixtures("no_values")
def test_a_list_exported_by_a_job_within_the_users_province(client_for):
    """The other use of the pattern: any registry list's «Xuất Excel trong nền» — what is filtered and in
    the user's scope is what the job exports; the file is kept with the job."""
    from .factories import put_many

    months = ("202508", "202509", "202510", "202511", "202512", "202601")  # the 34 provinces' units
    put_many([("GTSX", month, code, 100 + i) for i, month in enumerate(months) for code in ("01", "48")])
    list_url = reverse("indicators:datavalue_list")
    client = client_for("province_officer_2")  # Đà Nẵng
    page = client.get(list_url).content.decode()
    assert 'id="export-job"' in page
    job = _job(client.post(list_url + "?export=job&sort=period"))
    assert job.state == JobState.DONE, job.error
    assert job.params["query"] == "sort=period"
    header, *rows = _exported(job)
    assert "Tỉnh, thành phố" in header
    column = header.index("Tỉnh, thành phố")
    assert len(rows) == 6 and {r[column] for r in rows} == {"Thành phố Đà Nẵng"}
    assert (job.checked, job.written, job.total) == (6, 6, 6)
    assert job.summary["message"] == "Đã xuất 6 bản ghi ra tệp Excel."
    download = client.get(reverse("jobs:job_result", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert client_for("province_officer").get(reverse("jobs:job_result", args=[job.pk])).status_code == 404

    agency = client_for("agency_officer")
    hanoi = DataValue.objects.filter(province__code="01").values_list("province_id", flat=True).first()
    job = _job(agency.post(list_url + f"?export=job&province={hanoi}"))
    header, *rows = _exported(job)
    assert len(rows) == 6 and {r[header.index("Tỉnh, thành phố")] for r in rows} == {"Thành phố Hà Nội"}


def test_a_list_export_job_needs_the_lists_permission_and_a_post(client_for, demo):
    list_url = reverse("indicators:datavalue_list")
    assert client_for("agency_officer").post(list_url).status_code == 405
    denied = client_for("counting_board").post(list_url + "?export=job")
    assert denied.status_code == 403
    assert not Job.objects.exists()
