"""The one task of every long job: the worker runs `job_run(job_id)` (`cndp worker`, database queue)."""

from django_tasks import task

from cndp.core.jobs import services


@task()
def job_run(job_id: int) -> str:
    """Chạy một việc nền đã xếp hàng; returns how it ended (done / failed / skipped)."""
    return services.job_execute(job_id=job_id)
