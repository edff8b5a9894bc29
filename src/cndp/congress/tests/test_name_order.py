"""Name order in the database (issue 13: "Ánh" was listed before "Anh"): the stored keys sort by given
name, then middle, then family name — letters, then tones — with the database's own ORDER BY, on SQLite and
PostgreSQL alike; the migration recomputing stored keys brings old keys to the same order."""

from django.apps import apps as django_apps
from django.db import connection

from cndp.congress.models import Delegate
from cndp.congress.tests.factories import congress_in_session
from cndp.core.db import refresh_name_sort_keys
from cndp.core.tests.test_text import reference_name
from cndp.party.models import Member

NAMES = [
    "Nguyễn Ánh",
    "Trần Anh",
    "Lê Ảnh",
    "Bùi Ân",
    "Đỗ Đào",
    "Phạm Dũng",
    "Nguyễn Văn An",
    "Nguyễn An",
    "Vũ An",
    "Vũ Thị Thu Hà",
    "Vũ Thị Hà",
    "Hoàng Anh Thư",
    "Đỗ Minh Ánh",
    "Đỗ Minh Anh",
]
EXPECTED = sorted(NAMES, key=reference_name)


def test_reference_order_is_the_one_a_reader_expects():
    assert EXPECTED == [
        "Nguyễn An",
        "Vũ An",
        "Nguyễn Văn An",
        "Trần Anh",
        "Đỗ Minh Anh",
        "Lê Ảnh",
        "Nguyễn Ánh",
        "Đỗ Minh Ánh",
        "Bùi Ân",
        "Phạm Dũng",
        "Đỗ Đào",
        "Vũ Thị Hà",
        "Vũ Thị Thu Hà",
        "Hoàng Anh Thư",
    ]


def test_order_by_name_sort_key_in_the_database(demo):
    congress = congress_in_session(ordinal=21, total=len(NAMES), names=NAMES)
    delegates = Delegate.objects.filter(congress=congress).order_by("name_sort_key", "pk")
    assert [d.full_name for d in delegates] == EXPECTED, connection.vendor
    members = Member.objects.filter(summons__congress=congress).order_by("name_sort_key", "pk")
    assert [m.full_name for m in members] == EXPECTED, connection.vendor


def test_migration_recomputes_stale_keys(demo):
    congress = congress_in_session(ordinal=22, total=len(NAMES), names=NAMES)
    rows = Delegate.objects.filter(congress=congress)
    rows.update(name_sort_key="0")  # as an old key would: not the order of today's rule
    refresh_name_sort_keys("congress.Delegate")(django_apps, connection.schema_editor())
    assert [d.full_name for d in rows.order_by("name_sort_key", "pk")] == EXPECTED
