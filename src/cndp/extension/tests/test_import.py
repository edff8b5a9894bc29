"""Excel import of a historical list of extension projects (nhập danh sách đề án đã thực hiện): every row
and cell checked with errors naming the row and the column, old 63-unit provinces kept at their plan date
and rolled up to the 34, caps exceeded as warnings only, nothing written unless every row is valid, one
transition per imported project, agency only; the page with its dry run and the template file."""

import datetime
import io
import itertools
import random
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cndp.core.text import fold, format_number
from cndp.extension.imports.reader import COLUMNS, parse_amount, read_project_rows, template_workbook
from cndp.extension.imports.services import registration_opens
from cndp.extension.models import Project, ProjectTransition
from cndp.extension.projects import lifecycle
from cndp.extension.services import project_import

from .factories import make_project, province

pytestmark = pytest.mark.django_db

D = datetime.date
M = 1_000_000
HEADER = [title for _key, title, _required in COLUMNS]
_serial = itertools.count(1)


def row(**overrides) -> dict:
    """A valid row: a 2024 machinery project of the old province of Long An, settled."""
    data = {
        "code": f"LS2024-80-{next(_serial):03d}",
        "plan_year": 2024,
        "name": "Hỗ trợ ứng dụng máy sấy nông sản tại Hợp tác xã Tân Lập",
        "programme": "ctkcqg-2021-2025",
        "province": "Tỉnh Long An",
        "implementing_unit": "ttkc-80",
        "commune": "Tân Lập",
        "craft_village": "",
        "activity_type": "machinery",
        "trade": "agro_processing",
        "start_date": "01/03/2024",
        "end_date": D(2024, 11, 30),
        "extension_funds": "250.000.000",
        "counterpart_funds": 350 * M,
        "approved_funds": None,
        "status": "",
        "planned_machines": 2,
        "planned_jobs": "12",
    }
    data.update(overrides)
    return data


def xlsx(rows, header=HEADER, title_rows=(), name="de-an-2024.xlsx") -> io.BytesIO:
    """An .xlsx file in memory: optional title rows, the header, then the rows (dicts by column key, or
    lists in the header's order)."""
    keys = [key for key, _title, _required in COLUMNS]
    wb = Workbook()
    ws = wb.active
    for title_row in title_rows:
        ws.append(list(title_row))
    if header is not None:
        ws.append(list(header))
    for values in rows:
        ws.append([values.get(k) for k in keys] if isinstance(values, dict) else list(values))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def run(rows, user, dry_run=False, **kw):
    return project_import(user=user, file=xlsx(rows, **kw), dry_run=dry_run)


def messages(report, kind="errors"):
    return [str(issue) for issue in getattr(report, kind)]


# ---- writing -------------------------------------------------------------------------------------------


def test_a_valid_file_writes_the_projects_with_their_transition_and_history(demo):
    user = demo["agency_officer"]
    rows = [
        row(code="LS2024-80-A"),
        row(
            code="LS2023-79-B",
            plan_year=2023,
            province="79",
            implementing_unit="Trung tâm Khuyến công Hồ Chí Minh",
            activity_type="Xây dựng mô hình trình diễn kỹ thuật",
            trade="",
            start_date=D(2023, 4, 1),
            end_date="15/12/2023",
            extension_funds=800 * M,
            counterpart_funds="3.000.000.000 đồng",
            approved_funds="750.000.000",
            status="đang thực hiện",
            planned_models=1,
        ),
        row(
            code="LS2026-48-C",
            plan_year=2026,
            programme="",
            province="Thành phố Đà Nẵng",
            implementing_unit="ttkc-48",
            start_date="01/02/2026",
            end_date="30/10/2026",
            status="Đăng ký",
            registered_on="10/03/2025",
        ),
    ]
    before = (Project.objects.count(), ProjectTransition.objects.count())
    report = run(rows, user)
    assert report.ok and report.written, messages(report)
    assert (report.rows_read, report.valid, report.created) == (3, 3, 3)
    assert (Project.objects.count(), ProjectTransition.objects.count()) == (before[0] + 3, before[1] + 2)

    settled = Project.objects.get(code="LS2024-80-A")
    assert (settled.province.version, settled.province.code, settled.province_current) == (
        "63",
        "80",
        province("80"),
    )
    assert settled.status == lifecycle.SETTLED and settled.approved_funds == 250 * M
    assert (settled.total_funds, settled.planned_machines, settled.planned_jobs) == (600 * M, 2, 12)
    assert settled.registered_on == registration_opens(2024) == D(2022, 6, 20)
    assert settled.trade.code == "agro_processing" and settled.programme.code == "ctkcqg-2021-2025"
    [transition] = settled.transitions.all()
    assert (transition.source, transition.target, transition.actor) == (
        lifecycle.REGISTERED,
        lifecycle.SETTLED,
        user,
    )
    assert transition.comment == "Nhập từ danh sách đề án đã thực hiện (tệp de-an-2024.xlsx)."
    assert settled.history.count() == 1 and settled.history.first().history_user == user
    assert transition.history.first().history_user == user

    running = Project.objects.get(code="LS2023-79-B")
    assert (running.status, running.approved_funds, running.counterpart_funds) == (
        lifecycle.IN_PROGRESS,
        750 * M,
        3_000 * M,
    )
    assert running.activity_type.code == "demo_model" and running.trade is None
    assert running.province.version == "63" and running.province_current == province("79")

    registered = Project.objects.get(code="LS2026-48-C")
    assert registered.status == lifecycle.REGISTERED and not registered.transitions.exists()
    assert registered.programme.code == "ctkcqg-2026-2030"  # the national programme of the year
    assert (registered.province, registered.registered_on, registered.approved_funds) == (
        province("48"),
        D(2025, 3, 10),
        None,
    )


@pytest.mark.parametrize(
    ("year", "text", "stored", "current", "warned"),
    [
        (2024, "80", ("63", "80"), "80", False),  # old Long An by its code
        (2024, "Tỉnh Long An", ("63", "80"), "80", False),
        (2024, "tinh long an", ("63", "80"), "80", False),  # no accents, lower case
        (2024, 80, ("63", "80"), "80", False),  # a number cell
        (2024, "Tây Ninh", ("63", "72"), "80", False),  # the old Tây Ninh in 2024
        (2026, "Tây Ninh", ("34", "80"), "80", False),  # the new one in 2026
        (2026, "Long An", ("34", "80"), "80", True),  # merged: kept as its successor
        (2026, "72", ("34", "80"), "80", True),
        (2025, "Tỉnh Thừa Thiên Huế", ("63", "46"), "46", False),
        (2025, "Thành phố Huế", ("63", "46"), "46", False),  # the name of 1/1/2025
        (2024, "TP. Hồ Chí Minh", ("63", "79"), "79", False),
        (2024, "Hà Giang", ("63", "02"), "08", False),  # now part of Tuyên Quang
        (2024, 2, ("63", "02"), "08", False),
    ],
)
def test_provinces_are_stored_as_in_force_at_the_plan_date(year, text, stored, current, warned, demo):
    programme = "ctkcqg-2026-2030" if year >= 2026 else "ctkcqg-2021-2025"
    unit = "ttkc-80" if current == "80" else f"ttkc-{current}"
    data = row(
        plan_year=year,
        programme=programme,
        province=text,
        implementing_unit=unit,
        start_date=D(year, 3, 1),
        end_date=D(year, 11, 30),
    )
    report = run([data], demo["agency_officer"], dry_run=True)
    assert report.ok, messages(report)
    project = report.rows[0].project
    assert (project.province.version, project.province.code) == stored
    assert project.province_current == province(current)
    assert bool(report.warnings) == warned
    if warned:
        assert "không còn hiệu lực ngày 01/01/2026: ghi theo đơn vị kế thừa «Tỉnh Tây Ninh»" in str(
            report.warnings[0]
        )


def test_a_2024_project_of_old_long_an_is_counted_under_tay_ninh(demo):
    report = run([row(code="LS-LONGAN-2024")], demo["admin"])
    assert report.written, messages(report)
    project = Project.objects.get(code="LS-LONGAN-2024")
    assert str(project.province) == "Tỉnh Long An" and project.province.version == "63"
    assert str(project.province_current) == "Tỉnh Tây Ninh" and project.province_current.version == "34"
    assert (
        Project.objects.restrict(demo["admin"])
        .filter(province_current__code="80", code=project.code)
        .exists()
    )


# ---- every bad cell named by row and column ------------------------------------------------------------

BAD_CELLS = [
    ({"code": ""}, "Dòng 2, cột «Mã đề án»: không được để trống."),
    ({"code": "X" * 41}, "Dòng 2, cột «Mã đề án»: tối đa 40 ký tự."),
    (
        {"plan_year": "năm ngoái"},
        "Dòng 2, cột «Năm kế hoạch»: «năm ngoái» không phải năm hợp lệ (ví dụ 2024).",
    ),
    ({"plan_year": None}, "Dòng 2, cột «Năm kế hoạch»: không được để trống."),
    ({"name": "  "}, "Dòng 2, cột «Tên đề án»: không được để trống."),
    (
        {"programme": "ct-khong-co"},
        "Dòng 2, cột «Mã chương trình»: không có chương trình «ct-khong-co» (xem mã trong tệp mẫu).",
    ),
    (
        {"programme": "ctkcqg-2026-2030"},
        "Dòng 2, cột «Mã chương trình»: Năm kế hoạch 2024 nằm ngoài giai đoạn của "
        "«Chương trình khuyến công quốc gia giai đoạn 2026–2030 (2026–2030)».",
    ),
    (
        {"province": "Sao Hỏa"},
        "Dòng 2, cột «Tỉnh/thành phố»: không có tỉnh, thành phố «Sao Hỏa»: ghi mã hoặc tên theo danh mục "
        "63 hoặc 34 tỉnh, thành phố.",
    ),
    (
        {"implementing_unit": "Trung tâm Không Tồn Tại"},
        "Dòng 2, cột «Đơn vị thực hiện»: không có đơn vị «Trung tâm Không Tồn Tại» (ghi mã hoặc tên đơn vị "
        "như trong tệp mẫu).",
    ),
    (
        {"implementing_unit": "cb-vp"},
        "Dòng 2, cột «Đơn vị thực hiện»: không có đơn vị «cb-vp» (ghi mã hoặc tên đơn vị như trong tệp mẫu).",
    ),
    (
        {"implementing_unit": "arid-kh"},
        "Dòng 2, cột «Đơn vị thực hiện»: «Phòng Kế hoạch - Tổng hợp» không phải đơn vị thực hiện đề án (Sở "
        "Công Thương, Trung tâm Khuyến công).",
    ),
    (
        {"activity_type": "bay lượn"},
        "Dòng 2, cột «Nội dung hoạt động»: không có nội dung hoạt động «bay lượn» (xem mã trong tệp mẫu).",
    ),
    (
        {"activity_type": "digital"},
        "Dòng 2, cột «Nội dung hoạt động»: Nội dung «Chuyển đổi số trong hoạt động khuyến công» không có "
        "hiệu lực trong năm kế hoạch 2024",
    ),
    ({"trade": "du hành"}, "Dòng 2, cột «Ngành nghề»: không có ngành nghề «du hành» (xem mã trong tệp mẫu)."),
    (
        {"start_date": "31/02/2024"},
        "Dòng 2, cột «Bắt đầu»: «31/02/2024» không phải ngày hợp lệ (dd/mm/yyyy).",
    ),
    ({"end_date": ""}, "Dòng 2, cột «Kết thúc»: không được để trống."),
    (
        {"end_date": "28/02/2024"},
        "Dòng 2, cột «Kết thúc»: ngày kết thúc phải từ ngày bắt đầu trở đi.",
    ),
    (
        {"start_date": D(2023, 12, 1)},
        "Dòng 2, cột «Bắt đầu»: đề án của kế hoạch năm 2024 phải bắt đầu trong năm 2024.",
    ),
    (
        {"extension_funds": "hai trăm triệu"},
        "Dòng 2, cột «Kinh phí khuyến công»: «hai trăm triệu» không phải số tiền hợp lệ: ghi số đồng, ví dụ "
        "1.250.000.000.",
    ),
    ({"extension_funds": None}, "Dòng 2, cột «Kinh phí khuyến công»: không được để trống."),
    ({"counterpart_funds": -5}, "Dòng 2, cột «Kinh phí đối ứng»: không được là số âm."),
    (
        {"extension_funds": "1,5"},
        "Dòng 2, cột «Kinh phí khuyến công»: «1,5» không phải số tiền hợp lệ: ghi số đồng, ví dụ 1.250.000.000.",
    ),
    (
        {"approved_funds": "260.000.000"},
        "Dòng 2, cột «Kinh phí được duyệt»: kinh phí được duyệt không được lớn hơn kinh phí khuyến công đề nghị.",
    ),
    (
        {"approved_funds": 200 * M, "status": "Đăng ký"},
        "Dòng 2, cột «Kinh phí được duyệt»: chỉ ghi cho đề án đã được lựa chọn (từ trạng thái «Được lựa "
        "chọn»), đề án này «Đăng ký».",
    ),
    (
        {"status": "Xong rồi"},
        "Dòng 2, cột «Trạng thái»: «Xong rồi» không phải trạng thái đề án (ví dụ «Đã quyết toán»; xem tệp mẫu).",
    ),
    ({"planned_jobs": "mười"}, "Dòng 2, cột «Số việc làm»: «mười»: ghi một số nguyên không âm."),
    ({"planned_trainees": 2.5}, "Dòng 2, cột «Số học viên»: «2.5»: ghi một số nguyên không âm."),
    ({"registered_on": "01/01/2999"}, "Dòng 2, cột «Ngày đăng ký»: không được sau ngày hôm nay."),
    ({"name": "Đ" * 301}, "Dòng 2, cột «Tên đề án»: "),
]


@pytest.mark.parametrize(("overrides", "expected"), BAD_CELLS, ids=[e[:40] for _o, e in BAD_CELLS])
def test_each_bad_cell_is_named_by_row_and_column(overrides, expected, demo):
    report = run([row(**overrides)], demo["agency_officer"], dry_run=True)
    found = messages(report)
    assert not report.ok and report.valid == 0
    assert any(message.startswith(expected) for message in found), found
    assert report.rows[0].project is None


def test_every_row_and_cell_is_reported_at_once_and_nothing_is_written(demo):
    rows = [
        row(code="LS-OK-1"),
        row(code="LS-BAD-1", province="Sao Hỏa", extension_funds="nhiều"),
        row(code="LS-OK-2"),
        row(code="LS-BAD-2", status="Không biết", end_date="01/01/2024"),
    ]
    before = (Project.objects.count(), ProjectTransition.objects.count())
    report = run(rows, demo["agency_officer"])
    assert not report.written and report.created == 0
    assert (report.rows_read, report.valid) == (4, 2)
    assert [(i.line, i.column) for i in report.errors] == [
        (3, "Tỉnh/thành phố"),
        (3, "Kinh phí khuyến công"),
        (5, "Kết thúc"),
        (5, "Trạng thái"),
    ]
    assert (Project.objects.count(), ProjectTransition.objects.count()) == before
    assert not Project.objects.filter(code__startswith="LS-OK-").exists()


def test_duplicate_codes_in_the_file_and_in_the_database(demo):
    existing = make_project()
    rows = [
        row(code="LS-DUP"),
        row(code="ls-dup"),
        row(code=existing.code.lower()),
    ]
    report = run(rows, demo["agency_officer"], dry_run=True)
    assert messages(report) == [
        "Dòng 3, cột «Mã đề án»: trùng mã đề án với dòng 2.",
        "Dòng 4, cột «Mã đề án»: đã có đề án mã này trong hệ thống.",
    ]


def test_importing_the_same_file_twice_is_refused(demo):
    rows = [row(code="LS-TWICE")]
    assert run(rows, demo["agency_officer"]).written
    again = run(rows, demo["agency_officer"])
    assert messages(again) == ["Dòng 2, cột «Mã đề án»: đã có đề án mã này trong hệ thống."]
    assert Project.objects.filter(code="LS-TWICE").count() == 1


def test_a_cap_exceeded_is_a_warning_and_the_project_is_imported(demo):
    report = run(
        [row(code="LS-CAP", extension_funds=320 * M, counterpart_funds=500 * M)], demo["agency_officer"]
    )
    assert report.written, messages(report)
    [warning] = messages(report, "warnings")
    assert warning.startswith("Dòng 2, cột «Kinh phí khuyến công»: Vượt mức hỗ trợ tối đa")
    assert "tối đa 300.000.000 đồng/cơ sở" in warning
    assert Project.objects.get(code="LS-CAP").extension_funds == 320 * M


def test_a_late_registration_date_is_a_warning(demo):
    report = run([row(registered_on="01/07/2023")], demo["agency_officer"], dry_run=True)
    assert report.ok
    assert messages(report, "warnings")[0].startswith(
        "Dòng 2, cột «Ngày đăng ký»: Đã hết hạn đăng ký kế hoạch khuyến công quốc gia năm 2024"
    )


def test_dry_run_writes_nothing(demo):
    before = (Project.objects.count(), ProjectTransition.objects.count())
    report = run([row(), row(), row()], demo["agency_officer"], dry_run=True)
    assert report.ok and not report.written
    assert (report.rows_read, report.valid, report.created) == (3, 3, 0)
    assert (Project.objects.count(), ProjectTransition.objects.count()) == before


def test_text_is_stored_nfc(demo):
    nfd = unicodedata.normalize("NFD", "Hỗ trợ   máy sấy cho làng nghề Đông Sơn")
    report = run(
        [row(code="LS-NFD", name=nfd, commune=unicodedata.normalize("NFD", "Đông Sơn"))],
        demo["agency_officer"],
    )
    assert report.written, messages(report)
    project = Project.objects.get(code="LS-NFD")
    assert project.name == "Hỗ trợ máy sấy cho làng nghề Đông Sơn"
    assert unicodedata.is_normalized("NFC", project.commune)


# ---- the file ------------------------------------------------------------------------------------------


def test_headers_are_matched_without_accents_in_any_order_below_a_title(demo):
    keys = [key for key, _title, _required in COLUMNS]
    header = [fold(title).upper() for title in HEADER]
    header[keys.index("extension_funds")] = "Kinh phi khuyen cong (dong)"
    header[keys.index("province")] = "TỈNH, THÀNH PHỐ"
    order = list(reversed(range(len(keys))))
    data = row(code="LS-HEADERS")
    file_rows = [[[data.get(k) for k in keys][i] for i in order]]
    report = project_import(
        user=demo["agency_officer"],
        file=xlsx(file_rows, header=[header[i] for i in order], title_rows=[["DANH SÁCH ĐỀ ÁN 2024"], []]),
        dry_run=False,
    )
    assert report.written, messages(report)
    assert report.rows[0].line == 4
    assert Project.objects.get(code="LS-HEADERS").extension_funds == 250 * M


@pytest.mark.parametrize(
    ("file", "words"),
    [
        (io.BytesIO(b"not an excel file"), "Không đọc được tệp"),
        (xlsx([["A"]], header=["Mã đề án", "Tên đề án"]), "Tệp thiếu cột «Năm kế hoạch», «Tỉnh/thành phố»"),
        (xlsx([]), "Tệp không có dòng dữ liệu nào."),
    ],
)
def test_file_level_problems(file, words, demo):
    report = project_import(user=demo["agency_officer"], file=file, dry_run=True)
    assert not report.ok and words in str(report.errors[0])


def test_bytes_are_accepted_with_a_file_name(demo):
    data = xlsx([row(code="LS-BYTES")]).getvalue()
    report = project_import(
        user=demo["agency_officer"], file=data, dry_run=False, filename="C:\\tai lieu\\cu.xlsx"
    )
    assert report.written, messages(report)
    transition = Project.objects.get(code="LS-BYTES").transitions.get()
    assert transition.comment == "Nhập từ danh sách đề án đã thực hiện (tệp cu.xlsx)."


def test_the_template_with_its_example_row_reads_back(client_for):
    response = client_for("agency_officer").get(reverse("extension:project_import_template"))
    assert "mau-nhap-de-an-khuyen-cong" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Đề án", "Hướng dẫn"]
    assert [c.value for c in wb.active[1]] == HEADER
    codes = {r[0] for r in wb["Hướng dẫn"].iter_rows(values_only=True)}
    assert {"ctkcqg-2021-2025", "machinery", "agro_processing", "settled", "ttkc-80"} <= codes
    report = read_project_rows(io.BytesIO(response.content))
    assert report.ok and report.rows[0].values["code"] == "VD2024-80-001"
    from cndp.accounts.models import User

    checked = project_import(
        user=User.objects.get(username="chuyenvien"), file=io.BytesIO(response.content), dry_run=True
    )
    assert checked.ok and checked.rows[0].project.province_current.code == "80", messages(checked)


def test_template_workbook_without_data():
    wb = template_workbook()
    assert [c.value for c in wb.active[1]] == HEADER
    assert all(c.value is None for c in wb.active[2])  # no example row
    buffer = io.BytesIO()
    wb.save(buffer)
    assert messages(read_project_rows(buffer)) == ["Tệp không có dòng dữ liệu nào."]


# ---- permission ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["province_officer", "party_officer", "leader", "counting_board"])
def test_only_the_agency_imports(role, demo):
    before = Project.objects.count()
    with pytest.raises(PermissionDenied):
        run([row()], demo[role])
    assert Project.objects.count() == before


@pytest.mark.parametrize("role", ["agency_officer", "admin"])
def test_the_agency_and_the_administrator_import(role, demo):
    assert run([row()], demo[role], dry_run=True).ok


# ---- properties ----------------------------------------------------------------------------------------


def _formats(amount: int):
    grouped = format_number(amount)
    return st.sampled_from(
        [
            amount,
            float(amount),
            str(amount),
            grouped,
            f"{grouped} đồng",
            f"{grouped} đ",
            f"{grouped} VND",
            f" {grouped}\u00a0",
            grouped.replace(".", " "),
            grouped.replace(".", "\u00a0"),
            f"{grouped},00",
            f"{amount:,}" if amount >= 1_000_000 else str(amount),
            unicodedata.normalize("NFD", f"{grouped} đồng"),
        ]
    )


@given(st.integers(0, 10**13).flatmap(lambda n: st.tuples(st.just(n), _formats(n))))
def test_amounts_written_any_usual_way_parse_back(case):
    amount, written = case
    assert parse_amount(written) == amount


@given(st.text(alphabet="0123456789.,-đ abc", max_size=20))
def test_amount_parsing_never_fails_otherwise(text):
    try:
        value = parse_amount(text)
    except ValueError:
        return
    assert value is None or isinstance(value, int)


_PARSE_ROWS = [
    row(code="P-1"),
    row(code="P-2", province="80", status="Đang thực hiện", approved_funds="200.000.000"),
    row(code="P-3", plan_year="2024", extension_funds=123_456_789, counterpart_funds="1.000.000.000 đồng"),
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_any_shuffle_of_rows_and_columns_reads_the_same_projects(rnd: random.Random):
    """Parsing only (no database): the columns and the rows in any order give the same values."""
    keys = [key for key, _title, _required in COLUMNS]
    order = list(range(len(keys)))
    rnd.shuffle(order)
    rows = list(_PARSE_ROWS)
    rnd.shuffle(rows)
    file_rows = [[[r.get(k) for k in keys][i] for i in order] for r in rows]
    report = read_project_rows(xlsx(file_rows, header=[HEADER[i] for i in order]))
    assert report.ok, messages(report)
    expected = read_project_rows(xlsx(_PARSE_ROWS))
    assert sorted((r.values for r in report.rows), key=lambda v: v["code"]) == [
        r.values for r in expected.rows
    ]


# ---- the page ------------------------------------------------------------------------------------------


def test_import_page_dry_run_shows_errors_then_imports_the_checked_file(client_for):
    client = client_for("agency_officer")
    url = reverse("extension:project_import")
    page = client.get(url).content.decode()
    assert "Tải tệp mẫu" in page and reverse("extension:project_import_template") in page

    bad = [row(code="LS-VIEW-1"), row(code="LS-VIEW-2", implementing_unit="Trung tâm Ma")]
    response = client.post(url, {"file": xlsx(bad), "action": "check"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "chưa ghi gì" in content
    assert "không có đơn vị «Trung tâm Ma» (ghi mã hoặc tên đơn vị như trong tệp mẫu)." in content
    assert 'id="import-errors"' in content and "<td>3</td><td>Đơn vị thực hiện</td>" in content
    assert not Project.objects.filter(code__startswith="LS-VIEW-").exists()

    good = [row(code="LS-VIEW-1"), row(code="LS-VIEW-2", province="Tây Ninh")]
    response = client.post(url, {"file": xlsx(good), "action": "check"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chạy thử: mọi dòng hợp lệ, sẽ nhập 2 đề án" in content
    assert "Tỉnh Long An → Tỉnh Tây Ninh" in content
    assert not Project.objects.filter(code__startswith="LS-VIEW-").exists()
    token = response.context["token"]
    assert token and 'name="token"' in content

    response = client.post(url, {"token": token, "action": "import"})
    assert response.status_code == 200
    assert "Đã nhập 2 đề án." in response.content.decode()
    assert set(Project.objects.filter(code__startswith="LS-VIEW-").values_list("code", flat=True)) == {
        "LS-VIEW-1",
        "LS-VIEW-2",
    }
    # the kept file is used once: a second click finds nothing to import
    again = client.post(url, {"token": token, "action": "import"})
    assert again.status_code == 400
    assert "Tệp đã kiểm tra không còn trong phiên làm việc" in again.content.decode()


def test_import_page_imports_an_upload_directly_and_refuses_a_foreign_token(client_for):
    client = client_for("admin")
    url = reverse("extension:project_import")
    response = client.post(url, {"file": xlsx([row(code="LS-DIRECT")]), "action": "import"})
    assert response.status_code == 200 and Project.objects.filter(code="LS-DIRECT").exists()
    response = client.post(url, {"token": "forged", "action": "import"})
    assert response.status_code == 400
    response = client.post(url, {"action": "check"})
    assert response.status_code == 400 and "Tệp Excel (.xlsx): Chưa chọn tệp." in response.content.decode()


@pytest.mark.parametrize("role", ["province_officer", "leader"])
def test_import_page_is_refused_outside_the_agency(role, client_for):
    client = client_for(role)
    assert client.get(reverse("extension:project_import")).status_code == 403
    assert client.get(reverse("extension:project_import_template")).status_code == 403
    response = client.post(reverse("extension:project_import"), {"file": xlsx([row()]), "action": "import"})
    assert response.status_code == 403


def test_menu_shows_the_import_to_the_agency_only(client_for):
    def names(role):
        menu = client_for(role).get(reverse("home")).context["menu"]
        return {item["url_name"] for group in menu for item in group["items"]}

    assert "extension:project_import" in names("agency_officer")
    assert "extension:project_import" in names("admin")
    assert "extension:project_import" not in names("province_officer")
