"""`manage.py extension_remind`: kept so that existing cron lines keep working — progress reports are
reminded and escalated by the reporting calendar's one daily job, which this queues (`manage.py remind`)."""

from django.core.management.base import BaseCommand

from cndp.obligations.tasks import obligations_remind


class Command(BaseCommand):
    help = "Nhắc hạn và báo trễ hạn báo cáo (như lệnh remind: mọi loại báo cáo, chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày xét (yyyy-mm-dd), mặc định hôm nay")

    def handle(self, *args, **options):
        result = obligations_remind.enqueue(options.get("date"))
        self.stdout.write(f"Đã xếp hàng tác vụ nhắc hạn báo cáo: {result.id}\n")
