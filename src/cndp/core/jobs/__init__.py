"""Việc chạy nền (long jobs): a long import or export runs on the task worker (django-tasks, the database
queue) while the user watches a progress bar, leaves and comes back to its result page.

    kinds.register(kinds.Kind("indicators.exchange_import", _("Nạp tệp trao đổi số liệu"), run=…))
    job = services.job_start(kind=…, user=…, upload=…, params={…})   # a view; then redirect to job
    def run(job, progress) -> dict: progress.report(checked=…, written=…, total=…); return summary

Core knows no domain: each app registers its kinds in its AppConfig.ready(); `run` is called by the one
task `cndp.core.jobs.tasks.job_run`."""
