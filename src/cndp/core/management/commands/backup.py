"""`cndp backup [FILE]` — sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp .tar.gz (see core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import localize
from django.utils.translation import gettext as _

from cndp.core import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp .tar.gz (kèm bản kê và mã SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="tệp sao lưu cần tạo (mặc định: backups/cndp-<ngày-giờ>.tar.gz)"
        )
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, path=None, database="default", **options):
        target = Path(path) if path else backup.default_path()
        try:
            manifest = backup.backup_create(path=target, using=database)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        vendor = manifest["database"]["vendor"]
        self.stdout.write(
            _(
                "Đã sao lưu cơ sở dữ liệu %(kind)s và %(n)s tệp đính kèm vào %(path)s (%(size)s byte). "
                "Giữ tệp này ở nơi an toàn: nó chứa dữ liệu cá nhân và mật khẩu đã mã hóa."
            )
            % {
                "kind": backup.VENDOR_NAMES.get(vendor, vendor),
                "n": localize(manifest["media"]["files"]),
                "path": target,
                "size": localize(target.stat().st_size),
            }
        )
