"""Database operations shared by the apps' migrations (thao tác cơ sở dữ liệu dùng chung).

`TrigramIndex`: accent-insensitive search is `search_folded LIKE '%term%'` (`RestrictedQuerySet.search`),
which no B-tree index serves. On PostgreSQL a GIN index with the `pg_trgm` operator class does; the
operation creates the extension (`CREATE EXTENSION IF NOT EXISTS pg_trgm`: a trusted extension since
PostgreSQL 13, which the database's owner may create) and the index. On SQLite it does nothing, and the
same queries stay correct (a scan)."""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class TrigramIndex(Operation):
    """GIN trigram index on a model's text column (PostgreSQL only; nothing elsewhere)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, name: str, column: str = "search_folded"):
        self.model_name = model_name
        self.name = name
        self.column = column

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "name": self.name}
        if self.column != "search_folded":
            kwargs["column"] = self.column
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # not part of the models' state: an index of one database engine

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(model._meta.db_table)} "
            f"USING gin ({quote(self.column)} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Trigram index {self.name} on {self.model_name}.{self.column} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.column}_trgm"


def refresh_name_sort_keys(model_label: str, *, source: str = "full_name", fallback: str | None = None):
    """A `RunPython` forward function recomputing `name_sort_key` of every row of `model_label` from
    `source` (or `fallback` when it is empty) with today's `cndp.core.text.name_sort_key`: only the rows
    whose key changes are written, in batches (`bulk_update`, no history entry: the name did not change)."""

    def forward(apps, schema_editor):
        from cndp.core.text import name_sort_key

        model = apps.get_model(model_label)
        fields = ["pk", source, "name_sort_key", *([fallback] if fallback else [])]
        changed = []
        for row in (
            model.objects.using(schema_editor.connection.alias).only(*fields).iterator(chunk_size=2000)
        ):
            key = name_sort_key(getattr(row, source) or (getattr(row, fallback) if fallback else ""))
            if key != row.name_sort_key:
                row.name_sort_key = key
                changed.append(row)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            changed, ["name_sort_key"], batch_size=1000
        )

    return forward
