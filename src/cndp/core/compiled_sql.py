"""Compiled SQL kept per process (câu lệnh SQL đã biên dịch): a query of a shape already seen is not
compiled again.

Django writes a query's SQL from its `Query` object on every evaluation: 0.3–0.5 ms of Python a query
(a list page runs five to seven: its count, its rows, the choices of its filters), more than the database
takes to answer most of them. Here a SELECT's compiled result is kept under a key that is the query's
whole state, pickled (10–30 µs): two queries whose states pickle to the same bytes compile to the same
SQL and parameters, so the second one takes the first one's. SQLAlchemy does the same with its compiled
cache; what it keys by a cache key, this keys by the pickled state.

What the compilation reads besides the query is in the key too: the compiler's class, the database
(alias and vendor), the arguments of `as_sql`, the active language (a lazy translation pickles as its
message id) and the current time zone (date lookups on date-time columns name it). A query is compiled
as Django does, and nothing is kept, when:
- it is not a plain SELECT (its compiler writes its SQL its own way: inserts, updates, deletes,
  aggregates over a subquery; a database's own SELECT compiler that only checks names, as
  PostgreSQL's, is a plain SELECT, its class part of the key), or it locks rows (`select_for_update`
  checks the transaction while compiling);
- its state holds a `QuerySet` (pickling one would run it) or anything that does not pickle;
- its pickled state is larger than `MAX_KEY_BYTES` (a filter on thousands of ids: compiling is cheap
  beside it, and the key would cost memory).
Compilation errors (an empty `IN ()`, an invalid query) are raised again each time, never kept.

A kept result carries what the compiler leaves for reading the rows (the selected columns, how they
map to models and annotations): Django's iterables read those after `as_sql`. They are only read there,
so one result serves every later query of the same shape.

`CNDP_SQL_CACHE=0` turns it off; `CNDP_SQL_CACHE_SIZE` bounds the entries per process (when full,
the least recently used go first). With the setting `CNDP_SQL_CACHE_VERIFY` (the test settings) every
kept result is compiled again when used and must be equal, so the whole test suite checks the keys."""

from __future__ import annotations

import io
import pickle

from django.db.models.query import QuerySet
from django.db.models.sql import compiler as sql_compiler
from django.utils import timezone, translation

# What `SQLCompiler.as_sql` leaves on the compiler for reading the rows (`execute_sql`, the iterables).
RESULT_ATTRIBUTES = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")
MAX_KEY_BYTES = 16_384

_django_as_sql = sql_compiler.SQLCompiler.as_sql
_cache: dict[tuple, tuple] = {}
_settings = {"size": 1000, "verify": False}
stats = {"hits": 0, "misses": 0, "bypassed": 0}


class _Uncacheable(Exception):
    pass


class _StatePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, QuerySet):  # its `__getstate__` would run the query
            raise _Uncacheable
        return NotImplemented


def query_key(compiler, with_limits: bool, with_col_aliases: bool) -> tuple | None:
    """The key of what `compiler.as_sql(with_limits, with_col_aliases)` returns; None if it is not kept."""
    query = compiler.query
    if type(compiler).as_sql is not as_sql or query.select_for_update:
        return None
    buffer = io.BytesIO()
    try:
        _StatePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(query)
    except (_Uncacheable, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    state = buffer.getvalue()
    if len(state) > MAX_KEY_BYTES:
        return None
    return (
        type(compiler),
        compiler.using,
        compiler.connection.vendor,
        with_limits,
        with_col_aliases,
        compiler.elide_empty,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        state,
    )


def as_sql(self, with_limits=True, with_col_aliases=False):
    """`SQLCompiler.as_sql`, a query of a shape already compiled taking the kept result."""
    key = query_key(self, with_limits, with_col_aliases)
    if key is None:
        stats["bypassed"] += 1
        return _django_as_sql(self, with_limits, with_col_aliases)
    kept = _cache.pop(key, None)
    if kept is not None:
        stats["hits"] += 1
        _cache[key] = kept  # the most recently used last: the oldest go first when full
        result, attributes = kept
        if _settings["verify"]:
            _verify(self, with_limits, with_col_aliases, result, attributes)
        self.__dict__.update(attributes)
        return result
    stats["misses"] += 1
    sql, params = _django_as_sql(self, with_limits, with_col_aliases)
    result = (sql, tuple(params))
    if len(_cache) >= _settings["size"]:
        try:
            del _cache[next(iter(_cache))]
        except (KeyError, StopIteration, RuntimeError):  # another thread took it first
            pass
    _cache[key] = (result, {name: getattr(self, name) for name in RESULT_ATTRIBUTES})
    return result


def _reading(attributes: dict) -> tuple:
    """What reading the rows takes from the compiler, comparable across compilations: each selected
    column's SQL and alias, the models and their columns, the annotations' places."""

    def models(info):
        if not info:
            return None
        related = tuple(models(r) for r in info.get("related_klass_infos", ()))
        return (info["model"], tuple(info["select_fields"]), related)

    return (
        tuple((sql, tuple(params), alias) for _expression, (sql, params), alias in attributes["select"]),
        models(attributes["klass_info"]),
        attributes["annotation_col_map"],
        attributes["col_count"],
        attributes["has_extra_select"],
    )


def _verify(compiler, with_limits, with_col_aliases, result, attributes) -> None:
    fresh = _django_as_sql(compiler, with_limits, with_col_aliases)
    fresh = (fresh[0], tuple(fresh[1]))
    fresh_reading = _reading({name: getattr(compiler, name) for name in RESULT_ATTRIBUTES})
    if fresh != result or fresh_reading != _reading(attributes):
        raise AssertionError(f"kept SQL differs from a fresh compilation:\n{result}\n{fresh}")


def install(size: int = 1000, verify: bool = False) -> None:
    """Keep compiled SELECTs from now on (idempotent); `size` entries at most."""
    _settings.update(size=max(1, size), verify=verify)
    sql_compiler.SQLCompiler.as_sql = as_sql


def uninstall() -> None:
    """Compile every query again, as Django does; forget what was kept."""
    sql_compiler.SQLCompiler.as_sql = _django_as_sql
    clear()


def clear() -> None:
    _cache.clear()
    for name in stats:
        stats[name] = 0
