"""`manage.py party_remind`: queue the reminder of probations about to end (run daily by cron)."""

from django.core.management.base import BaseCommand

from cndp.party.tasks import probation_reminders_send


class Command(BaseCommand):
    help = "Gửi thư nhắc đảng viên sắp hết thời gian dự bị cho cán bộ Đảng ủy (chạy hằng ngày)."

    def handle(self, *args, **options):
        result = probation_reminders_send.enqueue()
        self.stdout.write(f"Đã xếp hàng tác vụ nhắc hết thời gian dự bị: {result.id}\n")
