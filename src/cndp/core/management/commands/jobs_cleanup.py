"""`cndp manage jobs_cleanup [--days N]` — dọn việc chạy nền: jobs whose worker died are marked failed
(`CNDP_JOB_TIMEOUT_MINUTES`) and the result files of jobs ended more than N days ago
(`CNDP_JOB_RESULT_DAYS`, default 30) are deleted. Run it daily from cron, e.g.
`30 2 * * * cndp manage jobs_cleanup`."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cndp.core.jobs import services


class Command(BaseCommand):
    help = (
        "Dọn việc chạy nền: đánh dấu thất bại các việc đã dừng giữa chừng và xoá tệp kết quả của các việc "
        "đã xong quá số ngày lưu giữ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="số ngày giữ tệp kết quả (mặc định: CNDP_JOB_RESULT_DAYS)"
        )

    def handle(self, *args, days=None, **options):
        stale = services.jobs_fail_stale()
        removed = services.job_results_purge(days=days)
        self.stdout.write(
            _("Đã đánh dấu thất bại %(stale)s việc dừng giữa chừng; đã xoá %(removed)s tệp kết quả cũ.")
            % {"stale": stale, "removed": removed}
        )
