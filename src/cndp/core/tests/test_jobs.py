"""Long jobs (core.jobs): a job runs on the task queue (the immediate backend in tests), its counters are
visible from another connection while its own transaction is still open (PostgreSQL: a side connection;
SQLite: the side file — the job's write lock would make a second writer wait for ever), its result page is
there after leaving and coming back, a failure is shown in Vietnamese, and only its owner (or an
administrator) sees it."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.urls import reverse

from cndp.core.jobs import kinds, progress, selectors, services
from cndp.core.jobs.models import Job, JobState
from cndp.core.tests.databases import demo_snapshot, work_db  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db
STEPS = 4


def observe(job_id: int, group_name: str) -> dict:
    """What another connection (another thread: the status page's request) sees now."""
    seen: dict = {}

    def look():
        try:
            job = Job.objects.get(pk=job_id)
            seen.update(selectors.job_status(job))
            seen["group_visible"] = Group.objects.filter(name=group_name).exists()
        finally:
            connections.close_all()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen


OBSERVED: list[dict] = []


def _counting(job, progress_):
    """A job that writes inside one transaction and reports progress as it goes."""
    name = f"job-{job.pk}"
    with transaction.atomic():
        Group.objects.create(name=name)  # the job's own write: holds the write lock on SQLite
        for i in range(1, STEPS + 1):
            progress_.report(checked=i, written=i - 1, total=STEPS)
            if job.params.get("observe"):
                OBSERVED.append(observe(job.pk, name))
    return {"rows": STEPS, "valid": STEPS, "written": STEPS, "message": "Đã đếm xong."}


def _failing(job, progress_):
    raise kinds.JobFailed("Tệp không đọc được: thiếu trang tính đầu.")


def _crashing(job, progress_):
    with transaction.atomic():
        Group.objects.create(name=f"crash-{job.pk}")
        raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    monkeypatch.setattr(progress, "INTERVAL", 0)
    for key, run in (("tests.count", _counting), ("tests.fail", _failing), ("tests.crash", _crashing)):
        kinds.register(kinds.Kind(key, "Việc thử", run=run))
    OBSERVED.clear()
    yield


def test_a_job_runs_on_the_queue_and_keeps_its_file(demo):
    upload = SimpleUploadedFile("số liệu.csv", b"a,b\n1,2\n")
    job = services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm", upload=upload)
    assert job.state == JobState.DONE
    assert (job.checked, job.written, job.total) == (STEPS, STEPS - 1, STEPS)
    assert job.summary["message"] == "Đã đếm xong."
    assert job.task_id
    assert job.started and job.finished and job.started <= job.finished
    assert job.file_name == "số liệu.csv"
    with job.file.open("rb") as handle:
        assert handle.read() == b"a,b\n1,2\n"
    assert Group.objects.filter(name=f"job-{job.pk}").exists()


def test_a_job_runs_once(demo):
    job = services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm")
    assert services.job_execute(job_id=job.pk) == "skipped"


@pytest.mark.usefixtures("work_db")
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_jobs_transaction_is_open():
    from cndp.accounts.models import User

    owner = User.objects.get(username="chuyenvien")
    job = services.job_start(kind="tests.count", user=owner, label="Đếm", params={"observe": True})
    assert job.state == JobState.DONE
    assert [o["checked"] for o in OBSERVED] == [1, 2, 3, 4]
    assert [o["written"] for o in OBSERVED] == [0, 1, 2, 3]
    assert all(o["state"] == JobState.RUNNING and o["total"] == STEPS for o in OBSERVED)
    assert [o["percent"] for o in OBSERVED] == [25, 50, 75, 99]  # 100 % only when it has ended
    assert not any(o["group_visible"] for o in OBSERVED)  # the job's transaction was open all along
    assert Group.objects.filter(name=f"job-{job.pk}").exists()
    assert selectors.job_status(Job.objects.get(pk=job.pk))["percent"] == 100
    assert not progress.side_file(job.pk).exists()  # the side file goes when the job ends


def test_progress_writes_are_throttled(demo, monkeypatch):
    monkeypatch.setattr(progress, "INTERVAL", 3600)
    job = Job.objects.create(kind="tests.count", owner=demo["agency_officer"], label="Đếm")
    reporter = progress.Progress(job)
    for i in range(100):
        reporter.report(checked=i)
    reporter.report(checked=100, force=True)
    reporter.close()
    assert reporter.writes == 2  # the first and the forced last


def test_a_failed_job_shows_its_error(client_for, demo):
    job = services.job_start(kind="tests.fail", user=demo["agency_officer"], label="Thử")
    assert job.state == JobState.FAILED
    assert job.error == "Tệp không đọc được: thiếu trang tính đầu."
    page = client_for("agency_officer").get(job.get_absolute_url())
    assert page.status_code == 200
    assert "Tệp không đọc được: thiếu trang tính đầu." in page.content.decode()
    assert 'id="job-error"' in page.content.decode()


def test_an_unexpected_error_is_said_in_vietnamese_and_nothing_is_half_written(client_for, demo):
    job = services.job_start(kind="tests.crash", user=demo["agency_officer"], label="Thử")
    assert job.state == JobState.FAILED
    assert "lỗi không lường trước" in job.error and f"#{job.pk}" in job.error
    assert "boom" not in job.error
    assert not Group.objects.filter(name=f"crash-{job.pk}").exists()


def test_the_result_page_after_leaving_and_coming_back(client_for, demo):
    job = services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm ba dòng")
    client = client_for("agency_officer")
    listing = client.get(reverse("jobs:job_list")).content.decode()
    assert "Đếm ba dòng" in listing and job.get_absolute_url() in listing
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="job-result"' in page and "Đã đếm xong." in page
    assert "data-job-finished" in page  # the script does not poll a finished job
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert (status["state"], status["percent"], status["checked"]) == ("done", 100, STEPS)


def test_a_queued_job_shows_the_progress_bar_and_polls(client_for, demo, monkeypatch):
    monkeypatch.setattr(services, "_enqueue", lambda job_id: None)  # the worker has not taken it yet
    job = services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm")
    assert job.state == JobState.QUEUED
    page = client_for("agency_officer").get(job.get_absolute_url()).content.decode()
    assert 'id="job-bar"' in page and "data-job-finished" not in page and 'id="job-result"' not in page
    assert reverse("jobs:job_status", args=[job.pk]) in page
    assert "cndp/jobs.js" in page and "<script>" not in page


@pytest.mark.parametrize("name", ["job_detail", "job_status", "job_input"])
def test_another_user_gets_404_and_an_administrator_sees_it(client_for, demo, name):
    upload = SimpleUploadedFile("a.csv", b"x\n")
    job = services.job_start(kind="tests.count", user=demo["province_officer"], label="Đếm", upload=upload)
    url = reverse(f"jobs:{name}", args=[job.pk])
    assert client_for("province_officer").get(url).status_code == 200
    assert client_for("province_officer_2").get(url).status_code == 404
    assert client_for("agency_officer").get(url).status_code == 404
    assert client_for("admin").get(url).status_code == 200


def test_the_list_shows_only_ones_own_jobs(client_for, demo):
    mine = services.job_start(kind="tests.count", user=demo["province_officer"], label="Của Hà Nội")
    services.job_start(kind="tests.count", user=demo["province_officer_2"], label="Của Đà Nẵng")
    page = client_for("province_officer").get(reverse("jobs:job_list")).content.decode()
    assert "Của Hà Nội" in page and mine.get_absolute_url() in page
    assert "Của Đà Nẵng" not in page


def test_the_list_keeps_its_query_count(client_for, demo, django_assert_max_num_queries):
    client = client_for("agency_officer")
    services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("jobs:job_list"))
    for _i in range(10):
        services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("jobs:job_list"))


def test_signed_out_is_sent_to_login(client, demo):
    job = services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm")
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]
