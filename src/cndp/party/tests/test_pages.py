"""The party pages at scale: the member list's cell filter is typed with suggestions (no drop-down of
every cell), the suggestions endpoint checks the right to see members, and the party pages and the home
page run a constant number of queries whatever the number of members and cells."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.formats import reset_format_cache

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


def _tbody(html: str) -> str:
    import re

    body = re.search(r"<tbody[^>]*>(.*)</tbody>", html, re.S).group(1)
    body = re.sub(r"\s+", " ", body)
    body = re.sub(r">\s+", ">", body)
    return re.sub(r"\s+<", "<", body).replace(" >", ">")


def _member_list_bodies(user, params: dict, language: str) -> tuple[str, str]:
    """The member list's table body as the page reads its records (the registry's list queryset, the
    user's scope, the filters), through django-tables2's template and through the table's own cells."""
    from django.test import RequestFactory
    from django.utils import translation
    from django_tables2 import RequestConfig

    from cndp.party.views import MemberViews

    request = RequestFactory().get("/", params)
    request.user = user
    bodies = []
    with translation.override(language):
        for template in ("django_tables2/bootstrap5-responsive.html", "core/table.html"):
            queryset = MemberViews.get_list_queryset().restrict(user, "view")
            filterset = MemberViews.filterset(params or None, queryset=queryset, request=request)
            queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
            table = MemberViews.table(queryset, request=request)
            RequestConfig(request, paginate={"per_page": 50}).configure(table)
            table.template_name = template
            bodies.append(_tbody(table.as_html(request)))
    return bodies[0], bodies[1]


def test_the_member_lists_cells_are_the_markup_of_django_tables2s_template(demo):
    """The member table writes its cells itself (`cell_<column>`): the same markup as django-tables2's
    template, for every standing (away, exempted, suspended, transferred out, deceased, removed), a cell
    changed, a name to escape and a birth date left empty, with and without a date, in both languages."""
    today = datetime.date.today()
    standings = [
        (Kind.TEMPORARY_OUT, None),
        (Kind.EXEMPTED, None),
        (Kind.SUSPENDED, None),
        (Kind.TRANSFER_OUT, None),
        (Kind.DECEASED, None),
        (Kind.REMOVED, None),
        (Kind.CELL_CHANGE, "cb-cs"),
    ]
    for i, (kind, cell_code) in enumerate(standings):
        member = make_member(full_name=f"Đặng <b>Thử</b> & {i}", official_on=D(2011, 3, 1) if i % 2 else None)
        cell_ = cell(cell_code) if cell_code else None
        member_event_record(user=admin(), member=member, kind=kind, date=D(2016, 1, 1), cell=cell_)
    make_member(full_name="Mai Sau", admitted_on=today - datetime.timedelta(days=3), birth_date=None)
    user = demo["party_officer"]
    seen, vietnamese = set(), []
    for params in (
        {"q": "Đặng"},
        {"q": "Đặng", "at": "01/01/2017"},
        {"q": "Đặng", "at": "01/01/2017", "status": "left"},
        {"q": "Đặng", "at": "01/01/2015", "sort": "-cell"},
        {"q": "Mai Sau"},
        {},
        {"at": "10/06/2015", "sort": "-official_on"},
    ):
        for language in ("vi", "en"):
            old, new = _member_list_bodies(user, params, language)
            assert new == old, (params, language)
            seen.add(new)
            vietnamese += [new] if language == "vi" else []
    assert len(seen) >= 10 and all(body.count("<tr") >= 1 for body in seen)
    try:
        with override_settings(FORMAT_MODULE_PATH=None):  # Django's own formats: "d-m-Y", "m/d/Y"
            reset_format_cache()
            for language, admitted in (("vi", "<td>01-03-2010</td>"), ("en", "<td>03/01/2010</td>")):
                old, new = _member_list_bodies(user, {"q": "Đặng", "at": "01/01/2015"}, language)
                assert new == old and admitted in new, language
    finally:
        reset_format_cache()
    words = ("Từ trần", "Xóa tên", "Không sinh hoạt trong Đảng bộ", "sinh hoạt tạm thời nơi khác",
             "miễn công tác", "đình chỉ sinh hoạt", cell("cb-cs").name, "&lt;b&gt;Thử&lt;/b&gt; &amp; ",
             "<td>—</td>", "Mai Sau")  # fmt: skip
    assert [w for w in words if not any(w in body for body in vietnamese)] == []


def test_the_standing_of_members_read_by_batches_is_the_same(monkeypatch):
    """An export reads its members by chunks, their standing by batches (`selectors.STANDING_BATCH`): the
    same standing and cell as read in one go, for every member."""
    from cndp.party import selectors
    from cndp.party.models import Member, standing_label

    for i in range(5):
        member = make_member(official_on=D(2011, 3, 1) if i % 2 else None)
        if i % 2 == 0:
            member_event_record(user=admin(), member=member, kind=Kind.DECEASED, date=D(2016, 1, 1))

    def standings(members):
        return [(m.pk, standing_label(selectors.standing_on(m)), m.at_cell_name) for m in members]

    day = D(2017, 1, 1)
    whole = standings(selectors.with_standing_at(Member.objects.order_by("pk"), day))
    monkeypatch.setattr(selectors, "STANDING_BATCH", 3)
    batched = standings(selectors.with_standing_at(Member.objects.order_by("pk"), day).iterator(chunk_size=7))
    assert batched == whole and len(whole) == Member.objects.count() > 7
    assert {label for _, label, _ in whole} >= {"Chính thức", "Dự bị", "Từ trần"}
