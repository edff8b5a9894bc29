"""The check-in desk (bàn điểm danh): what Enter does for a typed name, a picked person, a card code and
someone already present; the lookup behind it stays a few queries with 300 delegates."""

import pytest
from django.urls import reverse

from cndp.congress import selectors
from cndp.congress.models import CheckEvent, Delegate

from .factories import congress_in_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress(demo):
    return congress_in_session(total=300, present=280)


def _by_name(congress, name):
    return Delegate.objects.filter(congress=congress, full_name=name).order_by("code")


def test_an_exact_folded_full_name_wins_over_longer_names(congress):
    lookup = selectors.checkin_lookup(congress, "do minh an")
    names = [d.full_name for d in lookup.results]
    # "do minh an" is also the start of "Đỗ Minh Anh", "Đỗ Minh Ánh" and inside "Đỗ Minh Oanh"
    assert {"Đỗ Minh An", "Đỗ Minh Anh", "Đỗ Minh Ánh"} <= set(names)
    assert names[0] == "Đỗ Minh An"
    assert lookup.pick is not None and lookup.pick.full_name == "Đỗ Minh An" and not lookup.by_code
    assert selectors.checkin_lookup(congress, "  ĐỖ   minh  AN ").pick.full_name == "Đỗ Minh An"


def test_namesakes_and_partial_names_need_a_choice(congress):
    namesakes = selectors.checkin_lookup(congress, "tran thi ha")
    assert [d.full_name for d in namesakes.results][:2] == ["Trần Thị Hà", "Trần Thị Hà"]
    assert namesakes.pick is None
    assert selectors.checkin_lookup(congress, "do minh").pick is None
    only = selectors.checkin_lookup(congress, "xuyen")
    assert [d.full_name for d in only.results] == [
        "Lương Bích Xuyến"
    ] and only.pick.full_name == "Lương Bích Xuyến"


def test_a_card_code_is_found_whatever_the_case(congress):
    lookup = selectors.checkin_lookup(congress, "dh12-003")
    assert lookup.by_code and lookup.pick.code == "DH12-003" and lookup.results == [lookup.pick]


def test_many_matches_are_listed_twelve_at_a_time_with_the_count(congress, client_for):
    lookup = selectors.checkin_lookup(congress, "n")
    assert len(lookup.results) == selectors.CHECKIN_LIMIT and lookup.total > 100
    page = client_for("party_officer").get(
        reverse("congress:checkin_search", args=[congress.pk]), {"query": "n"}
    )
    html = page.content.decode()
    assert html.count('role="option"') == selectors.CHECKIN_LIMIT
    assert f"Còn {lookup.total - selectors.CHECKIN_LIMIT} người phù hợp nữa" in html


def test_lookup_queries_do_not_grow_with_300_delegates(congress, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        lookup = selectors.checkin_lookup(congress, "nguyen")
    assert len(lookup.results) > 1  # it found people (a refusal would cost fewer queries)
    with django_assert_max_num_queries(4):
        assert selectors.checkin_lookup(congress, "do minh an").pick is not None


def _enter(client, congress, **data):
    response = client.post(
        reverse("congress:checkin_submit", args=[congress.pk]),
        {"query": "", "delegate": "", "kind": "in", **data},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "attendance-changed"
    return response.content.decode()


def test_enter_checks_in_the_exact_name_and_a_second_enter_says_present(congress, client_for):
    client = client_for("party_officer")
    an = _by_name(congress, "Đỗ Minh An").get()
    html = _enter(client, congress, query="do minh an")
    assert 'data-outcome="done"' in html and "Đã điểm danh vào: Đỗ Minh An (DH12-001)" in html
    an.refresh_from_db()
    assert an.present
    html = _enter(client, congress, query="do minh an")
    assert 'data-outcome="already"' in html and "alert-warning" in html
    assert "Đỗ Minh An (DH12-001) đã điểm danh vào rồi, đang có mặt" in html
    assert CheckEvent.objects.filter(delegate=an).count() == 1


def test_enter_on_several_matches_asks_to_pick_and_checks_nobody_in(congress, client_for):
    html = _enter(client_for("party_officer"), congress, query="do minh")
    assert 'data-outcome="choose"' in html and "dùng phím ↑/↓ để chọn" in html
    assert not CheckEvent.objects.filter(delegate__congress=congress).exists()


def test_enter_on_a_picked_person_and_on_a_scanned_code(congress, client_for):
    client = client_for("party_officer")
    oanh = _by_name(congress, "Đỗ Minh Oanh").get()
    # picked with ↑/↓ in the list of "do minh": the id goes with the typed text
    assert 'data-outcome="done"' in _enter(client, congress, query="do minh", delegate=oanh.pk)
    scanned = Delegate.objects.get(congress=congress, code="DH12-004")
    assert 'data-outcome="done"' in _enter(client, congress, query="dh12-004")
    assert list(
        CheckEvent.objects.filter(delegate__congress=congress)
        .order_by("pk")
        .values_list("delegate", "method")
    ) == [(oanh.pk, "name"), (scanned.pk, "code")]


def test_a_delegate_of_another_congress_is_refused(congress, client_for):
    other = Delegate.objects.exclude(congress=congress).filter(present=False).first()
    html = _enter(client_for("party_officer"), congress, delegate=other.pk)
    assert 'data-outcome="error"' in html and "không có trong danh sách triệu tập" in html
    other.refresh_from_db()
    assert not other.present


def test_the_desk_has_no_inline_script(congress, client_for):
    html = client_for("party_officer").get(reverse("congress:checkin", args=[congress.pk])).content.decode()
    assert 'id="checkin-query"' in html and "cndp/checkin" in html
    assert "hx-on" not in html and "onclick" not in html.split("<main", 1)[1]
    assert "<script>" not in html
