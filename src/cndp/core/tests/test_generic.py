"""The generic registry views: accent-insensitive search, filters, sorting, Excel export of what is
filtered, history with the acting user, NFC at the form boundary, constant query counts."""

import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from cndp.accounts.models import Unit, User
from cndp.party.models import Member

pytestmark = pytest.mark.django_db


def listed(response):
    return [row.record for row in response.context["table"].page.object_list]


@pytest.mark.parametrize("query", ["ha noi", "HÀ NỘI", "Hà Nội", "hà nọi"[:2] + " noi"])
def test_search_is_accent_insensitive(query, client_for):
    response = client_for("admin").get(reverse("places:province_list"), {"q": query, "version": "34"})
    assert [p.code for p in listed(response)] == ["01"]


def test_search_folds_d_with_stroke(client_for):
    response = client_for("admin").get(reverse("places:province_list"), {"q": "dak lak", "version": "63"})
    assert [p.name for p in listed(response)] == ["Tỉnh Đắk Lắk"]


def test_filters_combine_and_invalid_filter_is_reported(client_for):
    client = client_for("admin")
    response = client.get(reverse("places:province_list"), {"version": "34", "kind": "city"})
    assert response.context["result_count"] == 6
    response = client.get(reverse("places:province_list"), {"version": "99"})
    assert "version" in response.context["filterset"].form.errors


def test_users_sort_by_vietnamese_given_name(client_for):
    response = client_for("admin").get(
        reverse("accounts:user_list"), {"sort": "full_name", "is_agency_staff": "true"}
    )
    names = [u.full_name for u in listed(response)]
    from cndp.core.text import collation_key, name_sort_key

    # The database orders exactly as the Vietnamese key says …
    assert names == sorted(names, key=name_sort_key)

    # … which is by given name first (letters; tones only break ties across the whole name).
    def toneless(word):
        kept = [c for c in unicodedata.normalize("NFD", word) if c not in "\u0300\u0301\u0303\u0309\u0323"]
        return collation_key([unicodedata.normalize("NFC", "".join(kept))])

    given = [toneless(n.split(" ")[-1]) for n in names]
    assert given == sorted(given)
    assert len(set(given)) > 5


def test_excel_export_holds_exactly_the_filtered_rows(client_for):
    response = client_for("admin").get(
        reverse("places:province_list"), {"version": "34", "q": "thanh pho", "export": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Tỉnh, thành phố"
    assert "Tìm kiếm: thanh pho" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[:2] == ["Mã", "Tên"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert sorted(r[1] for r in rows) == sorted(
        [
            "Thành phố Hà Nội",
            "Thành phố Hải Phòng",
            "Thành phố Huế",
            "Thành phố Đà Nẵng",
            "Thành phố Hồ Chí Minh",
            "Thành phố Cần Thơ",
        ]
    )
    assert "Xem" not in header  # the actions column is not exported


def test_edit_records_history_with_the_acting_user_and_nfc(client_for, demo):
    client = client_for("agency_officer")
    unit = Unit.objects.get(code="arid-kc")
    decomposed = unicodedata.normalize("NFD", "Phòng Khuyến công   và Phát triển CNNT")
    data = {
        "code": unit.code,
        "name": decomposed,
        "short_name": "KC",
        "kind": unit.kind,
        "parent": unit.parent_id,
        "province": "",
        "is_active": "on",
    }
    response = client.post(reverse("accounts:unit_edit", args=[unit.pk]), data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Phòng Khuyến công và Phát triển CNNT"
    assert unicodedata.is_normalized("NFC", unit.name)
    record = unit.history.first()
    assert record.history_user == demo["agency_officer"]
    page = client.get(reverse("accounts:unit_history", args=[unit.pk]))
    content = page.content.decode()
    assert "Phòng Khuyến công và Phát triển CNNT" in content
    assert demo["agency_officer"].full_name in content


def test_create_with_errors_keeps_input_and_names_the_field(client_for):
    client = client_for("agency_officer")
    data = {"code": "so-moi", "name": "Sở Công Thương mới", "kind": "doit", "province": "", "is_active": "on"}
    response = client.post(reverse("accounts:unit_add"), data)
    assert response.status_code == 400
    assert "Đơn vị cấp tỉnh phải có tỉnh, thành phố." in response.content.decode()
    assert 'value="Sở Công Thương mới"' in response.content.decode()
    assert not Unit.objects.filter(code="so-moi").exists()


def test_delete_protected_unit_gives_a_clear_message(client_for):
    client = client_for("admin")
    agency = Unit.objects.get(code="arid")
    response = client.post(reverse("accounts:unit_delete", args=[agency.pk]), follow=True)
    assert Unit.objects.filter(pk=agency.pk).exists()
    assert "Không thể xóa" in response.content.decode()


def _grow_members(n):
    cell = Unit.objects.filter(kind="party_cell").first()
    for i in range(n):
        Member.objects.create(
            full_name=f"Nguyễn Văn Thêm {i}",
            gender="male",
            cell=cell,
            admitted_on="2010-01-01",
            official_on="2011-01-01",
        )


def _shown(response) -> int:
    """The page rendered (200) with its data: a list shows its first row and returns its row count; the
    home page shows the party's member count and returns it."""
    assert response.status_code == 200
    html = response.content.decode()
    if "table" in response.context:
        rows = listed(response)
        assert rows and escape(str(rows[0])) in html
        return response.context["table"].paginator.count
    (panel,) = [p for p in response.context["panels"] if "party" in p]  # the party app's home panel
    members = panel["party"].members
    assert members > 0 and f">{members}<" in html
    return members


@pytest.mark.parametrize(
    ("url_name", "role", "added"),
    [
        ("party:member_list", "party_officer", 60),
        ("accounts:user_list", "admin", 60),
        ("accounts:unit_list", "admin", 0),
        ("places:province_list", "leader", 0),
        ("places:region_list", "leader", 0),
        ("home", "admin", 60),
    ],
)
def test_list_query_count_does_not_grow_with_data(
    url_name, role, added, client_for, django_assert_max_num_queries
):
    client = client_for(role)
    client.get(reverse(url_name))  # warm caches (content types, sessions)
    with django_assert_max_num_queries(20) as small:
        before = _shown(client.get(reverse(url_name)))
    _grow_members(60)
    for i in range(60):
        User.objects.create(
            username=f"them{i}", full_name=f"Trần Thị Thêm {i}", unit=Unit.objects.get(code="arid-vp")
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert _shown(client.get(reverse(url_name))) == before + added


def test_history_page_query_count_is_bounded(client_for, django_assert_max_num_queries):
    unit = Unit.objects.get(code="arid-vp")
    for i in range(15):
        unit.phone = f"024 000 {i:04d}"
        unit.save()
    client = client_for("admin")
    client.get(reverse("accounts:unit_history", args=[unit.pk]))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:unit_history", args=[unit.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("024 000") >= 15


def test_a_list_with_an_aggregate_keeps_the_models_order_in_its_export(client_for):
    """Django drops Meta.ordering once a count is annotated (GROUP BY): on PostgreSQL the region list came
    out in the order of the hash aggregate, which also changed after a backup was restored."""
    from cndp.places.models import Region

    response = client_for("admin").get(reverse("places:region_list"), {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert names == list(Region.objects.order_by("grouping", "name").values_list("name", flat=True))
