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
    session and snapshotted (`DemoSnapshot`); a flushed database gets the snapshot back in a fraction of
    a second (SQLite) or a few seconds (PostgreSQL) instead of minutes of reloading."""
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
    """The database the demo load left, copied once, and copied back over a database a transactional
    test has changed or flushed — the whole database, ids and sequences included, in one step.

    SQLite: the online backup API, into an in-memory database and back (every page, byte for byte; a
    fraction of a second). PostgreSQL: every row of every table that `flush` empties (the models'
    tables) in binary COPY; restoring finds the tables a test has written to (`_pg_changed`: a row
    count, or a row's `xmin` newer than the last restore), empties those (a flush's post_migrate may
    have re-created content types, permissions and roles, with other ids), copies their rows back in one
    transaction and sets each sequence to its table's highest id.
    `fingerprint` (each table's row count and a digest of its rows) is taken from the loaded database,
    to check a restore against."""

    def __init__(self, vendor: str, names: list[str], tables: dict, image: sqlite3.Connection | None):
        self.vendor = vendor
        self.names = names
        self.tables = tables  # PostgreSQL: table → (columns, COPY bytes)
        self.image = image  # SQLite: an in-memory copy of the whole database (the online backup API)
        self._fingerprint = None
        self.counts: dict[str, int] = {}  # PostgreSQL: each table's rows in the snapshot
        self.xid = 0  # PostgreSQL: the transaction after which a written row means a changed table

    @property
    def fingerprint(self) -> dict[str, tuple[int, str]]:
        """Of the database as the demo left it (`database_fingerprint`): read from the SQLite copy when
        first asked for (seconds no session needs but the snapshot's own tests), taken with the copy on
        PostgreSQL."""
        if self._fingerprint is None:
            self._fingerprint = _fingerprint(self.image, self.names)
        return self._fingerprint

    @staticmethod
    def table_names(connection) -> list[str]:
        return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))

    @classmethod
    def take(cls, connection) -> DemoSnapshot:
        tables, image = {}, None
        names = cls.table_names(connection)
        if connection.vendor == "sqlite":
            raw = _sqlite_raw(connection)
            try:
                image = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                raw.backup(image)
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
        snapshot = cls(connection.vendor, names, tables, image)
        if image is None:
            snapshot._fingerprint = database_fingerprint(connection)
            with connection.cursor() as cursor:
                snapshot.counts = {table: count for table, count, _newest in snapshot._pg_tables(cursor)}
                snapshot.xid = _pg_xid(cursor)
        return snapshot

    def _pg_tables(self, cursor) -> list[tuple[str, int, int]]:
        """Each table's row count and the newest transaction that wrote one of its rows (`xmin`), in one
        scan of the database."""
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT {i}, count(*), coalesce(max(xmin::text::bigint), 0) FROM {_quote(table)}"
                for i, table in enumerate(self.names)
            )
        )
        return [(self.names[i], count, newest) for i, count, newest in cursor.fetchall()]

    def _pg_changed(self, cursor) -> list[str]:
        """The tables whose rows may not be the snapshot's: a row inserted or updated by a transaction after
        the last restore's, or rows deleted (another count). Only these are emptied and copied back."""
        return [
            table
            for table, count, newest in self._pg_tables(cursor)
            if count != self.counts[table] or newest > self.xid
        ]

    def restore(self) -> None:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style

        connection = connections["default"]
        if connection.vendor == "sqlite":
            raw = _sqlite_raw(connection)
            try:
                self.image.backup(raw)  # every page back: schema, rows and sequences as they were
            finally:
                raw.close()
        else:
            from django.db import transaction

            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('is_superuser') = 'on'")
                if cursor.fetchone()[0]:
                    # The rows are a consistent database's: no foreign-key trigger checks them again (they
                    # took a third of the restore, queued for the commit), and the commit need not wait for
                    # the disk — a test database.
                    cursor.execute("SET LOCAL session_replication_role = replica")
                    cursor.execute("SET LOCAL synchronous_commit = off")
                else:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                changed = self._pg_changed(cursor)
                for table in changed:
                    cursor.execute(f"DELETE FROM {_quote(table)}")
                for table in changed:
                    columns, data = self.tables[table]
                    with cursor.cursor.copy(
                        f"COPY {_quote(table)} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
                    ) as copy:
                        copy.write(data)
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
                self.xid = _pg_xid(cursor)  # the rows written back carry it: unchanged until written again
        ContentType.objects.clear_cache()  # the flush's post_migrate cached the content types it re-created


_snapshots: dict[str, DemoSnapshot] = {}


def _flush_to_demo(self) -> None:
    """`TransactionTestCase._fixture_teardown` that leaves the demo rather than an empty database: the
    snapshot's restore empties every table and writes the demo back in one step, where Django's flush
    (then the restore before the next test) would empty them twice. A test case that flushes only some
    apps, keeps a serialized copy or uses another database gets Django's flush."""
    connection = connections["default"]
    snapshot = _snapshots.get(connection.settings_dict["NAME"])
    if (
        snapshot is None
        or self.available_apps is not None
        or self.serialized_rollback
        or set(self._databases_names(include_mirrors=False)) != {"default"}
    ):
        _django_fixture_teardown(self)
        return
    snapshot.restore()


def install_demo_teardown() -> None:
    """Transactional tests (the browser tests' live server, `transaction=True`) end with the demo back
    (`_flush_to_demo`); called once by the root conftest."""
    global _django_fixture_teardown
    from django.test import TransactionTestCase

    if TransactionTestCase._fixture_teardown is not _flush_to_demo:
        _django_fixture_teardown = TransactionTestCase._fixture_teardown
        TransactionTestCase._fixture_teardown = _flush_to_demo


_django_fixture_teardown = None


def database_fingerprint(connection) -> dict[str, tuple[int, str]]:
    """Each model table's row count and a digest of its rows (in a stable order), as stored (SQLite: read
    without Django's converters, as the snapshot's copy is). Not the data version's row: it counts the
    changes (putting the snapshot back is one), it is not the demo's data (core.data_version)."""
    names = DemoSnapshot.table_names(connection)
    if connection.vendor == "sqlite":
        raw = _sqlite_raw(connection)
        try:
            return _fingerprint(raw, names)
        finally:
            raw.close()
    with connection.cursor() as cursor:
        return _fingerprint(cursor, names)


def _fingerprint(cursor, names: list[str]) -> dict[str, tuple[int, str]]:
    import hashlib

    from cndp.core.data_version import TABLE

    found = {}
    for table in names:
        if table == TABLE:
            continue
        rows = sorted(repr(row) for row in cursor.execute(f"SELECT * FROM {_quote(table)}").fetchall())
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


def _pg_xid(cursor) -> int:
    """The id of the current transaction (one is assigned if it has none): every transaction that writes
    after it has a higher one. As `xmin` shows it (32 bits; a test database never wraps around)."""
    cursor.execute("SELECT pg_current_xact_id()::text::bigint % 4294967296")
    return cursor.fetchone()[0]


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
