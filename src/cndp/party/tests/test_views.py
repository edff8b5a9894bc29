"""Pages of the party module: the member list filtered by standing at a date, the member page with its
history and the form to record an event, the counts per cell (with Excel), the probations about to end,
the import with its dry run and template, the menu."""

import datetime
import io
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cndp.accounts.models import Unit
from cndp.party.models import Member, MemberEvent
from cndp.party.rules import Kind

from .factories import cell, make_member, xlsx

pytestmark = pytest.mark.django_db

D = datetime.date


def listed(response):
    return [row.record for row in response.context["table"].page.object_list]


# ---- list -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "count"), [("", 56), ("in", 56), ("official", 43), ("probationary", 13)])
def test_list_filters_by_standing_at_a_date(status, count, client_for):
    response = client_for("leader").get(reverse("party:member_list"), {"at": "10/06/2015", "status": status})
    assert response.status_code == 200
    assert response.context["result_count"] == count
    if status == "probationary":
        assert "Dự bị" in response.content.decode()


def test_list_with_a_date_uses_the_cell_of_that_date_and_shows_who_left(client_for):
    client = client_for("leader")
    changed = Member.objects.get(events__kind=Kind.CELL_CHANGE)
    old_cell = changed.events.get(kind=Kind.ADMITTED).cell_id
    before = listed(client.get(reverse("party:member_list"), {"at": "30/06/2019", "cell": old_cell}))
    after = listed(client.get(reverse("party:member_list"), {"at": "01/07/2019", "cell": old_cell}))
    assert changed in before and changed not in after
    old_name = Unit.objects.get(pk=old_cell).name
    row = client.get(reverse("party:member_list"), {"at": "30/06/2019", "q": changed.full_name})
    [rendered] = list(row.context["table"].page.object_list)
    assert rendered.record == changed
    assert rendered.get_cell("cell") == old_name  # the cell of that date, not today's
    today_row = client.get(reverse("party:member_list"), {"q": changed.full_name}).context["table"]
    assert next(iter(today_row.page.object_list)).get_cell("cell") == changed.cell.name
    left = client.get(reverse("party:member_list"), {"at": "01/01/2019", "status": "left"})
    moved = Member.objects.get(events__kind=Kind.TRANSFER_OUT)
    assert listed(left) == [moved]
    assert "Không sinh hoạt trong Đảng bộ" in left.content.decode()
    not_yet = listed(client.get(reverse("party:member_list"), {"at": "01/01/2018", "status": "left"}))
    assert not_yet == []


def test_list_without_a_date_filters_the_current_cell(client_for):
    response = client_for("leader").get(reverse("party:member_list"), {"cell": cell("cb-vp").pk})
    assert {m.cell.code for m in listed(response)} == {"cb-vp"}


def test_list_export_has_the_standing_at_the_date(client_for):
    response = client_for("leader").get(
        reverse("party:member_list"), {"at": "10/06/2015", "status": "probationary", "export": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(rows) == 13
    assert {r[-1] for r in rows} == {"Dự bị"}


# ---- detail and recording an event ------------------------------------------------------------------------


def test_member_page_shows_the_history_and_the_form_to_officers(client_for):
    moved = Member.objects.get(events__kind=Kind.TRANSFER_OUT)
    content = client_for("party_officer").get(moved.get_absolute_url()).content.decode()
    assert "Lịch sử sinh hoạt đảng" in content
    assert "Kết nạp (dự bị)" in content and "Công nhận chính thức" in content and "Chuyển đi" in content
    assert "15/03/2018" in content and "112-QĐ/ĐU" in content
    assert 'id="record-event"' in content
    assert "Không sinh hoạt trong Đảng bộ" in content


def test_member_page_has_no_form_for_read_only_roles(client_for):
    member = Member.objects.first()
    content = client_for("leader").get(member.get_absolute_url()).content.decode()
    assert "Lịch sử sinh hoạt đảng" in content
    assert 'id="record-event"' not in content
    assert "Xóa sự kiện" not in content


def test_recording_an_event_from_the_member_page(client_for):
    member = make_member(official_on=D(2011, 3, 1))
    client = client_for("party_officer")
    response = client.post(
        member.get_absolute_url(),
        {
            "kind": Kind.CELL_CHANGE,
            "date": "01/07/2019",
            "cell": cell("cb-kh").pk,
            "decision_number": "87-QĐ/ĐU",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.cell.code == "cb-kh"
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Đã ghi sự kiện «Chuyển chi bộ trong Đảng bộ — 01/07/2019»." in page
    assert "87-QĐ/ĐU" in page


def test_refused_event_shows_the_reason_on_the_field_in_vietnamese(client_for):
    member = make_member(admitted_on=D(2024, 2, 29))
    response = client_for("party_officer").post(
        member.get_absolute_url(), {"kind": Kind.OFFICIAL, "date": "27/02/2025", "note": "Sớm"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Ngày: Chưa đủ 12 tháng dự bị: đảng viên kết nạp ngày 29/02/2024 chỉ được công nhận chính thức "
        "từ ngày 28/02/2025." in content
    )
    assert "Sớm</textarea>" in content  # the input is kept
    assert member.events.count() == 1


def test_event_form_requires_the_kind_and_a_real_date(client_for):
    member = make_member()
    response = client_for("party_officer").post(member.get_absolute_url(), {"kind": "", "date": "31/02/2020"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Sự kiện: " in content and "Ngày: " in content


@pytest.mark.parametrize("role", ["counting_board", "leader"])
def test_read_only_roles_cannot_record_or_delete_events(role, client_for):
    member = make_member(official_on=D(2011, 3, 1))
    client = client_for(role)
    assert (
        client.post(member.get_absolute_url(), {"kind": Kind.SUSPENDED, "date": "01/01/2020"}).status_code
        == 403
    )
    event = member.events.get(kind=Kind.OFFICIAL)
    url = reverse("party:memberevent_delete", args=[member.pk, event.pk])
    assert client.post(url).status_code == 403
    assert member.events.count() == 2


def test_deleting_an_event_from_the_member_page(client_for):
    member = make_member(official_on=D(2011, 3, 1))
    event = member.events.get(kind=Kind.OFFICIAL)
    url = reverse("party:memberevent_delete", args=[member.pk, event.pk])
    assert client_for("party_officer").get(url).status_code == 405
    response = client_for("party_officer").post(url, follow=True)
    assert "Đã xóa sự kiện «Công nhận chính thức — 01/03/2011»." in response.content.decode()
    member.refresh_from_db()
    assert member.official_on is None


# ---- add and edit ---------------------------------------------------------------------------------------


def test_adding_a_member_writes_the_history(client_for):
    data = {
        "full_name": unicodedata.normalize("NFD", "Bùi   Thị Ngọc Ánh"),
        "gender": "female",
        "birth_date": "02/09/1990",
        "cell": cell("cb-kc").pk,
        "admitted_on": "19/05/2020",
        "official_on": "19/05/2021",
        "card_number": "",
    }
    response = client_for("party_officer").post(reverse("party:member_add"), data)
    assert response.status_code == 302, response.content.decode()
    member = Member.objects.get(full_name="Bùi Thị Ngọc Ánh")
    assert [e.kind for e in member.events.all()] == ["admitted", "official"]


def test_adding_a_member_with_an_early_recognition_names_the_field(client_for):
    data = {
        "full_name": "Bùi Văn Sớm",
        "gender": "male",
        "cell": cell("cb-kc").pk,
        "admitted_on": "19/05/2020",
        "official_on": "18/05/2021",
    }
    response = client_for("party_officer").post(reverse("party:member_add"), data)
    assert response.status_code == 400
    assert "Ngày chính thức: Chưa đủ 12 tháng dự bị" in response.content.decode()
    assert "từ ngày 19/05/2021" in response.content.decode()
    assert not Member.objects.filter(full_name="Bùi Văn Sớm").exists()


def test_editing_a_member_does_not_touch_the_history(client_for):
    member = make_member(official_on=D(2011, 3, 1))
    client = client_for("party_officer")
    form = client.get(reverse("party:member_edit", args=[member.pk])).context["form"]
    assert set(form.fields) == {"full_name", "gender", "birth_date", "staff", "card_number"}
    response = client.post(
        reverse("party:member_edit", args=[member.pk]),
        {
            "full_name": "Nguyễn Văn Đổi Tên",
            "gender": "male",
            "birth_date": "05/05/1980",
            "card_number": "777",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.card_number, member.admitted_on) == (
        "Nguyễn Văn Đổi Tên",
        "777",
        D(2010, 3, 1),
    )


# ---- counts --------------------------------------------------------------------------------------------


def test_counts_page_at_the_congress_date(client_for):
    response = client_for("leader").get(reverse("party:member_counts"), {"at": "10/06/2015"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "70,9 %" in content
    assert '<span data-testid="at">10/06/2015</span>' in content
    assert '<div class="h3 mb-0" data-testid="members">56</div>' in content
    assert "43 chính thức, 13 dự bị" in content
    for unit in Unit.objects.filter(kind="party_cell"):
        assert unit.name in content
    assert 'id="below-minimum"' not in content
    totals = response.context["totals"]
    assert (totals.members, totals.official, totals.probationary, totals.staff) == (56, 43, 13, 79)


def test_counts_page_flags_cells_below_three_official(client_for):
    Unit.objects.create(code="cb-moi", name="Chi bộ Mới thành lập", kind="party_cell", parent=cell().parent)
    make_member(official_on=D(2011, 3, 1), cell_code="cb-moi")
    response = client_for("party_officer").get(reverse("party:member_counts"))
    content = response.content.decode()
    assert 'id="below-minimum"' in content
    assert "1 chi bộ có dưới 3 đảng viên chính thức (Điều lệ Đảng, Điều 24):" in content
    assert "Chi bộ Mới thành lập" in content
    assert 'class="table-danger" data-cell="cb-moi"' in content


def test_counts_page_defaults_to_today_and_reports_a_wrong_date(client_for):
    client = client_for("leader")
    assert client.get(reverse("party:member_counts")).context["at"] == timezone.localdate()
    response = client.get(reverse("party:member_counts"), {"at": "31/02/2015"})
    assert response.context["at"] == timezone.localdate()
    assert "«31/02/2015» không phải ngày hợp lệ" in response.content.decode()


def test_counts_export_to_excel(client_for):
    response = client_for("leader").get(
        reverse("party:member_counts"), {"at": "10/06/2015", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "so-luong-dang-vien-20150610" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Số lượng đảng viên"
    assert "10/06/2015" in ws["A2"].value and "70,9 %" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[:4] == ["Chi bộ", "Chính thức", "Dự bị", "Tổng số"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(rows) == 9
    assert rows[-1][:4] == ["Toàn Đảng bộ", 43, 13, 56]
    assert sum(r[3] for r in rows[:-1]) == 56


@pytest.mark.parametrize("role", ["agency_officer", "province_officer"])
def test_party_pages_are_refused_without_view_member(role, client_for):
    client = client_for(role)
    for name in (
        "party:member_counts",
        "party:probation_due",
        "party:member_import",
        "party:member_import_template",
    ):
        assert client.get(reverse(name)).status_code == 403, name


def test_counts_page_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    client = client_for("leader")
    client.get(reverse("party:member_counts"))

    def members_shown():
        response = client.get(reverse("party:member_counts"))
        assert response.status_code == 200
        members = response.context["totals"].members
        assert f'data-testid="members">{members}</div>' in response.content.decode()
        return members

    with django_assert_max_num_queries(25) as small:
        before = members_shown()
    for i in range(30):
        make_member(official_on=D(2011, 3, 1) if i % 2 else None)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert members_shown() == before + 30


def test_member_list_with_a_date_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    client = client_for("leader")
    params = {"at": "10/06/2015", "status": "official", "cell": cell("cb-vp").pk}
    client.get(reverse("party:member_list"), params)

    def members_listed():
        response = client.get(reverse("party:member_list"), params)
        assert response.status_code == 200
        rows = listed(response)
        assert rows and rows[0].full_name in response.content.decode()
        return response.context["table"].paginator.count

    with django_assert_max_num_queries(25) as small:
        before = members_listed()
    for _ in range(30):
        make_member(official_on=D(2011, 3, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert members_listed() == before + 30


# ---- probations about to end ----------------------------------------------------------------------------


def test_probation_page_lists_the_due_members(client_for):
    today = timezone.localdate()
    overdue = make_member(admitted_on=today - datetime.timedelta(days=400), birth_date=D(1995, 1, 1))
    response = client_for("leader").get(reverse("party:probation_due"))
    content = response.content.decode()
    assert "Sắp hết thời gian dự bị" in content
    assert overdue.full_name in content
    assert "Quá 35 ngày" in content
    demo_recent = Member.objects.get(admitted_on=today - datetime.timedelta(days=345))
    assert demo_recent.full_name in content and "20 ngày" in content


# ---- import --------------------------------------------------------------------------------------------


ROW = ["Đoàn Thị Hạnh", "Nữ", "12/03/1988", "cb-vp", "15/05/2012", "15/05/2013", "79.999"]


def test_import_page_dry_run_then_import(client_for):
    client = client_for("party_officer")
    assert "Tải tệp mẫu" in client.get(reverse("party:member_import")).content.decode()
    response = client.post(reverse("party:member_import"), {"file": xlsx([ROW]), "action": "check"})
    assert response.status_code == 200
    assert "Chạy thử: mọi dòng hợp lệ. Sẽ thêm 1 đảng viên" in response.content.decode()
    assert not Member.objects.filter(card_number="79.999").exists()
    response = client.post(reverse("party:member_import"), {"file": xlsx([ROW]), "action": "import"})
    assert "Đã nhập 1 đảng viên; 0 đã có trong danh sách." in response.content.decode()
    assert Member.objects.filter(card_number="79.999").exists()
    again = client.post(reverse("party:member_import"), {"file": xlsx([ROW]), "action": "import"})
    assert "Đã có" in again.content.decode()
    assert Member.objects.filter(card_number="79.999").count() == 1


def test_import_page_shows_every_error_and_writes_nothing(client_for):
    bad = [ROW, ["Đoàn Văn Lỗi", "Nam", "01/01/1980", "cb-vp", "ngày mai", "", ""]]
    count = Member.objects.count()
    response = client_for("party_officer").post(
        reverse("party:member_import"), {"file": xlsx(bad), "action": "import"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Dòng 3, cột «Ngày vào Đảng»: «ngày mai» không phải ngày hợp lệ (dd/mm/yyyy)." in content
    assert "chưa ghi gì" in content
    assert Member.objects.count() == count


def test_import_requires_a_file(client_for):
    response = client_for("party_officer").post(reverse("party:member_import"), {"action": "check"})
    assert response.status_code == 400
    assert "Tệp Excel (.xlsx): " in response.content.decode()


def test_import_template_download(client_for):
    response = client_for("party_officer").get(reverse("party:member_import_template"))
    assert "mau-nhap-dang-vien" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.active[1]][:5] == [
        "Họ và tên",
        "Giới tính (Nam/Nữ)",
        "Ngày sinh",
        "Chi bộ",
        "Ngày vào Đảng",
    ]
    assert "cb-vp" in [row[0].value for row in wb["Hướng dẫn"].iter_rows()]


@pytest.mark.parametrize("role", ["counting_board", "leader"])
def test_import_needs_add_member(role, client_for):
    client = client_for(role)
    assert client.get(reverse("party:member_import")).status_code == 403
    assert client.post(reverse("party:member_import"), {"file": xlsx([ROW])}).status_code == 403


# ---- navigation -----------------------------------------------------------------------------------------


def test_menu(client_for):
    def names(role):
        menu = client_for(role).get(reverse("home")).context["menu"]
        return {item["url_name"] for group in menu for item in group["items"]}

    officer = names("party_officer")
    assert {
        "party:member_list",
        "party:member_counts",
        "party:probation_due",
        "party:member_import",
    } <= officer
    leader = names("leader")
    assert {"party:member_counts", "party:probation_due"} <= leader
    assert "party:member_import" not in leader
    assert not any(n.startswith("party:") for n in names("province_officer"))


def test_history_tab_lists_changes_to_the_member(client_for):
    member = make_member(official_on=D(2011, 3, 1))
    from cndp.party.services import member_event_record

    member_event_record(
        user=member.history.first().history_user,
        member=member,
        kind=Kind.CELL_CHANGE,
        date=D(2019, 7, 1),
        cell=cell("cb-kh"),
    )
    content = (
        client_for("party_officer").get(reverse("party:member_history", args=[member.pk])).content.decode()
    )
    assert "<strong>Chi bộ</strong>:" in content
    assert MemberEvent.objects.filter(member=member).count() == 3
