"""cndp manage clusters_schedule --year 2027 --period half — schedule a period's cluster reports (Biểu 01–04)
on the shared calendar, as the agency's «Lập lịch báo cáo» page does (idempotent; e.g. from cron on 1/5
and 1/11)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cndp.clusters.services.reports import reports_schedule


class Command(BaseCommand):
    help = "Lập lịch báo cáo cụm công nghiệp một kỳ (Biểu 01–04, Thông tư 14/2024/TT-BCT)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", choices=["half", "year"], required=True)
        parser.add_argument(
            "--as", dest="username", default="", help="the agency officer recorded as scheduling"
        )

    def handle(self, *args, year, period, username, **options):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
        )
        if user is None:
            raise CommandError("Không tìm thấy người dùng để ghi nhận việc lập lịch (--as).")
        made = reports_schedule(year=year, period=period, user=user)
        self.stdout.write(", ".join(f"{form}: {n}" for form, n in sorted(made.items())) or "0")
