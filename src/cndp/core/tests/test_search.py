"""Global search from the top bar (core.search): each app's hits, accent-insensitive, within the user's
scope and rights, in a number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cndp.core.search import search

pytestmark = pytest.mark.django_db


def _kinds(results):
    return {g.kind: [h.label for h in g.hits] for g in results.groups}


def test_accent_insensitive_hits_from_every_contributing_app(demo):
    results = search(demo["admin"], "nguyen")
    kinds = _kinds(results)
    assert {"Đảng viên", "Người dùng", "Đại biểu được triệu tập"} <= set(kinds)
    assert all("Nguyễn" in label for label in kinds["Đảng viên"])
    assert any("Hà Nội" in label for label in _kinds(search(demo["admin"], "ha noi"))["Tỉnh, thành phố"])
    assert any(
        "Đảng bộ" in label for label in _kinds(search(demo["admin"], "dang bo cuc cong nghiep"))["Đại hội"]
    )


@pytest.mark.parametrize("text", ["", " ", "a", "đ"])
def test_too_short_a_text_finds_nothing(demo, text):
    assert search(demo["admin"], text).groups == []


def test_hits_stay_within_the_users_rights_and_province(demo):
    officer = demo["province_officer"]  # Hà Nội's Department
    kinds = _kinds(search(officer, "so cong thuong"))
    units = kinds.get("Đơn vị", [])
    assert units and all("Hà Nội" in u or "Hà Nội" in u.replace("TP.", "") for u in units), units
    assert "Đảng viên" not in _kinds(search(officer, "nguyen"))  # no right to see party members
    other = _kinds(search(demo["province_officer_2"], "so cong thuong")).get("Đơn vị", [])
    assert other and not set(other) & set(units)  # Đà Nẵng's officer finds Đà Nẵng's units only


def test_query_count_does_not_depend_on_the_hits(demo):
    counts = []
    for text in ("nguyen", "thi", "zzzz qqq"):
        with CaptureQueriesContext(connection) as queries:
            search(demo["admin"], text)
        counts.append(len(queries))
    assert max(counts) <= 12 and len(set(counts)) == 1, counts


def test_search_page_and_top_bar(client_for):
    client = client_for("agency_officer")
    home = client.get(reverse("home")).content.decode()
    assert 'id="top-search"' in home and f'action="{reverse("search")}"' in home
    page = client.get(reverse("search"), {"q": "Hà Nội"}).content.decode()
    assert 'id="search-results"' in page and "Hà Nội" in page
    empty = client.get(reverse("search"), {"q": "khongcogi xyz"}).content.decode()
    assert 'data-testid="no-hits"' in empty


def test_search_requires_login(client):
    response = client.get(reverse("search"), {"q": "nguyen"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_logout_says_so(client_for):
    client = client_for("leader")
    response = client.post(reverse("logout"), follow=True)
    assert "Bạn đã đăng xuất." in response.content.decode()


def test_projects_and_follow_up_found_within_the_province(demo):
    from cndp.extension.models import Project
    from cndp.followup.models import Notice

    hanoi = Project.objects.filter(province__code="01").order_by("pk").first()
    danang = Project.objects.filter(province__code="48").order_by("pk").first()
    assert hanoi is not None and danang is not None
    by_code = _kinds(search(demo["agency_officer"], danang.code))["Đề án khuyến công"]
    assert str(danang) in by_code
    own = _kinds(search(demo["province_officer"], hanoi.code)).get("Đề án khuyến công", [])
    assert str(hanoi) in own
    # Hà Nội's officer never finds Đà Nẵng's project, even by its exact code.
    assert str(danang) not in _kinds(search(demo["province_officer"], danang.code)).get(
        "Đề án khuyến công", []
    )
    notice = Notice.objects.order_by("pk").first()
    assert str(notice) in _kinds(search(demo["admin"], notice.number))["Thông báo kết luận"]
