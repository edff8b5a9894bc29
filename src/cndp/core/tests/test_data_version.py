"""The data version (core.data_version): raised by every statement that can change data, whichever way
it is sent, once per transaction and only when the transaction commits; never by reads or sessions."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from cndp.accounts.models import Unit
from cndp.core import data_version


@pytest.mark.parametrize(
    "sql, changes",
    [
        ('SELECT "a" FROM "b" WHERE "c" = %s', False),
        ("  select 1", False),
        ("(SELECT 1) UNION (SELECT 2)", False),
        ('SELECT "x" FROM "t" FOR UPDATE', False),
        ("WITH RECURSIVE t(n) AS (SELECT 1) SELECT n FROM t", False),
        ("SAVEPOINT s1", False),
        ("RELEASE SAVEPOINT s1", False),
        ("ROLLBACK TO SAVEPOINT s1", False),
        ("BEGIN", False),
        ("COMMIT", False),
        ("SET TIME ZONE 'UTC'", False),
        ("SHOW server_version", False),
        ("EXPLAIN SELECT 1", False),
        ('PRAGMA table_info("core_job")', False),
        ('INSERT INTO "accounts_unit" ("code") VALUES (%s) RETURNING "id"', True),
        ('UPDATE "accounts_unit" SET "name" = %s', True),
        ('DELETE FROM "accounts_unit" WHERE "id" IN (%s)', True),
        ('REPLACE INTO "t" VALUES (1)', True),
        ('CREATE TABLE "t" ("id" integer)', True),
        ('ALTER TABLE "t" ADD COLUMN "x" integer', True),
        ('DROP TABLE "t"', True),
        ('TRUNCATE "t"', True),
        ("WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone", True),
        ("PRAGMA foreign_keys = OFF", True),  # not data, but counted: a change of the doubt is never missed
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('DELETE FROM "django_session" WHERE "expire_date" < %s', False),
        ('UPDATE "django_session_extra" SET "x" = 1', True),  # only the session table itself
        ("", True),
    ],
)
def test_what_counts_as_a_change(sql, changes):
    assert data_version.changes_data(sql) is changes


def _number():
    return int(data_version.current().split(":")[1])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda unit: Unit.objects.filter(pk=unit.pk).update(name="Đổi tên"), id="queryset-update"
        ),
        pytest.param(lambda unit: setattr(unit, "name", "Đổi tên") or unit.save(), id="save"),
        pytest.param(
            lambda unit: Unit.objects.bulk_create([Unit(code="moi-1", name="Mới", kind=unit.kind)]),
            id="bulk-create",
        ),
        pytest.param(
            lambda unit: Unit.objects.create(code="xoa-1", name="Sẽ xoá", kind=unit.kind).delete(),
            id="create-delete",
        ),
        pytest.param(
            lambda unit: connection.cursor().execute(
                f"UPDATE {Unit._meta.db_table} SET name = %s WHERE id = %s", ["Đổi tên", unit.pk]
            ),
            id="raw-sql",
        ),
    ],
)
def test_every_way_of_writing_raises_the_version(demo, write):
    unit = Unit.objects.first()
    before = _number()
    write(unit)
    assert _number() > before


@pytest.mark.django_db
def test_reads_and_sessions_leave_it(demo):
    before = data_version.current()
    list(Unit.objects.all())
    Unit.objects.count()
    session = SessionStore()
    session["x"] = 1
    session.save()
    session["x"] = 2
    session.save()
    assert data_version.current() == before


@pytest.mark.django_db
def test_a_rolled_back_transaction_leaves_it(demo):
    unit = Unit.objects.first()
    before = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(name="Không giữ")
        assert data_version.current() is None  # what is read inside may never be committed
        raise RuntimeError
    assert data_version.current() == before
    assert Unit.objects.get(pk=unit.pk).name != "Không giữ"


@pytest.mark.django_db
def test_a_lost_row_comes_back_with_a_new_epoch(demo):
    epoch, number = data_version.current().split(":")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {data_version.TABLE}")
    again = data_version.current()
    assert again is not None and again.split(":")[0] != epoch


@pytest.mark.django_db
def test_a_restore_draws_a_new_epoch(demo):
    epoch, number = data_version.current().split(":")
    data_version.new_epoch()
    new_epoch, new_number = data_version.current().split(":")
    assert new_epoch != epoch and int(new_number) > int(number)


@pytest.mark.django_db(transaction=True)
def test_outside_tests_transactions_the_commit_is_what_raises_it(demo):
    """With real transactions (no test case around): another connection sees the new version only
    once the change is committed (on PostgreSQL raised once, after the commit; on SQLite with each
    statement, inside the transaction), and a rollback leaves it."""
    from django.db import connections

    other = connections.create_connection("default")  # a second connection, as another process
    try:

        def seen_elsewhere():
            with other.cursor() as cursor:
                cursor.execute(f"SELECT number FROM {data_version.TABLE} WHERE id = 1")
                return cursor.fetchone()[0]

        unit = Unit.objects.first()
        before = seen_elsewhere()
        with transaction.atomic():
            for n in range(5):
                Unit.objects.filter(pk=unit.pk).update(name=f"Trong giao dịch {n}")
            if connection.vendor == "postgresql":  # SQLite's shared in-memory test database locks the table
                assert seen_elsewhere() == before
        committed = seen_elsewhere()
        assert committed == (before + 5 if connection.vendor == "sqlite" else before + 1)
        with pytest.raises(RuntimeError), transaction.atomic():
            Unit.objects.filter(pk=unit.pk).update(name="Bỏ")
            raise RuntimeError
        assert seen_elsewhere() == committed
        Unit.objects.filter(pk=unit.pk).update(name="Tự động lưu")  # autocommit: raised at once
        assert seen_elsewhere() == committed + 1
    finally:
        other.close()


@pytest.mark.django_db
def test_a_database_without_the_table_does_not_stop_the_count(demo):
    """A connection once pointed at a database without the table (a restore into an empty database, in
    the backup tests) keeps raising the version of its own database afterwards."""
    from unittest import mock

    with (
        mock.patch.dict(connection.settings_dict, {"NAME": "a-database-being-restored"}),
        mock.patch.object(connection.introspection, "table_names", return_value=[]),
    ):
        assert not data_version._ready(connection)
    unit = Unit.objects.first()
    before = _number()
    Unit.objects.filter(pk=unit.pk).update(name="Sau khi khôi phục")
    assert _number() > before


@pytest.mark.django_db
def test_in_a_test_case_a_number_nobody_read_is_not_raised_again(demo):
    """Inside a test case's transaction, writes raise the number once until it is read: PostgreSQL would
    keep every version of the row for the transaction's length. Read in between, every write raises it."""
    unit = Unit.objects.first()
    start = _number()
    for n in range(50):
        Unit.objects.filter(pk=unit.pk).update(name=f"Tên {n}")
    assert _number() == start + 1
    for n in range(3):
        Unit.objects.filter(pk=unit.pk).update(name=f"Lần {n}")
        assert _number() == start + 2 + n
