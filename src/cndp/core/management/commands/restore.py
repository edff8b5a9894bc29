"""`cndp restore FILE [--force]` — khôi phục từ một bản sao lưu của `cndp backup` (see core.backup)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _

from cndp.core import backup


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu. Từ chối ghi đè cơ sở dữ liệu "
        "hoặc thư mục tệp đính kèm đã có dữ liệu, trừ khi có --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp sao lưu (.tar.gz) do `cndp backup` tạo ra")
        parser.add_argument(
            "--force",
            action="store_true",
            help="xóa dữ liệu hiện có rồi khôi phục (thư mục tệp cũ được giữ lại)",
        )
        parser.add_argument("--database", default="default", help="bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, path, force=False, database="default", **options):
        try:
            result = backup.backup_restore(path=Path(path), using=database, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        created = timezone.localtime(datetime.datetime.fromisoformat(manifest["created"]))
        vendor = manifest["database"]["vendor"]
        self.stdout.write(
            _(
                "Đã khôi phục cơ sở dữ liệu %(kind)s (%(tables)s bảng) và %(n)s tệp đính kèm từ bản sao lưu "
                "lúc %(when)s (phiên bản %(version)s); mọi mã SHA-256 đều khớp."
            )
            % {
                "kind": backup.VENDOR_NAMES.get(vendor, vendor),
                "tables": localize(result.tables),
                "n": localize(result.media_files),
                "when": created.strftime("%H:%M %d/%m/%Y"),
                "version": manifest["version"],
            }
        )
        if result.media_kept_aside:
            self.stdout.write(
                _("Thư mục tệp đính kèm cũ được giữ lại ở %(path)s.") % {"path": result.media_kept_aside}
            )
        if result.missing_migrations:
            self.stdout.write(
                _(
                    "Bản sao lưu cũ hơn mã nguồn (thiếu %(n)s bước chuyển đổi dữ liệu): chạy "
                    "«cndp manage migrate» trước khi dùng."
                )
                % {"n": localize(len(result.missing_migrations))}
            )
        if result.unknown_migrations:
            self.stdout.write(
                _(
                    "Cảnh báo: bản sao lưu mới hơn mã nguồn (%(n)s bước chuyển đổi dữ liệu mã nguồn không biết); "
                    "hãy cập nhật CNĐP lên phiên bản %(version)s."
                )
                % {"n": localize(len(result.unknown_migrations)), "version": manifest["version"]}
            )
