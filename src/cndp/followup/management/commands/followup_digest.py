"""`cndp manage followup_digest`: queue the weekly digest to the leaders (cron, every Monday)."""

from django.core.management.base import BaseCommand

from cndp.followup.tasks import followup_weekly_digest


class Command(BaseCommand):
    help = "Gửi bản tin tuần về thực hiện kết luận cho lãnh đạo Bộ (chạy mỗi thứ Hai, cho tuần trước)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Một ngày của tuần cần báo cáo (yyyy-mm-dd), mặc định tuần trước")

    def handle(self, *args, **options):
        result = followup_weekly_digest.enqueue(options.get("date"))
        self.stdout.write(f"Đã xếp hàng tác vụ gửi bản tin tuần: {result.id}\n")
