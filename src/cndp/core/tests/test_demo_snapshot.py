"""The test database's demo snapshot (core.tests.databases): a database flushed by a transactional test
gets back, from the snapshot, the database the demo load left — every table's rows, records read through
the ORM as before, the roles' permissions — and a new row gets an id above the restored ones."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase

from cndp.accounts.models import User
from cndp.core.tests.databases import database_fingerprint, demo_snapshot_of, ensure_demo
from cndp.indicators.models import DataValue


def _key_records():
    """A few records through the ORM (dates, decimals, foreign keys, many-to-many, history)."""
    admin = User.objects.get(username="quantri")
    values = DataValue.objects.order_by("pk")
    history = DataValue.history.order_by("history_id")
    return {
        "admin": User.objects.filter(pk=admin.pk).values().get(),
        "admin groups": sorted(admin.groups.values_list("name", flat=True)),
        "officer groups": sorted(User.objects.get(username="sohanoi").groups.values_list("name", flat=True)),
        "values": [values.values().first(), values.values().last()],
        "history": [history.values().first(), history.values().last()],
        "content types": sorted(ContentType.objects.values_list("pk", "app_label", "model")),
    }


def _may(username, permission):
    user = User.objects.get(username=username)  # a fresh object: no cached permissions
    return user.has_perm(permission)


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_loaded_demo_back():
    ensure_demo()
    snapshot = demo_snapshot_of(connection)
    assert snapshot is not None, "the session's first demo load takes the snapshot"
    assert database_fingerprint(connection) == snapshot.fingerprint
    before = _key_records()
    assert before["admin groups"] and before["officer groups"]
    assert _may("sohanoi", "indicators.add_datavalue") and not _may("sohanoi", "accounts.add_user")

    # What a transactional test's teardown does: empty the tables; post_migrate re-creates the content
    # types, permissions and role groups (with ids of their own).
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    assert not User.objects.exists() and Permission.objects.exists() and Group.objects.exists()
    ContentType.objects.get_for_model(User)  # caches the re-created content type, as a request would

    ensure_demo()

    assert database_fingerprint(connection) == snapshot.fingerprint
    assert _key_records() == before
    assert _may("sohanoi", "indicators.add_datavalue") and not _may("sohanoi", "accounts.add_user")
    assert _may("quantri", "accounts.add_user")


@pytest.mark.django_db(transaction=True)
def test_new_rows_after_a_restore_get_ids_above_the_restored_ones():
    ensure_demo()
    call_command("flush", verbosity=0, interactive=False, reset_sequences=True)  # sequences back to 1
    ensure_demo()
    highest = {
        "user": User.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "user history": User.history.order_by("-history_id").values_list("history_id", flat=True).first(),
        "content type": ContentType.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }

    user = User.objects.create_user(username="moi", email="moi@example.gov.vn", password="x")
    content_type = ContentType.objects.create(app_label="kiemtra", model="moi")

    assert user.pk > highest["user"]
    assert user.history.latest("history_id").history_id > highest["user history"]
    assert content_type.pk > highest["content type"]


@pytest.mark.django_db(transaction=True)
def test_a_transactional_tests_teardown_leaves_the_demo_not_an_empty_database():
    ensure_demo()
    snapshot = demo_snapshot_of(connection)
    User.objects.filter(username="sohanoi").update(is_active=False)
    User.objects.create(username="them-them")
    DataValue.objects.filter(pk__in=list(DataValue.objects.values_list("pk", flat=True)[:3])).delete()
    assert database_fingerprint(connection) != snapshot.fingerprint

    TransactionTestCase()._fixture_teardown()  # what pytest-django calls when such a test ends

    assert database_fingerprint(connection) == snapshot.fingerprint
    assert not User.objects.filter(username="them-them").exists()
    assert _may("sohanoi", "indicators.add_datavalue")  # active again
    assert DataValue.objects.exists()
