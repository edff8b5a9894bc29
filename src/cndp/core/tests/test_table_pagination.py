"""A list table's pages (phân trang), written in Python (`cndp_tables.table_pagination`): the markup of
django-tables2's bootstrap5 template, links, numbers and labels, in both languages."""

import re

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django.utils import translation
from django_tables2 import RequestConfig

from cndp.core.tables import BaseTable


class _Rows(BaseTable):
    name = tables.Column()

    class Meta(BaseTable.Meta):
        exclude = ("actions",)


def _nav(html: str) -> str:
    found = re.search(r"<nav[^>]*>.*</nav>", html, re.S)
    if found is None:
        return ""
    nav = re.sub(r"\s+", " ", found.group(0))
    nav = re.sub(r">\s+", ">", nav)
    return re.sub(r"\s+<", "<", nav).replace(" >", ">")


def _both(rows: int, query: dict, part=_nav) -> tuple[str, str]:
    request = RequestFactory().get("/", query)
    navs = []
    for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
        table = _Rows([{"name": f"Dòng {i}"} for i in range(rows)])
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        table.template_name = template
        navs.append(part(table.as_html(request)))
    return navs[0], navs[1]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "rows, query",
    [
        (30, {}),  # one page: no navigation
        (120, {}),  # three pages, on the first
        (120, {"page": 2, "q": "Hà Nội & <b>"}),  # the middle one, another parameter kept (escaped)
        (120, {"page": 3, "sort": "-name"}),  # the last
        (1000, {"page": 10}),  # gaps: 1 … 6–14 … 20
        (60_000, {"page": 1100, "q": "x"}),  # page numbers over a thousand, written in the language's way
        (60_000, {"page": 1}),
        (60_000, {"page": 1200}),
    ],
)
def test_the_pages_are_the_markup_of_django_tables2s_template(language, rows, query):
    with translation.override(language):
        old, new = _both(rows, query)
    assert new == old
    if rows <= 50:
        assert old == ""
    else:
        assert old.count('class="page-item') >= 3 and "page=" in old
    if query.get("q"):
        assert "q=H%C3%A0+N%E1%BB%99i+%26+%3Cb%3E" in new or "q=x" in new
    if rows == 60_000 and query["page"] == 1100:
        assert ("1.100" if language == "vi" else "1,100") in new


def test_a_table_of_plain_rows_has_the_body_of_django_tables2s_template():
    """Rows that are dicts, not records (the body's shortcut for records must not trip on them)."""

    def tbody(html):
        body = re.search(r"<tbody[^>]*>.*</tbody>", html, re.S).group(0)
        return re.sub(r"\s+<", "<", re.sub(r">\s+", ">", body)).replace(" >", ">")

    old, new = _both(120, {"page": 2}, part=tbody)
    assert new == old and new.count("<tr") == 50 and "Dòng 50" in new
