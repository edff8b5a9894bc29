"""Long jobs' upkeep (core.jobs): a job whose worker died is shown failed after CNDP_JOB_TIMEOUT_MINUTES
with a Vietnamese message and may be run again; the administration site lists jobs read-only, filtered by
state, kind and user; `jobs_cleanup` deletes the result files kept longer than CNDP_JOB_RESULT_DAYS."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cndp.core.jobs import services
from cndp.core.jobs.models import Job, JobState
from cndp.core.tests.test_jobs import STEPS, test_kinds  # noqa: F401 — the test kinds, registered

pytestmark = pytest.mark.django_db


def _died(user, *, hours: float, settings) -> Job:
    """A job a worker took and then died with: «running», started `hours` ago."""
    settings.CNDP_JOB_TIMEOUT_MINUTES = 240
    job = Job.objects.create(
        kind="tests.count", owner=user, label="Nạp tệp", state=JobState.RUNNING, params={"language": "vi"},
        file=SimpleUploadedFile("a.csv", b"x\n"), file_name="a.csv",
    )  # fmt: skip
    Job.objects.filter(pk=job.pk).update(started=timezone.now() - datetime.timedelta(hours=hours))
    return job


def test_a_job_whose_worker_died_is_shown_failed_and_may_be_run_again(client_for, demo, settings):
    owner = demo["agency_officer"]
    alive, dead = _died(owner, hours=1, settings=settings), _died(owner, hours=5, settings=settings)
    client = client_for("agency_officer")
    status = client.get(reverse("jobs:job_status", args=[dead.pk])).json()
    assert status["state"] == "failed" and status["finished"]
    assert client.get(reverse("jobs:job_status", args=[alive.pk])).json()["state"] == "running"
    dead.refresh_from_db()
    assert "tiến trình chạy nền đã dừng giữa chừng" in dead.error and f"#{dead.pk}" in dead.error
    assert "4 giờ" in dead.error
    page = client.get(dead.get_absolute_url()).content.decode()
    assert 'id="job-error"' in page and 'id="job-retry"' in page
    response = client.post(reverse("jobs:job_retry", args=[dead.pk]))
    again = Job.objects.exclude(pk__in=[alive.pk, dead.pk]).get()
    assert response.status_code == 302 and response["Location"] == again.get_absolute_url()
    assert (again.state, again.checked, again.file.name) == (JobState.DONE, STEPS, dead.file.name)
    assert again.params["retry_of"] == dead.pk


def test_the_job_list_fails_the_owners_dead_jobs_only(client_for, demo, settings):
    mine = _died(demo["agency_officer"], hours=5, settings=settings)
    theirs = _died(demo["province_officer"], hours=5, settings=settings)
    client_for("agency_officer").get(reverse("jobs:job_list"))
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert (mine.state, theirs.state) == (JobState.FAILED, JobState.RUNNING)


def test_only_the_owner_may_run_a_failed_job_again(client_for, demo, settings):
    dead = _died(demo["province_officer"], hours=5, settings=settings)
    services.jobs_fail_stale()
    assert client_for("province_officer_2").post(reverse("jobs:job_retry", args=[dead.pk])).status_code == 404
    assert client_for("admin").post(reverse("jobs:job_retry", args=[dead.pk])).status_code == 404
    done = services.job_start(kind="tests.count", user=demo["province_officer"], label="Đếm")
    assert client_for("province_officer").post(reverse("jobs:job_retry", args=[done.pk])).status_code == 404
    assert client_for("province_officer").get(reverse("jobs:job_retry", args=[dead.pk])).status_code == 405


def test_the_admin_lists_jobs_read_only_with_filters(client_for, demo):
    services.job_start(kind="tests.count", user=demo["agency_officer"], label="Đếm của chuyên viên")
    services.job_start(kind="tests.fail", user=demo["province_officer"], label="Hỏng của Hà Nội")
    admin = client_for("admin")
    url = reverse("admin:core_job_changelist")
    page = admin.get(url, {"state__exact": "failed"}).content.decode()
    assert "Hỏng của Hà Nội" in page and "Đếm của chuyên viên" not in page
    page = admin.get(url, {"kind": "tests.count"}).content.decode()
    assert "Đếm của chuyên viên" in page and "Hỏng của Hà Nội" not in page
    page = admin.get(url, {"owner__id__exact": demo["province_officer"].pk}).content.decode()
    assert "Hỏng của Hà Nội" in page and "Đếm của chuyên viên" not in page
    job = Job.objects.get(label="Hỏng của Hà Nội")
    assert admin.get(reverse("admin:core_job_change", args=[job.pk])).status_code == 200
    assert admin.get(reverse("admin:core_job_add")).status_code == 403
    assert admin.post(reverse("admin:core_job_delete", args=[job.pk]), {"post": "yes"}).status_code == 403
    assert Job.objects.filter(pk=job.pk).exists()
    assert client_for("agency_officer").get(url).status_code == 302  # not staff: sent to the admin's login


def test_jobs_cleanup_deletes_old_result_files_only(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = demo["agency_officer"]
    old, recent = (services.job_start(kind="tests.count", user=owner, label=label) for label in ("Cũ", "Mới"))
    for job in (old, recent):
        services.attach(job, "ket-qua.xlsx", b"PK")
        job.save(update_fields=["result_file", "result_name"])
    Job.objects.filter(pk=old.pk).update(finished=timezone.now() - datetime.timedelta(days=31))
    old_path = old.result_file.path
    call_command("jobs_cleanup", "--days", "30")
    old.refresh_from_db(), recent.refresh_from_db()
    assert not old.result_file and old.summary["result_removed"]
    assert not __import__("os").path.exists(old_path)
    assert recent.result_file and recent.result_file.storage.exists(recent.result_file.name)
