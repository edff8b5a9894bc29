"""`cndp manage remind`: queue the daily reminder and escalation of every kind of obligation (cron)."""

from django.core.management.base import BaseCommand

from cndp.obligations.tasks import obligations_remind


class Command(BaseCommand):
    help = "Nhắc hạn và báo trễ hạn mọi nghĩa vụ báo cáo (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày xét (yyyy-mm-dd), mặc định hôm nay")

    def handle(self, *args, **options):
        result = obligations_remind.enqueue(options.get("date"))
        self.stdout.write(f"Đã xếp hàng tác vụ nhắc hạn báo cáo: {result.id}\n")
