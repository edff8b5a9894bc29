"""List pages (trang danh sách) near the floor: the menu built once per request whatever the number of rows,
the table body built in Python with the same markup as django-tables2's template, and a page's query
count that does not grow with its rows."""

import io
import re
from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cndp.core import context_processors


def _count_menu_builds():
    real = context_processors.menu_for
    calls = []

    def counting(user):
        calls.append(user.pk)
        return real(user)

    return calls, mock.patch.object(context_processors, "menu_for", side_effect=counting)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, url_name",
    [
        ("agency_officer", "extension:project_list"),
        ("agency_officer", "extension:progressreport_list"),
        ("party_officer", "party:member_list"),
        ("admin", "accounts:user_list"),
    ],
)
def test_the_menu_is_built_once_per_page_whatever_the_rows(demo, client_for, role, url_name):
    client = client_for(role)
    calls, patch = _count_menu_builds()
    with patch:
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    rows = response.content.decode().count("btn-outline-secondary py-0")  # each row's «Xem» button
    assert rows >= 5, rows
    assert calls == [
        demo[role].pk
    ]  # before: once per row (each row's actions cell ran every context processor)
    assert 'class="dropdown-menu"' in response.content.decode()


@pytest.mark.django_db
def test_the_menu_is_rebuilt_for_another_user_on_the_same_request(demo):
    request = RequestFactory().get("/")
    request.user = demo["agency_officer"]
    first = context_processors.navigation(request)["menu"]
    assert context_processors.navigation(request)["menu"] is first
    request.user = demo["party_officer"]
    other = context_processors.navigation(request)["menu"]
    assert other is not first
    assert [g["label"] for g in other] != [g["label"] for g in first]


def _tbody(html: str) -> str:
    body = re.search(r"<tbody[^>]*>(.*)</tbody>", html, re.S).group(1)
    return _squeezed(body)


def _thead(html: str) -> str:
    """The table's head (`cndp_tables.table_head`): its tag, the header cells, their sort links."""
    return _squeezed(re.search(r"<thead.*</thead>", html, re.S).group(0))


def _squeezed(html: str) -> str:
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+", ">", html)
    return re.sub(r"\s+<", "<", html).replace(" >", ">")


@pytest.mark.django_db
@pytest.mark.parametrize("role, table_path, model_path", [
    ("agency_officer", "cndp.extension.projects.tables.ProjectTable", "cndp.extension.models.Project"),
    ("agency_officer", "cndp.extension.progress.tables.ProgressReportTable", "cndp.extension.models.ProgressReport"),
    ("party_officer", "cndp.party.tables.MemberTable", "cndp.party.models.Member"),
])  # fmt: skip
def test_the_table_body_is_the_markup_of_django_tables2s_template(demo, role, table_path, model_path):
    from django.utils.module_loading import import_string
    from django_tables2 import RequestConfig

    # Other parameters (several values of one, characters to escape) kept in the head's sort links.
    request = RequestFactory().get("/", {"sort": "-pk", "page": "1", "status": ["a", "b"], "q": "<Hà & Nội>"})
    request.user = demo[role]
    bodies, heads = [], []
    for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
        table = import_string(table_path)(import_string(model_path).objects.all(), request=request)
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        table.template_name = template
        html = table.as_html(request)
        bodies.append(_tbody(html))
        heads.append(_thead(html))
    old, new = bodies
    assert old.count("<tr") >= 5
    assert new == old
    assert heads[1] == heads[0]
    assert "&amp;status=a&amp;status=b&amp;q=%3CH%C3%A0+%26+N%E1%BB%99i%3E" in heads[0]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", ["agency_officer", "province_officer"])
def test_the_project_lists_cells_are_the_markup_of_django_tables2s_template(demo, language, role):
    """The project list writes its cells itself (`ProjectTable.cell_<column>`, labels and formats kept per
    table and language): the same body as django-tables2's template on the records the list page reads
    (the registry's `list_queryset`, in the user's scope), in each language and sort order, with scored
    and unscored projects, a project of each status, links and money."""
    from django.utils import translation
    from django_tables2 import RequestConfig

    from cndp.extension.models import Project
    from cndp.extension.projects.views import ProjectViews

    records = ProjectViews.get_list_queryset().restrict(demo[role], "view")
    assert records.filter(score__isnull=False).exists() and records.filter(score__isnull=True).exists()
    assert len({*records.values_list("status", flat=True)}) >= 3
    shown: set[int] = set()
    with translation.override(language):
        for sort in ("", "-score", "status", "-province", "extension_funds", "name"):
            request = RequestFactory().get("/", {"sort": sort} if sort else {})
            request.user = demo[role]
            bodies = []
            for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
                table = ProjectViews.table(records, request=request)
                RequestConfig(request, paginate={"per_page": 50}).configure(table)
                table.template_name = template
                html = table.as_html(request)
                bodies.append((_tbody(html), _thead(html)))
                shown |= {row.record.pk for row in table.page.object_list}
            old, new = bodies
            assert old[0].count("<tr") >= 5
            assert new == old, sort
    assert Project.objects.filter(pk__in=shown, score__isnull=False).exists()


def _registries():
    import cndp.config.urls  # noqa: F401 — imports every app's views, so every registry is defined
    from cndp.core.generic import Registry

    found, todo = [], list(Registry.__subclasses__())
    while todo:
        registry = todo.pop()
        todo += registry.__subclasses__()
        if registry.table is not None and hasattr(registry, "model"):
            found.append(registry)
    return sorted(found, key=lambda r: f"{r.__module__}.{r.__qualname__}")


@pytest.mark.django_db
def test_every_registrys_table_body_is_the_markup_of_django_tables2s_template(demo):
    """The body built from per-column plans (`_CellPlan`) against django-tables2's template, on every
    registry's list with the demo's records: links, choices, dates, money, empty cells, defaults."""
    from django_tables2 import RequestConfig

    registries = _registries()
    assert len(registries) >= 20
    compared, differ = 0, []
    for registry in registries:
        request = RequestFactory().get("/")
        request.user = demo["admin"]
        bodies = []
        for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
            table = registry.table(registry.get_queryset(), request=request)
            RequestConfig(request, paginate={"per_page": 50}).configure(table)
            table.template_name = template
            html = table.as_html(request)
            bodies.append((_tbody(html), _thead(html)))
        old, new = bodies
        compared += old[0].count("<tr")
        if new != old:
            differ.append(registry.__qualname__)
    assert differ == []
    assert compared >= 300  # the demo fills most lists


@pytest.mark.django_db
def test_an_empty_table_says_so(demo, client_for):
    response = client_for("agency_officer").get(
        reverse("extension:project_list"), {"q": "không-có-đề-án-này"}
    )
    assert response.status_code == 200
    assert "Không có bản ghi nào." in response.content.decode()


def _indexes(model) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_path, name, columns, orders",
    [
        ("cndp.extension.models.Project", "ext_project_list_order", ["plan_year", "code"], ["DESC", "ASC"]),
        # The progress-report list: by due date (the report's copy of its obligation's), project, sequence.
        (
            "cndp.extension.models.ProgressReport",
            "ext_report_list_order",
            ["obligation_due_on", "project_id", "sequence"],
            ["ASC", "ASC", "ASC"],
        ),
    ],
)
def test_an_index_serves_the_lists_default_order(model_path, name, columns, orders):
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    index = _indexes(model)[name]
    assert index["index"] and index["columns"] == columns
    assert index["orders"] == orders
    assert [f.lstrip("-").removesuffix("_id") for f in model._meta.ordering] == [
        c.removesuffix("_id") for c in columns
    ]


@pytest.mark.django_db
def test_the_progress_report_lists_first_page_is_read_in_its_index_order(demo):
    """The list's own query (its first page, as the agency sees it) walks ext_report_list_order: no join
    to the obligations for the order, no sort of every report (SQLite and PostgreSQL)."""
    from django.db import connection

    from cndp.extension.progress.selectors import report_list

    sql, params = report_list()[:50].query.sql_with_params()
    assert "obligations_obligation" not in sql.split("ORDER BY")[1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The demo is small: make the planner show it can.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "ext_report_list_order" in plan, plan
    # (SQLite: no "USE TEMP B-TREE FOR [RIGHT PART OF] ORDER BY"; PostgreSQL: no Sort, incremental or not.)
    assert "TEMP B-TREE" not in plan and "Sort Key" not in plan, plan


@pytest.mark.django_db
def test_search_uses_a_trigram_index_on_postgresql_and_stays_correct_everywhere(demo):
    from django.db import connection

    from cndp.extension.models import ProgressReport, Project

    project = Project.objects.order_by("pk").first()
    term = project.code.lower()[-6:]
    found = Project.objects.search(term)
    assert project in found
    assert all(term in p.search_folded for p in found)
    if connection.vendor != "postgresql":
        assert "ext_project_search_trgm" not in _indexes(Project)
        return
    for model, name in ((Project, "ext_project_search_trgm"), (ProgressReport, "ext_report_search_trgm")):
        index = _indexes(model)[name]
        assert index["type"] == "gin" and index["columns"] == ["search_folded"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the demo is small: make the planner show it can
        sql, params = Project.objects.search(term).values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "ext_project_search_trgm" in plan, plan


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_path, name",
    [
        ("cndp.party.models.Member", "party_member_search_trgm"),
        ("cndp.accounts.models.User", "accounts_user_search_trgm"),
        ("cndp.accounts.models.Unit", "accounts_unit_search_trgm"),
    ],
)
def test_member_user_and_unit_search_use_a_trigram_index_on_postgresql(demo, model_path, name):
    from django.db import connection
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    record = model.objects.exclude(search_folded="").order_by("pk").first()
    term = record.search_folded.split()[-1][-4:]
    found = model.objects.search(term)
    assert record in found
    assert all(term in r.search_folded for r in found)
    if connection.vendor != "postgresql":
        assert name not in _indexes(model)
        return
    index = _indexes(model)[name]
    assert index["type"] == "gin" and index["columns"] == ["search_folded"]
    with connection.cursor() as cursor:
        # The demo is small: make the planner show it can (no scan of the table or of the order's index).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = model.objects.search(term).order_by().values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert name in plan, plan


@pytest.mark.django_db
def test_postgresql_plans_the_project_list_without_memoize(demo):
    """Costing Memoize nodes for the project list's six lookup joins took PostgreSQL 15–30 ms of planning
    for a 0.5 ms query: the connections turn them off (settings), the plan is the same join otherwise."""
    from django.db import connection

    from cndp.extension.models import Project

    if connection.vendor != "postgresql":
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
        return
    (registry,) = [r for r in _registries() if r.model is Project]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_memoize")
        assert cursor.fetchone()[0] == "off"
        sql, params = registry.get_queryset()[:50].query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Memoize" not in plan, plan
    assert plan.count("Join") + plan.count("Nested Loop") >= 1, plan


@pytest.mark.django_db
def test_postgresql_plans_a_list_pages_query_once_per_connection(demo):
    """On PostgreSQL a query's parameters travel apart from its text (server-side binding), so the same
    query of the next request is the same statement, prepared once per connection and not planned again
    (15-20 % of a list page's time). SQLite is left as it was."""
    from django.db import connection

    from cndp.extension.models import Project

    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor != "postgresql":
        assert "server_side_binding" not in options and "prepare_threshold" not in options
        return
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 2
    queryset = Project.objects.select_related("province").order_by("-plan_year", "code")
    for code in ("DA-1", "DA-2", "DA-3"):  # one shape, three values
        list(queryset.filter(code=code)[:50])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "extension_project"%"extension_project"."code" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(monkeypatch):
    """Behind pgbouncer in transaction mode (no prepared statements before 1.21), CNDP_PG_PREPARED=0."""
    import runpy

    from cndp.config.settings import base

    def database_options():  # the settings file run afresh (by path: the module is imported already)
        return runpy.run_path(base.__file__)["DATABASES"]["default"]["OPTIONS"]

    monkeypatch.setenv("DATABASE_URL", "postgres://cndp@db.example:5432/cndp")
    options = database_options()
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 2
    monkeypatch.setenv("CNDP_PG_PREPARED", "0")
    options = database_options()
    assert "server_side_binding" not in options and "prepare_threshold" not in options
    assert "enable_memoize=off" in options["options"]


@pytest.mark.django_db
def test_the_date_column_shows_and_exports_what_django_tables2s_did(demo):
    import django_tables2 as tables

    from cndp.core.tables import BaseTable, DateColumn
    from cndp.party.models import Member
    from cndp.party.tables import MemberTable

    class Theirs(BaseTable):
        born = tables.DateColumn(accessor="birth_date")
        admitted = tables.DateColumn(accessor="admitted_on", format="d/m/Y")
        official = tables.DateColumn(accessor="official_on", short=False)

    class Ours(BaseTable):
        born = DateColumn(accessor="birth_date")
        admitted = DateColumn(accessor="admitted_on", format="d/m/Y")
        official = DateColumn(accessor="official_on", short=False)

    members = Member.objects.order_by("pk")
    assert members.filter(official_on__isnull=True).exists()  # the probationary: an empty cell
    request = RequestFactory().get("/")
    request.user = demo["party_officer"]
    theirs, ours = Theirs(members, request=request), Ours(members, request=request)
    assert _tbody(ours.as_html(request)) == _tbody(theirs.as_html(request))
    assert list(ours.as_values()) == list(theirs.as_values())
    assert isinstance(MemberTable.base_columns["birth_date"], DateColumn)  # a date field's own column


def _more_projects(n: int) -> None:
    from cndp.extension.models import Project

    template = Project.objects.order_by("pk").first()
    clones = []
    for i in range(n):
        clone = Project.objects.get(pk=template.pk)
        clone.pk = None
        clone.code = f"{template.plan_year}-TT{i:04d}"
        clone.name = f"Đề án nhân bản {i}"
        clone.search_folded = clone.search_text()
        clones.append(clone)
    Project.objects.bulk_create(clones)


@pytest.mark.django_db
def test_the_project_list_and_its_export_keep_their_query_count(
    demo, client_for, django_assert_max_num_queries
):
    from openpyxl import load_workbook

    from cndp.extension.models import Project

    client = client_for("agency_officer")
    url = reverse("extension:project_list")
    client.get(url)  # warm: content types, permissions

    def page_and_export():
        page = client.get(url)
        assert page.status_code == 200
        assert page.content.decode().count("btn-outline-secondary py-0") == min(Project.objects.count(), 50)
        export = client.get(url, {"export": "xlsx"})
        assert export.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
        assert sheet.max_row == 3 + Project.objects.count()

    with django_assert_max_num_queries(40) as small:
        page_and_export()
    _more_projects(120)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page_and_export()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "format_",
    [None, "d/m/Y", "j.n.y", "Y-m-d", r"\N\g\à\y d \t\há\n\g m", "D d/m/Y", "d F Y", "l, j/n/Y", ""],
)
def test_a_date_column_formats_as_djangos_date_format(language, format_):
    """Day, month and year numbers formatted in Python (the format split once), anything else by Django:
    the same text as `date_format` for any day and format, in each language."""
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cndp.core.tables import DateColumn

    column = DateColumn(format=format_)
    bound = mock.Mock(default="—")

    @settings(max_examples=60, deadline=None)
    @given(st.dates(min_value=datetime.date(1, 1, 1)))
    def check(day):
        expected = date_format(day, column.format) or "—"
        assert column.render(day, bound) == expected

    with translation.override(language):
        check()


@pytest.mark.django_db
def test_the_project_list_filtered_by_statuses_shows_each_project_once_in_constant_queries(
    demo, client_for, django_assert_max_num_queries
):
    """The status filter (several values) no longer asks for DISTINCT: the same projects, each once, the
    count right, and the query count does not grow with the projects."""
    from cndp.extension.models import Project

    user = demo["agency_officer"]
    client = client_for("agency_officer")
    template = Project.objects.order_by("pk").first()
    statuses = [
        template.status,
        *Project.objects.exclude(status=template.status).values_list("status", flat=True)[:1],
    ]
    assert len(statuses) == 2
    params = {"plan_year": template.plan_year, "status": statuses}
    url = reverse("extension:project_list")
    client.get(url, params)  # warm: content types, permissions

    def shown() -> int:
        page = client.get(url, params)
        assert page.status_code == 200
        expected = Project.objects.restrict(user, "view").filter(
            plan_year=template.plan_year, status__in=statuses
        )
        table = page.context["table"]
        pks = [row.record.pk for row in table.page.object_list]
        assert len(pks) == len(set(pks)) == min(expected.count(), 50)
        assert set(pks) <= set(expected.values_list("pk", flat=True))
        assert table.paginator.count == expected.count()
        return table.paginator.count

    with django_assert_max_num_queries(40) as small:
        before = shown()
    _more_projects(120)  # clones of the first project: its year and status
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert shown() == before + 120


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", ["agency_officer", "province_officer"])
def test_the_progress_report_lists_cells_are_the_markup_of_django_tables2s_template(demo, language, role):
    """The progress-report list writes its cells and rows itself (`cell_*`, `row_attrs_html`): the same
    body as django-tables2's template on the records the page reads (the registry's list queryset, in the
    user's scope), in each language and sort — late rows, escalated and final reports, every state, days
    late past a thousand, and a report whose obligation is missing (the defaults)."""
    import datetime

    from django.utils import timezone, translation
    from django_tables2 import RequestConfig

    from cndp.extension.models import ProgressReport, Project
    from cndp.extension.progress.views import ProgressReportViews
    from cndp.extension.projects import lifecycle
    from cndp.obligations.models import Obligation

    user = demo[role]
    listed = ProgressReportViews.get_list_queryset().restrict(user, "view")
    reports = list(listed.order_by("pk").values_list("pk", flat=True)[:40])
    assert len(reports) >= 12
    today = timezone.localdate()
    obligations = Obligation.objects.filter(kind="extension.progress")
    mark = {
        reports[0]: {"state": "pending", "due_on": today - datetime.timedelta(days=1500), "escalation": 2},
        reports[1]: {
            "state": "needs_revision",
            "due_on": today - datetime.timedelta(days=3),
            "escalation": 1,
        },
        reports[2]: {"state": "submitted", "due_on": today - datetime.timedelta(days=30)},
        reports[3]: {"state": "accepted"},
        reports[4]: {"state": "pending", "due_on": today + datetime.timedelta(days=10)},
    }
    for pk, changes in mark.items():
        obligations.filter(object_id=pk).update(**changes)
        if "due_on" in changes:
            ProgressReport.objects.filter(pk=pk).update(obligation_due_on=changes["due_on"])
    obligations.filter(object_id=reports[5]).delete()
    # Late only while the project still reports (not suspended or ended).
    Project.objects.filter(reports__pk__in=reports[:3]).update(status=lifecycle.IN_PROGRESS)
    queryset = listed.filter(pk__in=reports)
    late = 0
    for sort in ("", "-pk", "period_end", "-due_on", "status", "-escalation", "province", "percent_complete"):
        request = RequestFactory().get("/", {"sort": sort} if sort else {})
        request.user = user
        bodies = []
        for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
            with translation.override(language):
                table = ProgressReportViews.table(queryset, request=request)
                RequestConfig(request, paginate={"per_page": 50}).configure(table)
                table.template_name = template
                bodies.append(_tbody(table.as_html(request)))
        old, new = bodies
        assert old.count("<tr") == len(reports)
        assert new == old, sort
        late += new.count("table-danger")
    assert late > 0
    assert ("1.5" if language == "vi" else "1,5") in new  # days late grouped by thousands
