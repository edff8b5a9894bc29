"""`manage.py party_rebuild_states`: rebuild every member's dated periods (giai đoạn sinh hoạt) from the
events — after a bulk load outside the services, or to check nothing drifted."""

from django.core.management.base import BaseCommand

from cndp.party.services import member_periods_rebuild


class Command(BaseCommand):
    help = "Dựng lại các giai đoạn sinh hoạt của mọi đảng viên từ lịch sử sự kiện."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        members = member_periods_rebuild(batch_size=options["batch_size"])
        self.stdout.write(f"Đã dựng lại giai đoạn sinh hoạt của {members} đảng viên.\n")
