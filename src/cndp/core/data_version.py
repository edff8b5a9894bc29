"""The data version (phiên bản dữ liệu): one number the database keeps, raised after every committed
change, so a page part rendered from the data can be kept under the version it was read at and taken
again only while nothing has changed (core.fragments).

Every statement Django sends through a connection passes `_watch` (a database execute wrapper, put on
each connection when it opens): a statement that can change data (anything but a read: SELECT, SHOW,
EXPLAIN, a transaction or savepoint command, a SQLite PRAGMA) raises the version — writes made with
the ORM, `QuerySet.update` / `delete` / `bulk_create`, raw SQL through `connection.cursor()`,
migrations, the admin, imports, the task workers and the commands alike. When it is raised:
- outside a transaction (autocommit), right after the statement (already committed);
- on SQLite, right after the statement, inside its transaction: SQLite's writers take the whole
  database's lock anyway, so the version row costs no concurrency, and a rollback undoes the raise with
  the change;
- on PostgreSQL, inside `transaction.atomic`, once, after the transaction commits (`on_commit`): a
  transaction that rolls back changed nothing and raises nothing, and writers never wait on the
  version row while their transaction runs (it is written in its own short statement after their
  commit, so it takes no part in a lock cycle);
- inside a test case's own transaction, which never commits, right after the statement (undone with
  a rolled-back savepoint, as on SQLite).

Why a reader may trust it: a reader reads the version before it reads the data. A change is committed
before the version is raised, so what is kept under version n was read at n or later; once the version
is n + 1, no new reader asks for n. Between a commit and its raise (microseconds), a reader may take
a part kept under n — what it would have seen a moment earlier; the writer itself raises the version
before its request answers, so it always sees its own change.

Not counted: writes to the session table (`django_session`): who is signed in is not page data. (A
sign-in still raises the version: it writes the user's `last_login` and the login log.) Writes made
outside Django (psql, sqlite3) are not seen: a kept part lives `CNDP_FRAGMENT_TTL` seconds at most
(core.fragments). `cndp restore` (which writes the database by SQLite's backup API or pg_restore, not
through Django) draws a new epoch once the data is in place, so every server's keys change; the
restoring process also empties its own cache."""

from __future__ import annotations

import logging
import re
import secrets

from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)

TABLE = "core_dataversion"
_BUMP = f"UPDATE {TABLE} SET number = number + 1 WHERE id = 1"
_READ = f"SELECT epoch, number FROM {TABLE} WHERE id = 1"
_READ_NUMBER = f"SELECT number FROM {TABLE} WHERE id = 1"
_MAKE = f"INSERT INTO {TABLE} (id, number, epoch) VALUES (1, 0, %s) ON CONFLICT (id) DO NOTHING"
_NEW_EPOCH = f"UPDATE {TABLE} SET epoch = %s, number = number + 1 WHERE id = 1"

# The first word of statements that change nothing.
_READ_WORDS = frozenset(
    {"SELECT", "SHOW", "EXPLAIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "PRAGMA"}
)
_FIRST_WORD = re.compile(r"\s*\(?\s*([A-Za-z]+)")
_CHANGES = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.IGNORECASE)
_SESSION = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?django_session"?[\s(]', re.IGNORECASE)


def changes_data(sql: str) -> bool:
    """Whether a statement may change data (câu lệnh ghi): not a read, not a transaction command, not
    a write to the session table. A `WITH …` statement counts when it holds a data-changing word."""
    match = _FIRST_WORD.match(sql)
    if match is None:
        return True
    word = match.group(1).upper()
    if word == "WITH":
        return _CHANGES.search(sql) is not None
    if word == "PRAGMA":
        return "=" in sql.split(";", 1)[0]  # PRAGMA x = y sets; PRAGMA x(…) reads
    if word in _READ_WORDS:
        return False
    return _SESSION.match(sql) is None


def _in_code_transaction(connection) -> bool:
    """Inside a transaction the code opened (not only a test case's own)."""
    if not connection.in_atomic_block:
        return False
    blocks = connection.atomic_blocks
    return not blocks or not all(block._from_testcase for block in blocks)


def _in_test_case(connection) -> bool:
    """Inside a test case's own transaction (whatever the code opened inside it)."""
    blocks = connection.atomic_blocks
    return connection.in_atomic_block and bool(blocks) and blocks[0]._from_testcase


def _raise_at_once(connection) -> bool:
    """Whether a write raises the version in its own transaction, right after the statement: outside a
    transaction; on SQLite, whose writers take the whole database's lock anyway (the raise is then part
    of the transaction and undone with it); inside a test case's transaction, which never commits."""
    if not connection.in_atomic_block or connection.vendor == "sqlite":
        return True
    return _in_test_case(connection)


_tables_seen: set[tuple[str, str]] = set()  # (alias, database name) where the table was found


def _ready(connection) -> bool:
    """Whether this connection's database has the table: remembered once found (per database name: a
    test may point a connection at another database), looked up again while it is not."""
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    if key in _tables_seen:
        return True
    if TABLE in connection.introspection.table_names():
        _tables_seen.add(key)
        return True
    return False


def _raise(connection) -> None:
    """Raise the version by one in a statement of its own (a fresh cursor: the statement that wrote
    may still have rows to give, e.g. `INSERT … RETURNING`). Nothing before the migration that makes
    the table (a fresh database being migrated: nothing can have been kept yet).

    Inside a test case's transaction, not again while the number it last raised to has not been read
    (`current`): no part can be kept under it, and no other connection sees it. PostgreSQL keeps every
    version of a row updated again and again in one transaction, and each update walks them all: a test
    writing thousands of rows would pay for it quadratically."""
    if connection.connection is None or not _ready(connection):
        return
    cursor = connection.connection.cursor()
    try:
        if _in_test_case(connection):
            cursor.execute(_READ_NUMBER)
            row = cursor.fetchone()
            if row is None:
                return  # deleted (a test flushing the table): `current` makes it again, with a new epoch
            number = row[0]
            if getattr(connection, "_cndp_unread_version", None) == number:
                return
            cursor.execute(_BUMP)
            connection._cndp_unread_version = number + 1
        else:
            cursor.execute(_BUMP)
    except connection.Database.Error:
        if connection.in_atomic_block:
            raise
        _tables_seen.discard((connection.alias, str(connection.settings_dict["NAME"])))  # looked up again
    finally:
        cursor.close()


def _raise_after_commit(connection) -> None:
    def after_commit():
        try:
            _raise(connection)
        except Exception:  # the change is committed; its request must not fail for the version
            logger.exception("data version not raised after a commit")

    after_commit.cndp_data_version = True
    connection.on_commit(after_commit)


def _migrated(sender, using="default", **kwargs) -> None:
    """After `migrate` (or a flush): data may have changed."""
    _raise(connections[using])


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not changes_data(sql):
        return result
    connection = context["connection"]
    if _raise_at_once(connection):
        _raise(connection)
    elif not any(
        getattr(func, "cndp_data_version", False) for _sids, func, _robust in connection.run_on_commit
    ):
        _raise_after_commit(connection)
    return result


def _install_on(connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install() -> None:
    """Watch every connection (those already open and those to come)."""
    connection_created.connect(_install_on, dispatch_uid="cndp.core.data_version")
    post_migrate.connect(_migrated, dispatch_uid="cndp.core.data_version")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)


def current(using: str = "default") -> str | None:
    """The committed data version, "<epoch>:<number>", read before the data it vouches for; None inside
    a transaction the code opened (what is read there may never be committed) or when it cannot be
    read. A missing row (a flushed test database) is made again, with a new epoch."""
    connection = connections[using]
    if _in_code_transaction(connection):
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(_READ)
            row = cursor.fetchone()
            if row is None:
                cursor.execute(_MAKE, [secrets.token_hex(8)])
                cursor.execute(_READ)
                row = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        return None
    if row is None:
        return None
    if getattr(connection, "_cndp_unread_version", None) == row[1]:
        connection._cndp_unread_version = None  # read: the next write raises it again
    return f"{row[0]}:{row[1]}"


def new_epoch(using: str = "default") -> None:
    """A new epoch (after a restore): the restored number may have been reached before, with other data."""
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return  # a backup made before the table existed: its migration draws the epoch
    with connection.cursor() as cursor:
        cursor.execute(_NEW_EPOCH, [secrets.token_hex(8)])
