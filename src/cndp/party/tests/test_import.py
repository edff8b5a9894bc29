"""Excel import of a member list (nhập danh sách đảng viên): every row and cell checked, errors naming the
row and the column, nothing written unless all rows are valid, NFC, no duplicates, a dry run."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from cndp.party.importing import read_member_rows, template_workbook
from cndp.party.models import Member, MemberEvent
from cndp.party.services import member_import

from .factories import HEADER, cell, make_member, xlsx

pytestmark = pytest.mark.django_db

D = datetime.date

ROWS = [
    [
        "Nguyễn Thị Mai Anh",
        "Nữ",
        "12/03/1988",
        "Chi bộ Văn phòng Cục",
        "15/05/2012",
        "15/05/2013",
        "79.012345",
    ],
    ["Trần Quốc Bảo", "Nam", D(1990, 7, 1), "cb-kh", D(2019, 8, 19), None, ""],
    ["Lê Văn Cường", "nam", "01/01/1975", "phòng kế hoạch - tổng hợp", "3/2/2000", "03/02/2001", 79012346],
]


def run(rows, user, dry_run=False, **kw):
    return member_import(user=user, file=xlsx(rows, **kw), dry_run=dry_run)


def test_a_valid_file_creates_the_members_with_their_history(demo):
    before = Member.objects.count()
    report = run(ROWS, demo["party_officer"])
    assert report.ok and report.written, [str(i) for i in report.issues]
    assert Member.objects.count() == before + 3
    mai = Member.objects.get(card_number="79.012345")
    assert (mai.full_name, mai.gender, mai.birth_date, mai.cell.code) == (
        "Nguyễn Thị Mai Anh",
        "female",
        D(1988, 3, 12),
        "cb-vp",
    )
    assert [(e.kind, e.date) for e in mai.events.all()] == [
        ("admitted", D(2012, 5, 15)),
        ("official", D(2013, 5, 15)),
    ]
    bao = Member.objects.get(full_name="Trần Quốc Bảo")
    assert bao.status_at(D(2020, 1, 1)) == "probationary" and bao.cell.code == "cb-kh"
    cuong = Member.objects.get(card_number="79012346")  # a number cell read as text
    assert cuong.cell.code == "cb-kh" and cuong.admitted_on == D(2000, 2, 3)
    assert mai.history.first().history_user == demo["party_officer"]


def test_one_bad_cell_writes_nothing_and_names_row_and_column(demo):
    rows = [*ROWS, ["Phạm Thị Dung", "Nữ", "05/05/1985", "cb-vp", "31/02/2010", "", ""]]
    before = (Member.objects.count(), MemberEvent.objects.count())
    report = run(rows, demo["party_officer"])
    assert not report.ok and not report.written
    assert [str(i) for i in report.issues] == [
        "Dòng 5, cột «Ngày vào Đảng»: «31/02/2010» không phải ngày hợp lệ (dd/mm/yyyy)."
    ]
    assert (Member.objects.count(), MemberEvent.objects.count()) == before


def test_every_row_and_every_cell_is_checked(demo):
    rows = [
        ["", "Nam", "01/01/1980", "cb-vp", "01/01/2010", "", ""],
        ["Hồ Văn Sai", "Không rõ", "hôm qua", "Chi bộ Không có", "01/01/2010", "01/06/2010", ""],
        ["Hồ Thị Trẻ", "Nữ", "01/01/2000", "cb-vp", "01/01/2015", "", ""],
        ["Hồ Văn Tương Lai", "Nam", "01/01/1980", "cb-vp", "01/01/2999", "", ""],
        ["Hồ Văn Sớm", "Nam", "01/01/1980", "cb-vp", "01/01/2010", "01/06/2010", ""],
    ]
    before = Member.objects.count()
    report = run(rows, demo["party_officer"])
    messages = [str(i) for i in report.issues]
    assert "Dòng 2, cột «Họ và tên»: không được để trống." in messages
    assert "Dòng 3, cột «Giới tính»: «Không rõ»: ghi «Nam» hoặc «Nữ»." in messages
    assert "Dòng 3, cột «Ngày sinh»: «hôm qua» không phải ngày hợp lệ (dd/mm/yyyy)." in messages
    assert any(m.startswith("Dòng 3, cột «Chi bộ»: không có chi bộ «Chi bộ Không có»") for m in messages)
    assert any(m.startswith("Dòng 4, cột «Ngày vào Đảng»: Người vào Đảng phải đủ 18 tuổi") for m in messages)
    assert any(
        m.startswith("Dòng 5, cột «Ngày vào Đảng»: Ngày không được sau ngày hôm nay") for m in messages
    )
    assert (
        "Dòng 6, cột «Ngày chính thức»: Chưa đủ 12 tháng dự bị: đảng viên kết nạp ngày 01/01/2010 "
        "chỉ được công nhận chính thức từ ngày 01/01/2011." in messages
    )
    assert Member.objects.count() == before


def test_nfd_input_is_stored_nfc(demo):
    nfd = unicodedata.normalize("NFD", "Đặng   Thị Thuỳ Dương")
    report = run(
        [
            [
                nfd,
                unicodedata.normalize("NFD", "Nữ"),
                "02/02/1982",
                unicodedata.normalize("NFD", "Chi bộ Văn phòng Cục"),
                "10/10/2010",
                "",
                "",
            ]
        ],
        demo["party_officer"],
    )
    assert report.written, [str(i) for i in report.issues]
    member = Member.objects.get(full_name="Đặng Thị Thuỳ Dương")
    assert unicodedata.is_normalized("NFC", member.full_name)
    assert member.gender == "female"


def test_a_second_identical_import_does_not_duplicate(demo):
    assert run(ROWS, demo["party_officer"]).written
    count = Member.objects.count()
    again = run(ROWS, demo["party_officer"])
    assert again.ok
    assert len(again.existing) == 3 and not again.to_create
    assert Member.objects.count() == count
    # matched by card number, else by full name and birth date
    assert {r.member.full_name for r in again.existing} == {
        "Nguyễn Thị Mai Anh",
        "Trần Quốc Bảo",
        "Lê Văn Cường",
    }


def test_dry_run_writes_nothing(demo):
    before = (Member.objects.count(), MemberEvent.objects.count())
    report = run(ROWS, demo["party_officer"], dry_run=True)
    assert report.ok and not report.written
    assert len(report.to_create) == 3
    assert (Member.objects.count(), MemberEvent.objects.count()) == before


def test_duplicates_inside_the_file_and_card_numbers_of_someone_else(demo):
    make_member(full_name="Vương Văn Có", card_number="555")
    rows = [
        ROWS[0],
        [*ROWS[0][:6], "79.012345"],
        ["Vương Văn Khác", "Nam", "01/01/1980", "cb-vp", "01/01/2010", "", "555"],
    ]
    messages = [str(i) for i in run(rows, demo["party_officer"]).issues]
    assert messages == [
        "Dòng 3, cột «Số thẻ đảng viên»: trùng số thẻ với dòng 2.",
        "Dòng 4, cột «Số thẻ đảng viên»: số thẻ này đã cấp cho đảng viên «Vương Văn Có».",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not an excel file", "Không đọc được tệp"),
        (None, "Tệp thiếu cột «Giới tính», «Ngày vào Đảng»"),
        ("empty", "Tệp không có dòng dữ liệu nào."),
    ],
)
def test_file_level_problems(content, words, demo):
    import io

    if content is None:
        file = xlsx([["A", "B"]], header=["Họ và tên", "Ngày sinh", "Chi bộ"])
    elif content == "empty":
        file = xlsx([])
    else:
        file = io.BytesIO(content)
    report = member_import(user=demo["party_officer"], file=file, dry_run=True)
    assert words in str(report.issues[0])


def test_a_title_above_the_header_is_allowed(demo):
    report = run(ROWS[:1], demo["party_officer"], dry_run=True, title_rows=[["DANH SÁCH ĐẢNG VIÊN"], []])
    assert report.ok and report.rows[0].line == 4


@pytest.mark.parametrize("role", ["agency_officer", "province_officer", "counting_board", "leader"])
def test_import_needs_add_member(role, demo):
    with pytest.raises(PermissionDenied):
        run(ROWS, demo[role], dry_run=True)


def test_the_template_reads_back(demo):
    wb = template_workbook([cell("cb-vp")])
    header = [c.value for c in wb.active[1]]
    assert header == HEADER
    assert "cb-vp" in [row[0].value for row in wb.worksheets[1].iter_rows()]
    ws = wb.active
    ws.append(ROWS[0])
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    report = read_member_rows(buffer)
    assert report.ok and report.rows[0].values["full_name"] == "Nguyễn Thị Mai Anh"
    assert load_workbook(buffer).sheetnames == ["Đảng viên", "Hướng dẫn"]
