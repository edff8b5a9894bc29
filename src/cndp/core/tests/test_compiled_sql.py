"""Compiled SQL kept per process (core.compiled_sql): the kept SQL is the SQL Django writes, for every shape
of query the lists use; a second query of the same shape is not compiled; what must not be kept is not."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery, Value
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cndp.accounts.models import Unit, User
from cndp.core import compiled_sql
from cndp.places.models import Province, ProvinceName, Region

pytestmark = pytest.mark.django_db


@contextmanager
def counted_compilations():
    """The models of the SELECTs Django's own compiler wrote meanwhile (a kept result does not call it)."""
    calls = []
    original = compiled_sql._django_as_sql

    def counting(self, *args, **kwargs):
        calls.append(self.query.model)
        return original(self, *args, **kwargs)

    compiled_sql._django_as_sql = counting
    try:
        yield calls
    finally:
        compiled_sql._django_as_sql = original


@pytest.fixture
def kept():
    """The cache installed and empty, checked on every use (as the test settings do), then as it was."""
    was = compiled_sql.sql_compiler.SQLCompiler.as_sql
    size, verify = compiled_sql._settings["size"], compiled_sql._settings["verify"]
    compiled_sql.install(size=100, verify=True)
    compiled_sql.clear()
    yield compiled_sql
    compiled_sql.clear()
    compiled_sql._settings.update(size=size, verify=verify)
    compiled_sql.sql_compiler.SQLCompiler.as_sql = was


def _fresh(queryset):
    """(sql, params) as Django writes it, the cache aside."""
    compiler = queryset.query.chain().get_compiler(queryset.db)
    sql, params = compiled_sql._django_as_sql(compiler)
    return sql, tuple(params)


QUERIES = {
    "filter and order": lambda: Province.objects.filter(version="34").order_by("code"),
    "only, select_related": lambda: ProvinceName.objects.select_related("province").only(
        "name", "province__code"
    ),
    "slice": lambda: Province.objects.order_by("-code")[5:15],
    "Q, dates": lambda: Province.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(2025, 7, 1)), ~Q(code="01")
    ),
    "annotate, count": lambda: Region.objects.annotate(n=Count("provinces")).order_by("pk"),
    "subquery": lambda: Province.objects.annotate(
        first_name=Subquery(
            ProvinceName.objects.filter(province=OuterRef("pk")).order_by("pk").values("name")[:1]
        )
    ),
    "exists": lambda: Province.objects.filter(Exists(ProvinceName.objects.filter(province=OuterRef("pk")))),
    "values_list": lambda: Province.objects.values_list("code", "name").order_by("code"),
    "in a subquery": lambda: ProvinceName.objects.filter(province__in=Province.objects.filter(version="34")),
    "union": lambda: (
        Province.objects.filter(code="01")
        .order_by()
        .values("pk")
        .union(Province.objects.filter(code="02").order_by().values("pk"))
    ),
    "distinct": lambda: ProvinceName.objects.values("province_id").distinct(),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_kept_sql_is_the_sql_django_writes_and_reads_the_same_rows(kept, name):
    build = QUERIES[name]
    compiled_sql.uninstall()
    expected_rows = list(build())
    compiled_sql.install(size=100, verify=True)
    first = list(build())  # compiled and kept
    hits = kept.stats["hits"]
    second = list(build())  # taken from what was kept (and compiled again to compare: verify mode)
    assert first == second == expected_rows
    assert kept.stats["hits"] > hits
    query = build()
    key = compiled_sql.query_key(query.query.get_compiler(query.db), True, False)
    assert compiled_sql._cache[key][0] == _fresh(build())


def test_a_second_query_of_the_same_shape_is_not_compiled(kept):
    compiled_sql._settings["verify"] = False  # the check compiles again on purpose
    list(Province.objects.filter(version="34").order_by("code"))
    with counted_compilations() as calls:
        rows = list(Province.objects.filter(version="34").order_by("code"))
    assert calls == []
    assert [p.code for p in rows] == sorted(p.code for p in rows) and rows


def test_other_values_make_another_key_and_the_right_rows(kept):
    codes = list(Province.objects.order_by("code").values_list("code", flat=True).distinct()[:3])
    assert len(codes) == 3
    compiled_sql.clear()
    for _round in range(2):
        for code in codes:
            assert {p.code for p in Province.objects.filter(code=code)} == {code}
    assert kept.stats["misses"] == 3 and kept.stats["hits"] == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    codes=st.lists(st.sampled_from(["01", "02", "04", "08", "79", "xx"]), max_size=4),
    descending=st.booleans(),
    low=st.integers(min_value=0, max_value=5),
    span=st.integers(min_value=1, max_value=8),
    exclude=st.booleans(),
)
def test_any_shape_reads_what_django_reads(kept, codes, descending, low, span, exclude):
    """Property: whatever filters, order and slice, the rows read with the cache are Django's."""

    def build():
        queryset = Province.objects.all()
        if codes:
            condition = Q(code__in=codes)
            queryset = queryset.exclude(condition) if exclude else queryset.filter(condition)
        return queryset.order_by("-code" if descending else "code", "pk")[low : low + span]

    with_cache = [list(build().values_list("pk", flat=True)) for _ in range(2)]
    compiled_sql.uninstall()
    without = list(build().values_list("pk", flat=True))
    compiled_sql.install(size=100, verify=True)
    assert with_cache[0] == with_cache[1] == without


def test_a_lazy_translation_is_compiled_in_each_language(kept):
    def labelled():
        return Province.objects.annotate(label=Value(_("Xem"), output_field=CharField())).order_by("pk")

    with translation.override("vi"):
        vietnamese = labelled().first().label
    with translation.override("en"):
        english = labelled().first().label
    with translation.override("vi"):
        again = labelled().first().label
    assert vietnamese == again == "Xem"
    assert english == "View"


def test_the_time_zone_is_part_of_the_key(kept):
    query = Unit.objects.filter(created__date=datetime.date(2026, 1, 1))
    with timezone.override("Asia/Ho_Chi_Minh"):
        hanoi = compiled_sql.query_key(query.query.get_compiler("default"), True, False)
        list(query)
    with timezone.override("UTC"):
        utc = compiled_sql.query_key(query.query.get_compiler("default"), True, False)
        list(query)
    assert hanoi is not None and utc is not None and hanoi != utc


def test_a_queryset_in_the_state_is_not_run_by_the_key(kept, django_assert_num_queries):
    query = Province.objects.all().query.chain()
    query.stray = Province.objects.all()  # what pickling would evaluate
    compiler = query.get_compiler("default")
    with django_assert_num_queries(0):
        assert compiled_sql.query_key(compiler, True, False) is None


def test_row_locks_large_keys_and_writes_are_not_kept(kept):
    with transaction.atomic():
        locked = Province.objects.select_for_update().filter(code="01")
        assert compiled_sql.query_key(locked.query.get_compiler("default"), True, False) is None
        list(locked)
    many = Province.objects.filter(pk__in=list(range(100_000, 110_000)))
    assert compiled_sql.query_key(many.query.get_compiler("default"), True, False) is None
    assert list(many) == list(Province.objects.filter(pk__in=list(range(100_000, 110_000))))
    compiled_sql.clear()
    Region.objects.filter(pk=-1).update(name="không có")
    Region.objects.filter(pk=-1).delete()
    assert len(compiled_sql._cache) <= 1  # at most the SELECT a delete runs to collect its rows


def test_the_least_recently_used_goes_first_when_full(kept):
    compiled_sql._settings["size"] = 2
    list(Province.objects.filter(code="01"))
    list(Province.objects.filter(code="02"))
    list(Province.objects.filter(code="01"))  # used again: now the most recent
    list(Province.objects.filter(code="04"))  # full: "02" goes
    kept_params = {entry[0][1] for entry in compiled_sql._cache.values()}
    assert len(compiled_sql._cache) == 2
    assert any("01" in params for params in kept_params)
    assert any("04" in params for params in kept_params)
    assert not any("02" in params for params in kept_params)


def test_a_kept_result_that_differs_from_django_is_caught_in_verify_mode(kept):
    list(Province.objects.filter(code="01"))
    key = next(iter(compiled_sql._cache))
    (sql, params), attributes = compiled_sql._cache[key]
    compiled_sql._cache[key] = ((sql, ("02",) + params[1:]), attributes)
    with pytest.raises(AssertionError, match="differs"):
        list(Province.objects.filter(code="01"))


def test_uninstalled_compiles_as_django(kept):
    compiled_sql.uninstall()
    assert compiled_sql.sql_compiler.SQLCompiler.as_sql is compiled_sql._django_as_sql
    list(Province.objects.filter(code="01"))
    assert compiled_sql._cache == {}


@pytest.mark.parametrize(("enabled", "installed"), [(False, False), (True, True)])
def test_the_setting_decides_at_start_up(kept, enabled, installed):
    from django.apps import apps
    from django.test import override_settings

    compiled_sql.uninstall()
    with override_settings(CNDP_SQL_CACHE=enabled, CNDP_SQL_CACHE_SIZE=7):
        apps.get_app_config("core").ready()
    assert (compiled_sql.sql_compiler.SQLCompiler.as_sql is compiled_sql.as_sql) is installed
    assert compiled_sql._settings["size"] == (7 if installed else 100)


def test_a_user_page_query_is_kept_per_user(kept):
    compiled_sql._settings["verify"] = False
    first = User.objects.create(username="kiemtra1")
    second = User.objects.create(username="kiemtra2")
    compiled_sql.clear()
    assert User.objects.select_related("unit").get(pk=first.pk) == first
    assert User.objects.select_related("unit").get(pk=second.pk) == second
    assert compiled_sql.stats["misses"] == 2  # one key per user
    with counted_compilations() as calls:
        assert User.objects.select_related("unit").get(pk=first.pk).username == "kiemtra1"
    assert calls == []
    assert all(key[2] == connection.vendor for key in compiled_sql._cache)
