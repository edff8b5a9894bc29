"""Working databases for tests that need several real connections at once: threads writing together,
and backup / restore into another database.

The test database itself may be an in-memory SQLite database shared by one connection, and every
ordinary test runs inside a transaction that is rolled back, so neither threads nor `pg_dump` would see
its data. The `work_db` fixture copies the committed demo database into a database of its own — a file for SQLite
(online backup API), a template copy for PostgreSQL — and points the `default` alias at it, in the test
and in every thread it starts (`use_database`). Import it into the test module and name it in
`@pytest.mark.usefixtures("work_db")`.
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
    """The demo data, committed (a browser test may have flushed the test database)."""
    from cndp.accounts.models import User
    from cndp.core.demo import demo_load
    from cndp.places.models import Province, ProvinceName, Region
    from cndp.places.reference import load_reference_data

    if not User.objects.filter(username="quantri").exists():
        load_reference_data(Province, ProvinceName, Region)
        demo_load()


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
