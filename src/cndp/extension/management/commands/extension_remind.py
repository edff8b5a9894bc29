"""`manage.py extension_remind`: queue the reminder and escalation of progress reports (run daily)."""

from django.core.management.base import BaseCommand

from cndp.extension.tasks import progress_reports_follow_up


class Command(BaseCommand):
    help = "Nhắc hạn và báo trễ hạn báo cáo tiến độ đề án khuyến công (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày xét (yyyy-mm-dd), mặc định hôm nay")

    def handle(self, *args, **options):
        result = progress_reports_follow_up.enqueue(options.get("date"))
        self.stdout.write(f"Đã xếp hàng tác vụ nhắc hạn báo cáo tiến độ: {result.id}\n")
