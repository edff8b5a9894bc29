"""Backup and restore (`cndp backup` / `cndp restore`): the demo backed up, restored into an empty
database, gives every Excel export with the same cell values and election chains that still verify;
a tampered or foreign archive, or a target that is not empty, is refused with the reason."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from cndp.accounts.models import User
from cndp.congress.models import Congress
from cndp.core import backup, data_version
from cndp.core.excel import XLSX_TYPE
from cndp.core.generic import ObjectListView
from cndp.core.tests.databases import (  # noqa: F401 — fixtures
    demo_snapshot,
    empty_database,
    use_database,
    work_db,
)
from cndp.elections import services as election_services
from cndp.elections.models import Election, EntryLog

pytestmark = pytest.mark.usefixtures("work_db")


def _registry_lists(resolver: URLResolver, namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _registry_lists(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, ObjectListView) and not pattern.pattern.converters:
                yield f"{namespace}{pattern.name}"


def export_urls() -> list[str]:
    """Every Excel export of the system: each registry list, and the reports with their own workbook."""
    from cndp.congress.models import DraftDocument

    urls = [f"{reverse(name)}?export=xlsx" for name in sorted(set(_registry_lists(get_resolver())))]
    urls += [f"{reverse('party:member_counts')}?export=xlsx&at=10/06/2015"]
    urls += [f"{reverse('party:member_counts')}?export=xlsx"]
    urls += [f"{reverse('extension:report')}?format=xlsx"]
    urls += [f"{reverse('extension:report')}?format=xlsx&year={year}" for year in (2024, 2025, 2026)]
    urls += [
        f"{reverse('congress:attendance_report', args=[pk])}?export=xlsx"
        for pk in Congress.objects.order_by("pk").values_list("pk", flat=True)
    ]
    urls += [
        reverse("congress:document_synthesis_xlsx", args=[pk])
        for pk in DraftDocument.objects.order_by("pk").values_list("pk", flat=True)
    ]
    return urls


def cell_values(client: Client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == XLSX_TYPE, url
    workbook = load_workbook(io.BytesIO(response.content))
    return [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in workbook.worksheets]


def _last_hash(election) -> str:
    return EntryLog.objects.filter(election=election).order_by("-seq").first().hash


def test_demo_backed_up_and_restored_into_an_empty_database_gives_the_same_exports(
    tmp_path, settings, monkeypatch
):
    # One "today" for the whole test: the exports show days late, and two minutes of test may cross
    # midnight in Hà Nội (17:00 UTC).
    instant = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: instant)
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "congress").mkdir(parents=True)
    (settings.MEDIA_ROOT / "congress" / "nghi-quyet.pdf").write_bytes(b"%PDF-1.7 nghi quyet")
    client = Client()
    client.force_login(User.objects.get(username="quantri"))  # its session is in the backup too
    urls = export_urls()
    assert len(urls) > 20
    before = {url: cell_values(client, url) for url in urls}
    assert sum(len(rows) for sheets in before.values() for _title, rows in sheets) > 500  # real data
    chains = {e.pk: _last_hash(e) for e in Election.objects.filter(log__isnull=False).distinct()}
    assert chains

    archive = tmp_path / "cndp.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.read_manifest(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert set(manifest["files"]) == {manifest["database"]["file"], "media/congress/nghi-quyet.pdf"}

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with empty_database("restore") as target, use_database(target):
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)
        assert "Đã khôi phục cơ sở dữ liệu" in out.getvalue()
        assert "mọi mã SHA-256 đều khớp" in out.getvalue()
        after = {url: cell_values(client, url) for url in urls}
        for election in Election.objects.filter(pk__in=chains):
            election_services.verify_chain(election)  # raises on any broken link or seal
            assert _last_hash(election) == chains[election.pk]
    assert [url for url in urls if after[url] != before[url]] == []
    assert (settings.MEDIA_ROOT / "congress" / "nghi-quyet.pdf").read_bytes() == b"%PDF-1.7 nghi quyet"


def test_restore_refuses_a_target_that_is_not_empty_unless_forced(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "cndp.tar.gz"
    at_backup = data_version.current()
    backup.backup_create(path=archive)
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert User.objects.filter(username="quantri").exists()

    User.objects.filter(username="quantri").update(first_name="Đã sửa sau sao lưu")
    (settings.MEDIA_ROOT / "new.txt").parent.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "new.txt").write_text("sau sao lưu")
    out = io.StringIO()
    call_command("restore", str(archive), "--force", stdout=out)
    assert User.objects.get(username="quantri").first_name != "Đã sửa sau sao lưu"
    # The restored data version is not the backed-up one: a page part kept at that number before the
    # backup was made is of other data (core.data_version).
    assert data_version.current().split(":")[0] != at_backup.split(":")[0]
    assert not (settings.MEDIA_ROOT / "new.txt").exists()
    kept = list(tmp_path.glob("media.before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "new.txt").read_text() == "sau sao lưu"
    assert "giữ lại" in out.getvalue()


def test_restore_refuses_a_tampered_archive_before_touching_anything(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "cndp.tar.gz"
    backup.backup_create(path=archive)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST:
                manifest = json.loads(data)
                manifest["files"][manifest["database"]["file"]] = "0" * 64
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with empty_database("tampered") as target, use_database(target):
        with pytest.raises(backup.BackupError, match="SHA-256 không khớp"):
            backup.backup_restore(path=tampered)
        assert connection.introspection.table_names() == []


def test_restore_refuses_a_backup_of_another_database_kind(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "cndp.tar.gz"
    backup.backup_create(path=archive)
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    with tarfile.open(archive, "r:gz") as source:
        manifest = json.loads(source.extractfile(backup.MANIFEST).read())
    manifest["database"]["vendor"] = other
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as target:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backup.MANIFEST)
        info.size = len(data)
        target.addfile(info, io.BytesIO(data))
    with pytest.raises(backup.BackupError, match="cùng loại cơ sở dữ liệu"):
        backup.backup_restore(path=foreign, force=True)


def test_the_console_script_backs_up_and_explains_a_refusal_without_a_traceback(tmp_path, settings, capsys):
    from cndp.cli import main

    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "cli.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert backup.read_manifest(archive)["database"]["vendor"] == connection.vendor
    assert "Đã sao lưu cơ sở dữ liệu" in capsys.readouterr().out
    assert main(["restore", str(archive)]) == 1  # the working database is not empty
    err = capsys.readouterr().err
    assert "không trống" in err and "--force" in err and "Traceback" not in err
