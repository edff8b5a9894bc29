"""Working databases for tests that need several real connections at once: threads writing together,
and backup / restore into another database.

The test database itself may be an in-memory SQLite database shared by one connection, and every
ordinary test runs inside a transaction that is rolled back, so neither threads nor `pg_dump` would see
its data. The `work_db` fixture copies the committed demo database into a database of its own — a file for SQLite
(online backup API), a template copy for PostgreSQL — and points the `default` alias at it, in the test
and in every thread it starts (`use_database`). Import it into the test module and name it in
`@pytest.mark.usefixtures("work_db")`.

`ensure_demo` gives every test the demo: loaded once per session, then restored from a snapshot
(`DemoSnapshot`) whenever a transactional test has flushed the test database.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections
from django.db.utils import load_backend


def ensure_demo() -> None:
    """The demo data, committed (a browser test may have flushed the test database): loaded once per
    session and snapshotted (`DemoSnapshot`); a flushed database gets the snapshot back in about a second
    instead of a minute's reload."""
    from cndp.accounts.models import User

    if User.objects.filter(username="quantri").exists():
        return
    connection = connections["default"]
    snapshot = _snapshots.get(connection.settings_dict["NAME"])
    if snapshot is not None:
        snapshot.restore()
        return
    from cndp.core.demo import demo_load
    from cndp.places.models import Province, ProvinceName, Region
    from cndp.places.reference import load_reference_data

    load_reference_data(Province, ProvinceName, Region)
    demo_load()
    if not connection.in_atomic_block:  # committed: what every later flush should get back
        _snapshots[connection.settings_dict["NAME"]] = DemoSnapshot.take(connection)


def demo_snapshot_of(connection=None) -> DemoSnapshot | None:
    """The session's snapshot of the demo in this connection's database (None before the first load)."""
    return _snapshots.get((connection or connections["default"]).settings_dict["NAME"])


class DemoSnapshot:
    """Every row of every table that `flush` empties (the models' tables), copied out of the database
    once the demo is loaded, and copied back into a flushed one.

    Restoring empties those tables again (the flush's post_migrate has re-created content types,
    permissions and roles, with other ids) and inserts the saved rows, ids included, in one
    transaction, so the database is the one the demo load left. SQLite: read and written through a
    connection of its own without Django's type converters, so every value goes back byte for byte.
    PostgreSQL: COPY in binary, then each sequence set to its table's highest id.
    `fingerprint` (each table's row count and a digest of its rows) is taken from the loaded database,
    to check a restore against."""

    def __init__(self, vendor: str, tables: dict, fingerprint: dict):
        self.vendor = vendor
        self.tables = tables  # table → (columns, rows) for SQLite, (columns, COPY bytes) for PostgreSQL
        self.fingerprint = fingerprint

    @staticmethod
    def table_names(connection) -> list[str]:
        return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))

    @classmethod
    def take(cls, connection) -> DemoSnapshot:
        tables = {}
        names = cls.table_names(connection)
        if connection.vendor == "sqlite":
            raw = _sqlite_raw(connection)
            try:
                for table in names:
                    columns = _sqlite_columns(raw, table)
                    rows = raw.execute(f"SELECT {', '.join(columns)} FROM {_quote(table)}").fetchall()
                    tables[table] = (columns, rows)
            finally:
                raw.close()
        else:
            with connection.cursor() as cursor:
                for table in names:
                    columns = _pg_columns(cursor, table)
                    with cursor.cursor.copy(
                        f"COPY {_quote(table)} ({', '.join(columns)}) TO STDOUT (FORMAT BINARY)"
                    ) as copy:
                        tables[table] = (columns, b"".join(bytes(block) for block in copy))
        return cls(connection.vendor, tables, database_fingerprint(connection))

    def restore(self) -> None:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style

        connection = connections["default"]
        if connection.vendor == "sqlite":
            raw = _sqlite_raw(connection)
            try:
                raw.execute("BEGIN IMMEDIATE")
                for table in self.table_names(connection):
                    raw.execute(f"DELETE FROM {_quote(table)}")
                for table, (columns, rows) in self.tables.items():
                    marks = ", ".join("?" * len(columns))
                    raw.executemany(
                        f"INSERT INTO {_quote(table)} ({', '.join(columns)}) VALUES ({marks})", rows
                    )
                raw.execute("COMMIT")
            finally:
                raw.close()
        else:
            from django.db import transaction

            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for statement in connection.ops.sql_flush(no_style(), self.table_names(connection)):
                    cursor.execute(statement)
                for table, (columns, data) in self.tables.items():
                    with cursor.cursor.copy(
                        f"COPY {_quote(table)} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
                    ) as copy:
                        copy.write(data)
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()  # the flush's post_migrate cached the content types it re-created


_snapshots: dict[str, DemoSnapshot] = {}


def database_fingerprint(connection) -> dict[str, tuple[int, str]]:
    """Each model table's row count and a digest of its rows (in a stable order), read through Django."""
    import hashlib

    found = {}
    with connection.cursor() as cursor:
        for table in DemoSnapshot.table_names(connection):
            cursor.execute(f"SELECT * FROM {_quote(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def _sqlite_raw(connection) -> sqlite3.Connection:
    """A second connection to the SQLite test database (the in-memory one is shared by name): autocommit,
    no type converters, foreign keys not enforced (a restore writes tables in any order), Django's SQL
    functions."""
    connection.ensure_connection()
    name = str(connection.settings_dict["NAME"])
    from django.db.backends.sqlite3._functions import register as register_functions

    raw = sqlite3.connect(name, uri=name.startswith("file:"), isolation_level=None, check_same_thread=False)
    register_functions(raw)  # the functions Django's SQL uses (an index or a constraint may call them)
    return raw


def _sqlite_columns(raw: sqlite3.Connection, table: str) -> list[str]:
    """The table's stored columns (a generated column is computed, not written)."""
    return [_quote(row[1]) for row in raw.execute(f"PRAGMA table_xinfo({_quote(table)})") if row[6] == 0]


def _pg_columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped"
        " AND attgenerated = '' ORDER BY attnum",
        [_quote(table)],
    )
    return [_quote(name) for (name,) in cursor.fetchall()]


def _quote(name: str) -> str:
    return connections["default"].ops.quote_name(name)


@contextmanager
def _copy(source_settings: dict | None, name: str) -> Iterator[dict]:
    """A new database `name`: a copy of the database of `source_settings`, or empty when it is None;
    yields its settings dict, and drops it afterwards."""
    base = connections["default"]
    settings_dict = dict(base.settings_dict)
    if base.vendor == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.sqlite3"
            target = sqlite3.connect(path)
            try:
                if source_settings is not None:
                    source = sqlite3.connect(source_settings["NAME"])
                    source.backup(target)
                    source.close()
            finally:
                target.close()
            settings_dict["NAME"] = str(path)
            yield settings_dict
        return
    name = f"{base.settings_dict['NAME']}_{name}"
    template = "template0" if source_settings is None else source_settings["NAME"]
    with base._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")
    settings_dict["NAME"] = name
    try:
        yield settings_dict
    finally:
        with base._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The committed demo database copied once, before any test transaction is open (a template database
    has no other connection): the source of every working copy."""
    with django_db_blocker.unblock():
        ensure_demo()
        base = connections["default"]
        if base.vendor == "sqlite":
            base.ensure_connection()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "demo.sqlite3"
                target = sqlite3.connect(path)
                base.connection.backup(target)
                target.close()
                yield {**base.settings_dict, "NAME": str(path)}
            return
        base.close()
        with _copy(dict(base.settings_dict), "demo") as settings_dict:
            yield settings_dict


@pytest.fixture
def work_db(db, demo_snapshot) -> Iterator[dict]:
    """A working copy of the demo database, used by the `default` alias in this test and its threads.
    (`db` only makes the test database exist; its transaction stays on the test database.)"""
    with _copy(demo_snapshot, "work") as settings_dict, use_database(settings_dict):
        yield settings_dict


@contextmanager
def empty_database(name: str = "empty") -> Iterator[dict]:
    """A new, empty database of the same kind; yields its settings dict."""
    with _copy(None, name) as settings_dict:
        yield settings_dict


@contextmanager
def use_database(settings_dict: dict) -> Iterator[None]:
    """Point the `default` alias at another database: here and in threads started inside the block.
    Threads must close their connections (`connections.close_all()`) before they end."""
    previous_settings = connections.settings["default"]
    previous = connections["default"]
    connections.settings["default"] = settings_dict
    connections["default"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = previous
        connections.settings["default"] = previous_settings


def run_together(jobs: list) -> list[BaseException]:
    """Run each callable in its own thread, all released at the same moment; return what they raised.
    Each thread has its own database connection, closed when it ends."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(job):
        try:
            barrier.wait()
            job()
        except BaseException as exc:  # noqa: BLE001 — reported to the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
