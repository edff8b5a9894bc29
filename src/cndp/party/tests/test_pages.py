"""The party pages at scale: the member list's cell filter is typed with suggestions (no drop-down of
every cell), the suggestions endpoint checks the right to see members, and the party pages and the home
page run a constant number of queries whatever the number of members and cells."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cndp.accounts.models import Unit
from cndp.party.rules import Kind
from cndp.party.services import member_event_record

from .factories import admin, cell, make_member

pytestmark = pytest.mark.django_db

D = datetime.date


def _more_cells(n: int, prefix: str = "them", name: str = "Thêm") -> None:
    parent = cell().parent
    cells = [
        Unit(code=f"cb-{prefix}-{i:03d}", name=f"Chi bộ {name} {i:03d}", kind="party_cell", parent=parent)
        for i in range(n)
    ]
    for unit in cells:
        unit.search_folded = unit.search_text()
    Unit.objects.bulk_create(cells)


def _grow(n: int) -> None:
    for i in range(n):
        member = make_member(
            official_on=D(2011, 3, 1) if i % 2 else None, cell_code=["cb-vp", "cb-kh", "cb-them-001"][i % 3]
        )
        if i % 4 == 0:
            member_event_record(
                user=admin(), member=member, kind=Kind.CELL_CHANGE, date=D(2016, 1, 1), cell=cell("cb-cs")
            )


def test_the_cell_filter_is_typed_not_a_drop_down_of_every_cell(client_for):
    _more_cells(300)
    response = client_for("leader").get(reverse("party:member_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chi bộ Thêm 299" not in content  # no option per cell
    assert content.count("<option") < 40
    assert 'data-autocomplete="{}"'.format(reverse("party:cell_autocomplete")) in content
    assert 'list="cell-options"' in content


def test_the_cell_filter_takes_a_code_or_an_id_and_an_unknown_cell_lists_nobody(client_for):
    client = client_for("leader")
    by_code = client.get(reverse("party:member_list"), {"cell": "cb-vp", "at": "10/06/2015"})
    by_id = client.get(reverse("party:member_list"), {"cell": cell("cb-vp").pk, "at": "10/06/2015"})
    assert by_code.status_code == by_id.status_code == 200
    assert by_code.context["result_count"] == by_id.context["result_count"] == 9  # the seed's first cell
    for value in ("khong-co", "99999999999999999999999"):
        unknown = client.get(reverse("party:member_list"), {"cell": value, "at": "10/06/2015"})
        assert unknown.status_code == 200 and unknown.context["result_count"] == 0


def test_cell_suggestions_match_without_accents_and_are_limited(client_for):
    _more_cells(40)
    client = client_for("leader")
    found = client.get(reverse("party:cell_autocomplete"), {"q": "van phong"})
    assert found.status_code == 200
    assert {"value": "cb-vp", "label": "Chi bộ Văn phòng Cục"} in found.json()["results"]
    many = client.get(reverse("party:cell_autocomplete"), {"q": "them"}).json()["results"]
    assert len(many) == 20 and all(r["label"].startswith("Chi bộ Thêm") for r in many)


def test_cell_suggestions_need_the_right_to_see_members(client, client_for):
    url = reverse("party:cell_autocomplete")
    assert client_for("counting_board").get(url, {"q": "chi bo"}).status_code == 403
    anonymous = client.get(url, {"q": "chi bo"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


@pytest.mark.parametrize(
    ("name", "params", "text"),
    [
        ("party:member_counts", {"at": "10/06/2015"}, '<span data-testid="at">10/06/2015</span>'),
        ("party:member_counts", {}, "Chi bộ Văn phòng Cục"),
        ("party:probation_due", {}, "Sắp hết thời gian dự bị"),
        ("party:member_list", {"at": "10/06/2015", "cell": "cb-vp"}, "Chi bộ Văn phòng Cục"),
        ("party:cell_autocomplete", {"q": "chinh sach"}, "cb-cs"),
        ("home", {"at": "10/06/2015"}, 'data-testid="ratio"'),
    ],
    ids=["counts_2015", "counts_today", "probation", "list_cell_date", "autocomplete", "home"],
)
def test_party_pages_query_count_does_not_grow(name, params, text, client_for, django_assert_max_num_queries):
    _more_cells(5)
    client = client_for("party_officer")
    client.get(reverse(name), params)  # warm: sessions, permissions

    def page():
        response = client.get(reverse(name), params)
        assert response.status_code == 200
        assert text in response.content.decode()
        return response

    with django_assert_max_num_queries(40) as small:
        page()
    _grow(30)
    _more_cells(50, "sau", "Sau")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page()


@pytest.mark.parametrize("params", [{}, {"export": "xlsx"}], ids=["page", "export"])
def test_the_member_list_reads_only_its_columns_in_a_constant_number_of_queries(
    params, client_for, django_assert_max_num_queries
):
    """The list's lighter queryset (its columns and the history's kind, date and cell): a column it left
    out would cost a query per row, here or in the export."""
    _more_cells(5)
    client = client_for("party_officer")
    client.get(reverse("party:member_list"), params)  # warm: sessions, permissions

    def page():
        response = client.get(reverse("party:member_list"), params)
        assert response.status_code == 200
        return b"".join(response) if params else response.content

    with django_assert_max_num_queries(40) as small:
        before = page()
    _grow(60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = page()
    assert after != before
    if not params:
        html = after.decode()
        listed = html.count("btn-outline-secondary py-0")
        assert listed == 50  # a full page
        assert "Chi bộ" in html and "Chính thức" in html and "Dự bị" in html
