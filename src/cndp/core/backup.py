"""Backup and restore (sao lưu và khôi phục): the whole system in one archive file.

A backup is a `.tar.gz` holding, in this order:

    manifest.json        format, application version, date, database kind, applied migrations,
                         and the SHA-256 of every other member
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API, or
    database.pgdump      PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore`)
    media/…              the uploaded files (MEDIA_ROOT)

A restore checks the manifest and every checksum before it touches anything, refuses a database of
another kind, and refuses a target that already holds tables or files unless `force` is given (then the
database is emptied and the old media folder is kept aside under a dated name). It works while the
system runs: SQLite's backup API and `pg_dump` both read one consistent snapshot.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core import data_version

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (Vietnamese) says why and what to do."""


@dataclass
class RestoreResult:
    manifest: dict
    tables: int
    media_files: int
    media_kept_aside: Path | None = None
    missing_migrations: list[str] = field(default_factory=list)
    unknown_migrations: list[str] = field(default_factory=list)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def default_path(now: datetime.datetime | None = None) -> Path:
    """DATA_DIR/backups/cndp-YYYYMMDD-HHMMSS.tar.gz (local time)."""
    now = timezone.localtime(now or timezone.now())
    return Path(settings.DATA_DIR) / "backups" / f"cndp-{now:%Y%m%d-%H%M%S}.tar.gz"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cndp")
    except PackageNotFoundError:  # pragma: no cover — running from a source tree without install
        return "0+unknown"


def _applied_migrations(connection) -> list[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def _pg_env(settings_dict: dict) -> dict:
    """libpq's environment for pg_dump / pg_restore: no password on the command line."""
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGPASSWORD", settings_dict.get("PASSWORD")),
        ("PGDATABASE", settings_dict.get("NAME")),
        ("PGSSLMODE", settings_dict.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[key] = str(value)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "Không tìm thấy chương trình %(tool)s: cài gói postgresql-client (apt install postgresql-client)."
            )
            % {"tool": name}
        )
    return path


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s báo lỗi: %(error)s")
            % {"tool": Path(args[0]).name, "error": done.stderr.strip()[-2000:]}
        )


def _dump_database(connection, target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # one consistent snapshot, while others keep writing
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        args = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        _run(args, _pg_env(connection.settings_dict))
    else:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(kind)s.") % {"kind": connection.vendor})


def backup_create(
    *, path: Path | None = None, using: str = "default", media_root: Path | None = None
) -> dict:
    """Sao lưu: write the database and the uploaded files into one archive at `path` (default
    `default_path()`); returns the manifest. The archive appears only when complete."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("Không sao lưu được giữa một giao dịch đang mở."))
    path = Path(path or default_path())
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    database_name = DATABASE_FILES.get(vendor, "database")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".cndp-backup-") as folder:
        dump = Path(folder) / database_name
        _dump_database(connection, dump)
        media = _media_files(media_root)
        files = {database_name: sha256_file(dump)}
        for item in media:
            files[str(PurePosixPath(MEDIA, *item.relative_to(media_root).parts))] = sha256_file(item)
        manifest = {
            "format": FORMAT,
            "application": "cndp",
            "version": _version(),
            "created": timezone.now().isoformat(timespec="seconds"),
            "database": {
                "vendor": vendor,
                "file": database_name,
                "migrations": _applied_migrations(connection),
            },
            "media": {"files": len(media), "bytes": sum(p.stat().st_size for p in media)},
            "files": files,
        }
        partial = Path(folder) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=database_name, recursive=False)
            for item in media:
                archive.add(item, arcname=str(PurePosixPath(MEDIA, *item.relative_to(media_root).parts)))
        partial.chmod(0o600)  # password hashes and personal data: readable by the owner only
        os.replace(partial, path)
    return manifest


# ---- restore -----------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read().decode("utf-8"))
    except (OSError, KeyError, tarfile.TarError, ValueError, AttributeError) as exc:
        raise BackupError(
            _("«%(path)s» không phải bản sao lưu CNĐP đọc được (%(error)s).") % {"path": path, "error": exc}
        ) from exc
    if manifest.get("application") != "cndp" or manifest.get("format") != FORMAT:
        raise BackupError(
            _("«%(path)s» không phải bản sao lưu CNĐP định dạng %(format)s.")
            % {"path": path, "format": FORMAT}
        )
    return manifest


def _extract(path: Path, manifest: dict, folder: Path) -> None:
    """Unpack only the files the manifest lists, as plain files inside `folder`, and check each SHA-256."""
    expected = manifest["files"]
    with tarfile.open(path, "r:gz") as archive:
        members = []
        for member in archive.getmembers():
            if member.name == MANIFEST:
                continue
            name = PurePosixPath(member.name)
            if member.name not in expected or name.is_absolute() or ".." in name.parts or not member.isfile():
                raise BackupError(
                    _("Bản sao lưu có tệp lạ «%(name)s»; không khôi phục.") % {"name": member.name}
                )
            members.append(member)
        archive.extractall(folder, members=members, filter="data")
    for name, digest in expected.items():
        target = folder / name
        if not target.is_file():
            raise BackupError(_("Bản sao lưu thiếu tệp «%(name)s»; không khôi phục.") % {"name": name})
        if sha256_file(target) != digest:
            raise BackupError(
                _("Tệp «%(name)s» trong bản sao lưu bị sai lệch (mã SHA-256 không khớp); không khôi phục.")
                % {"name": name}
            )


def _restore_database(connection, dump: Path, *, clear: bool) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)  # replaces every page of the target
        finally:
            source.close()
        return
    if clear:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    settings_dict = connection.settings_dict
    connection.close()
    args = [
        _pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={settings_dict['NAME']}",
        str(dump),
    ]
    _run(args, _pg_env(settings_dict))


def _migration_differences(connection, manifest: dict) -> tuple[list[str], list[str]]:
    """(migrations of the code the backup lacks, migrations of the backup the code does not know)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    applied = set(manifest["database"].get("migrations", []))
    return sorted(known - applied), sorted(applied - known)


def backup_restore(
    *, path: Path, using: str = "default", media_root: Path | None = None, force: bool = False
) -> RestoreResult:
    """Khôi phục: put the archive's database and files in place of the target's. Refused when the target
    database has tables or the media folder has files, unless `force`."""
    path = Path(path)
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("Không khôi phục được giữa một giao dịch đang mở."))
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "Bản sao lưu là của cơ sở dữ liệu %(source)s, còn hệ thống đang dùng %(target)s: chỉ khôi phục "
                "được vào cùng loại cơ sở dữ liệu."
            )
            % {
                "source": VENDOR_NAMES.get(vendor, vendor),
                "target": VENDOR_NAMES.get(connection.vendor, connection.vendor),
            }
        )
    tables = connection.introspection.table_names()
    media = _media_files(media_root)
    if (tables or media) and not force:
        raise BackupError(
            _(
                "Nơi khôi phục không trống (cơ sở dữ liệu có %(tables)s bảng, thư mục tệp đính kèm có %(files)s "
                "tệp); không ghi đè. Dùng --force nếu muốn thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
            )
            % {"tables": len(tables), "files": len(media)}
        )
    with tempfile.TemporaryDirectory(prefix=".cndp-restore-") as folder:
        folder = Path(folder)
        _extract(path, manifest, folder)
        _restore_database(connection, folder / manifest["database"]["file"], clear=bool(tables))
        # The restored data version may name a state reached before with other data: a new epoch, and
        # this process's kept page parts dropped (core.data_version, core.fragments).
        data_version.new_epoch(using)
        cache.clear()
        kept_aside = None
        if media_root.exists() and any(media_root.iterdir()):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            kept_aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            media_root.rename(kept_aside)
        elif media_root.exists():
            media_root.rmdir()
        restored_media = folder / MEDIA
        media_root.parent.mkdir(parents=True, exist_ok=True)
        if restored_media.is_dir():
            shutil.move(str(restored_media), str(media_root))
        else:
            media_root.mkdir()
    missing, unknown = _migration_differences(connection, manifest)
    return RestoreResult(
        manifest=manifest,
        tables=len(connection.introspection.table_names()),
        media_files=manifest["media"]["files"],
        media_kept_aside=kept_aside,
        missing_migrations=missing,
        unknown_migrations=unknown,
    )
