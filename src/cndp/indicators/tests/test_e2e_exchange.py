"""Browser: the agency uploads an exchange file; the job's page shows the progress bar while the job
waits on the queue (the test plays the worker: the job runs when the test says so), then the result
appears by itself (the page polls its status, no reload by the user); the user leaves, comes back through
«Việc đang chạy / đã xong» and finds the result. Screenshots in test-artifacts/."""

import pytest
from django.urls import reverse

from cndp.core.jobs import services as job_services
from cndp.core.jobs.models import Job, JobState
from cndp.indicators.models import DataValue

from .factories import clear_values, csv_file
from .test_e2e import browser, shot, signed_in  # noqa: F401 (the module's browser fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_progress_bar_and_result_page(browser, live_server, demo, tmp_path, monkeypatch):  # noqa: F811
    clear_values()
    queued = []
    monkeypatch.setattr(job_services, "_enqueue", queued.append)  # on the queue; no worker yet
    path = csv_file(tmp_path, [
        "indicator,period,province,value,comment",
        "GTSX,202401,01,12000.5,Nhà máy mới",
        "IIP,202401,01,abc,",
    ], name="so-lieu.csv")  # fmt: skip
    page = signed_in(browser, live_server, "chuyenvien")
    page.goto(live_server.url + reverse("indicators:exchange_upload"))
    page.set_input_files("#exchange-file", str(path))
    with page.expect_navigation():
        page.click("#btn-exchange-import")
    page.wait_for_selector("#job-progress[data-job-polling]")  # the page's script runs and polls
    assert page.inner_text("#job-state") == "Đang chờ"
    assert page.locator("#job-bar").is_visible()
    assert page.locator("#job-result").count() == 0
    shot(page, "job-queued")

    (job_id,) = queued
    assert job_services.job_execute(job_id=job_id) == JobState.DONE  # the worker takes it
    page.wait_for_selector("#job-result")  # the page noticed by itself and shows the result
    assert "Tệp có 1 lỗi: không ghi dòng nào." in page.inner_text("#job-outcome")
    assert "bad_value" in page.inner_text("#job-errors")
    assert "«abc» không phải là số" in page.inner_text("#job-errors")
    assert page.get_attribute("#job-bar", "aria-valuenow") == "100"
    assert not DataValue.objects.exists()
    shot(page, "job-result")

    page.goto(live_server.url + reverse("home"))  # leave, and come back through the user's menu
    page.click("#user-menu")
    page.click("#menu-jobs")
    page.wait_for_selector("#job-list")
    job = Job.objects.get(pk=job_id)
    page.click(f"#job-list tr[data-job='{job.pk}'] a")
    page.wait_for_selector("#job-result")
    assert "bad_value" in page.inner_text("#job-errors")
    shot(page, "job-back")
