"""`cndp manage indicators_schedule [--date YYYY-MM-DD]` — schedule on the reporting calendar the
submissions every province owes for the last period of each data set in force that has ended by the
date (idempotent: run it daily from cron before `remind`, e.g. `10 7 * * * cndp manage
indicators_schedule`)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cndp.indicators import periods, services
from cndp.indicators.models import DataSet


class Command(BaseCommand):
    help = "Lập lịch báo cáo số liệu của các tỉnh cho kỳ vừa kết thúc của mỗi bộ chỉ tiêu."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to schedule for (default: today)")

    def handle(self, *args, **options):
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD)") from exc
        for dataset in DataSet.objects.select_related("rule").order_by("code"):
            period = periods.containing(dataset.period_type, day).previous
            if not dataset.is_valid_at(period.end):
                continue
            made = services.submissions_schedule(dataset=dataset, period=period)
            self.stdout.write(f"{dataset.code} {period.code}: {made}")
