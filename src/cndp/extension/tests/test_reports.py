"""The extension report: its arithmetic (plain, table-driven and property-based), its figures on a small
hand-built plan year (2020, 63 units) against hand-computed numbers — per province, per region, with the
63 → 34 roll-up (old Long An counts in today's Tây Ninh) —, growth, phase targets, a province officer's
scope, constant query counts as the data grows, and the Excel and PDF exports."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from cndp.core.tests.pdf import pdf_text
from cndp.extension.models import LedgerEntry, Programme, ProgrammeTarget, ProgressReport, Project
from cndp.extension.projects import lifecycle
from cndp.extension.reports import rules as reports
from cndp.extension.reports import selectors as report_selectors
from cndp.extension.tests import factories as f

D = datetime.date
M = 1_000_000
YEAR = 2020  # before the demo's years, in the 63-unit era: the figures below are the whole year
TODAY = D(2026, 11, 26)
URL = "/extension/reports/"

# ---- the plain arithmetic ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (110, 100, Decimal(10)),
        (90, 100, Decimal(-10)),
        (100, 100, Decimal(0)),
        (5, 2, Decimal(150)),
        (0, 4, Decimal(-100)),
        (7, 0, None),  # no base: no growth
        (0, 0, None),
        (3, None, None),
    ],
)
def test_growth(current, previous, expected):
    assert reports.growth(current, previous) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 4, Decimal(25)), (3, 3, Decimal(100)), (0, 9, Decimal(0)), (5, 0, None), (150, 100, Decimal(150))],
)
def test_share_and_progress(part, whole, expected):
    assert reports.share(part, whole) == expected
    assert reports.progress(part, whole) == expected


@pytest.mark.parametrize(
    ("percent", "width"),
    [(None, 0), (Decimal("0"), 0), (Decimal("17.4"), 17), (Decimal("17.5"), 18), (Decimal("250"), 100)],
)
def test_bar_width(percent, width):
    assert reports.bar_width(percent) == width


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        (reports.HALF_YEAR, (D(2026, 1, 1), D(2026, 6, 30))),
        (reports.YEAR, (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_period_bounds(period, bounds):
    assert reports.period_bounds(2026, period) == bounds


def test_period_bounds_refuses_an_unknown_period_and_takes_another_cut_off():
    with pytest.raises(ValueError):
        reports.period_bounds(2026, "quarter")
    assert reports.period_bounds(2026, reports.HALF_YEAR, (6, 14))[1] == D(2026, 6, 14)
    assert reports.period_title(reports.HALF_YEAR, 2026) == "6 THÁNG ĐẦU NĂM 2026"
    assert reports.reference_day(D(2026, 12, 31), TODAY) == TODAY
    assert reports.reference_day(D(2026, 6, 30), TODAY) == D(2026, 6, 30)


def test_rates_are_recomputed_from_the_sums_not_summed():
    north = reports.Figures(approved_funds=100 * M, disbursed=90 * M, registered=4, approved=2)
    south = reports.Figures(approved_funds=300 * M, disbursed=60 * M, registered=1, approved=1)
    region = reports.total([north, south])
    assert north.disbursement_rate == 90 and south.disbursement_rate == 20
    assert region.disbursement_rate == Decimal(150 * 100) / 400  # 37,5 %, not 110 % nor 55 %
    assert region.approval_rate == 60
    assert reports.Figures().disbursement_rate is None


def test_yearly_series_growth_and_missing_years():
    values = {2021: {"registered": 10, "requested": 100}, 2022: {"registered": 12, "requested": 90}}
    points = reports.yearly_series(range(2021, 2024), values)
    assert [p.registered for p in points] == [10, 12, 0]
    assert points[0].registered_growth is None  # 2020 is not there: no base
    assert points[1].registered_growth == 20 and points[1].requested_growth == -10
    assert points[2].registered_growth == -100
    assert (
        reports.yearly_series([2024], {2023: {"registered": 0}, 2024: {"registered": 3}})[0].registered_growth
        is None
    )


counts = st.integers(min_value=0, max_value=10**6)
money = st.integers(min_value=0, max_value=10**13)
figure_rows = st.builds(
    reports.Figures,
    registered=counts,
    requested=money,
    selected=counts,
    approved=counts,
    approved_funds=money,
    counterpart=money,
    disbursed=money,
    trainees=counts,
    overdue_reports=counts,
)


@given(st.lists(figure_rows, max_size=12))
def test_totals_equal_the_sum_of_the_rows(rows):
    total = reports.total(rows)
    for name in reports.FIGURE_FIELDS:
        assert getattr(total, name) == sum(getattr(r, name) for r in rows)


@given(st.lists(figure_rows, max_size=6), st.lists(figure_rows, max_size=6))
def test_total_of_groups_is_the_total_of_all(first, second):
    assert reports.total([reports.total(first), reports.total(second)]) == reports.total(first + second)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=2, max_value=8))
def test_growth_of_a_constant_series_is_zero(value, years):
    series = reports.yearly_series(
        range(2020, 2020 + years), {y: {"registered": value} for y in range(2019, 2020 + years)}
    )
    assert all(p.registered_growth == 0 for p in series)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_growth_then_back(previous, current):
    g = reports.growth(current, previous)
    assert abs(previous + previous * g / 100 - current) < Decimal("1e-12")


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=10))
def test_shares_of_a_partition_add_up_to_100(parts):
    whole = sum(parts)
    shares = [reports.share(p, whole) for p in parts]
    if whole == 0:
        assert all(s is None for s in shares)
    else:
        assert abs(sum(shares) - 100) < Decimal("1e-20")


@pytest.mark.parametrize(
    ("growth", "words"),
    [
        (Decimal("2.94"), "tăng 2,9 %"),
        (Decimal("-9.13"), "giảm 9,1 %"),
        (Decimal("0.04"), "không đổi"),
        (None, "không có số liệu năm trước để so sánh"),
    ],
)
def test_growth_in_words(growth, words):
    from cndp.extension.reports.exports import change_words

    assert change_words(growth) == words


# ---- a hand-built plan year ---------------------------------------------------------------------------------


def _project(
    code, province, status, funds, *, approved=None, counterpart=0, year=YEAR, programme=None, **extra
):
    return Project.objects.create(
        code=f"T{year}-{code}",
        plan_year=year,
        name=f"Đề án thử nghiệm báo cáo {code}",
        programme=programme or Programme.objects.get(code="ctkcqg-2014-2020"),
        implementing_unit=f.centre("01"),
        province=province,
        activity_type=f.activity("machinery"),
        start_date=D(year, 3, 1),
        end_date=D(year, 11, 30),
        extension_funds=funds,
        counterpart_funds=counterpart,
        approved_funds=approved,
        status=status,
        **extra,
    )


def _ledger(project, kind, amount, on):
    return LedgerEntry.objects.create(
        project=project, kind=kind, amount=amount, on=on, recorded_by=f.agency()
    )


def _progress(project, sequence, due, status):
    """A report and its obligation on the reporting calendar (which holds its due date and state)."""
    from django.contrib.contenttypes.models import ContentType

    from cndp.extension.progress.rules import OBLIGATION_KIND
    from cndp.obligations.models import Obligation

    report = ProgressReport.objects.create(
        project=project, sequence=sequence, kind="periodic", obligation_due_on=due
    )
    Obligation.objects.create(
        kind=OBLIGATION_KIND,
        title=f"{project.code} — kỳ {sequence}",
        content_type=ContentType.objects.get_for_model(ProgressReport),
        object_id=report.pk,
        province=project.province_current,
        period_end=due,
        due_on=due,
        state=status,
    )
    return report


@pytest.fixture
def plan(demo):
    """Plan year 2020 in the 63-unit map, five projects in Hà Nội, Long An and (old) Tây Ninh, and two of
    2019 in Hà Nội; a test programme 2019–2020 with targets."""
    hanoi, long_an, tay_ninh = (f.province(c, "63") for c in ("01", "80", "72"))
    test_programme = Programme.objects.create(
        code="thu-nghiem-2019-2020",
        name="Chương trình thử nghiệm",
        scope="national",
        phase_start=2019,
        phase_end=2020,
        valid_from=D(2019, 1, 1),
        legal_basis="Thử nghiệm",
    )
    for indicator, target in (("machines", 10), ("technology_lines", 4), ("trainees", 100)):
        ProgrammeTarget.objects.create(programme=test_programme, indicator=indicator, target=target)
    p1 = _project(
        "HN1",
        hanoi,
        lifecycle.SETTLED,
        300 * M,
        approved=300 * M,
        counterpart=200 * M,
        programme=test_programme,
        technology_line=True,
        achieved_machines=3,
        achieved_trainees=20,
    )
    _ledger(p1, "advance", 150 * M, D(YEAR, 3, 1))
    _ledger(p1, "payment", 140 * M, D(YEAR, 9, 1))
    _ledger(p1, "settlement", 290 * M, D(YEAR, 10, 1))
    p2 = _project("HN2", hanoi, lifecycle.SELECTED, 200 * M, approved=200 * M, counterpart=100 * M)
    _project("HN3", hanoi, lifecycle.REJECTED, 100 * M)
    p4 = _project(
        "LA1",
        long_an,
        lifecycle.IN_PROGRESS,
        500 * M,
        approved=450 * M,
        counterpart=600 * M,
        programme=test_programme,
        technology_line=True,
        achieved_machines=2,
    )
    _ledger(p4, "advance", 225 * M, D(YEAR, 5, 10))
    _ledger(p4, "refund", 25 * M, D(YEAR, 8, 1))
    _ledger(p4, "payment", 100 * M, D(YEAR + 1, 1, 15))  # after the year: not in the annual report
    _progress(p4, 1, D(YEAR, 6, 20), "needs_revision")  # overdue in both reports
    _progress(p4, 2, D(YEAR, 7, 20), "pending")  # overdue in the annual report only
    _progress(p4, 3, D(YEAR, 6, 20), "submitted")  # sent: not overdue
    _project("TN1", tay_ninh, lifecycle.REGISTERED, 100 * M)
    q1 = _project(
        "HN1",
        hanoi,
        lifecycle.SETTLED,
        250 * M,
        approved=250 * M,
        year=YEAR - 1,
        programme=test_programme,
        technology_line=True,
        achieved_machines=4,
        achieved_trainees=30,
    )
    _project("HN2", hanoi, lifecycle.WITHDRAWN, 80 * M, year=YEAR - 1)
    return {"p1": p1, "p2": p2, "p4": p4, "q1": q1, "programme": test_programme}


def _by_label(table):
    return {row.label: row.figures for row in table.rows}


def test_figures_per_province_rolled_up_to_the_34(plan, demo):
    table = report_selectors.grouped(demo["agency_officer"], YEAR, today=TODAY)
    rows = _by_label(table)
    assert len(table.rows) == 34  # every province of today's map, with or without projects
    hanoi, tay_ninh = rows["Hà Nội"], rows["Tây Ninh"]  # Tây Ninh = old Tây Ninh + old Long An
    assert (hanoi.registered, hanoi.requested, hanoi.selected, hanoi.approved) == (3, 600 * M, 2, 1)
    assert (hanoi.approved_funds, hanoi.counterpart, hanoi.disbursed, hanoi.settled) == (
        300 * M,
        200 * M,
        290 * M,
        1,
    )
    assert hanoi.selected_funds == 500 * M and hanoi.overdue_reports == 0
    assert (tay_ninh.registered, tay_ninh.requested, tay_ninh.selected, tay_ninh.approved) == (
        2,
        600 * M,
        1,
        1,
    )
    assert (tay_ninh.approved_funds, tay_ninh.counterpart, tay_ninh.disbursed) == (450 * M, 600 * M, 200 * M)
    assert tay_ninh.overdue_reports == 2
    assert rows["Đà Nẵng"] == reports.Figures()
    assert table.total == reports.total(r.figures for r in table.rows)
    assert (table.total.registered, table.total.approved_funds, table.total.disbursed) == (
        5,
        750 * M,
        490 * M,
    )
    assert table.total.disbursement_rate == Decimal(490 * 100) / 750


def test_six_monthly_report_counts_the_ledger_to_30_june(plan, demo):
    rows = _by_label(
        report_selectors.grouped(demo["agency_officer"], YEAR, period=reports.HALF_YEAR, today=TODAY)
    )
    assert rows["Hà Nội"].disbursed == 150 * M  # the payment of 1/9 is not in yet
    assert rows["Tây Ninh"].disbursed == 225 * M  # the refund of 1/8 neither
    assert rows["Tây Ninh"].overdue_reports == 1  # the report due 20/7 was not due by 30/6
    assert rows["Hà Nội"].registered == 3  # statuses: as they stand


def test_a_suspended_project_owes_no_report(plan, demo):
    Project.objects.filter(pk=plan["p4"].pk).update(status=lifecycle.SUSPENDED)
    rows = _by_label(report_selectors.grouped(demo["agency_officer"], YEAR, today=TODAY))
    assert rows["Tây Ninh"].overdue_reports == 0 and rows["Tây Ninh"].approved == 1


def test_figures_per_province_as_they_were(plan, demo):
    table = report_selectors.grouped(demo["agency_officer"], YEAR, rollup=False, today=TODAY)
    rows = _by_label(table)
    assert table.version == "63" and len(table.rows) == 63
    assert rows["Long An"].registered == 1 and rows["Long An"].disbursed == 200 * M
    assert rows["Tây Ninh"].registered == 1 and rows["Tây Ninh"].requested == 100 * M
    assert rows["Hà Nội"].approved_funds == 300 * M


def test_figures_per_region_sum_the_member_provinces(plan, demo):
    user = demo["agency_officer"]
    as_was = report_selectors.grouped(user, YEAR, by="region", rollup=False, region_grouping="socio_economic")
    rows = _by_label(as_was)
    assert [r.label for r in as_was.rows][:2] == ["Đồng bằng sông Hồng", "Trung du và miền núi phía Bắc"]
    assert rows["Đồng bằng sông Hồng"].registered == 3
    assert rows["Đồng bằng sông Cửu Long"].registered == 1  # Long An
    assert rows["Đông Nam Bộ"].registered == 1  # old Tây Ninh
    assert rows["Đông Nam Bộ"].disbursement_rate is None
    assert not any(r.partial for r in as_was.rows)
    assert as_was.total.registered == 5 and "region_total" in as_was.notes

    # Rolled up: today's Tây Ninh lies partly in the South-East and partly in the Mekong Delta, and is
    # counted in full in both (marked partial); the table's total is still all projects, counted once.
    rolled = report_selectors.grouped(user, YEAR, by="region", rollup=True, region_grouping="socio_economic")
    rows = {r.label: r for r in rolled.rows}
    for name in ("Đông Nam Bộ", "Đồng bằng sông Cửu Long"):
        assert rows[name].figures.registered == 2 and rows[name].partial
        assert rows[name].figures.disbursed == 200 * M
        assert rows[name].figures.disbursement_rate == Decimal(200 * 100) / 450
    assert rows["Đồng bằng sông Hồng"].figures.registered == 3 and not rows["Đồng bằng sông Hồng"].partial
    assert rolled.total.registered == 5 and "region_partial" in rolled.notes


def test_figures_per_activity_and_programme(plan, demo):
    user = demo["agency_officer"]
    by_activity = report_selectors.grouped(user, YEAR, by="activity")
    machinery = next(r for r in by_activity.rows if r.code == "machinery")
    assert machinery.figures.registered == 5 and machinery.figures == by_activity.total
    by_programme = _by_label(report_selectors.grouped(user, YEAR, by="programme"))
    assert by_programme["Chương trình thử nghiệm"].registered == 2
    assert by_programme["Chương trình khuyến công quốc gia đến năm 2020"].registered == 3


def test_registrations_by_year_with_growth(plan, demo):
    points = report_selectors.yearly(demo["agency_officer"], YEAR, span=4)
    assert [(p.year, p.registered) for p in points] == [(2019, 2), (2020, 5)]  # empty years before: left out
    assert points[0].registered_growth is None
    assert points[1].registered_growth == 150
    assert points[1].requested_growth == Decimal((1200 - 330) * 100) / 330
    assert points[1].approved == 2 and points[0].approved == 1


def test_phase_targets_against_achievements(plan, demo):
    got = {t.indicator: t for t in report_selectors.targets(demo["agency_officer"], YEAR)}
    assert set(got) == {"machines", "technology_lines", "trainees"}
    assert (got["machines"].achieved, got["machines"].achieved_in_year, got["machines"].percent) == (9, 5, 90)
    # lines: only finished projects (p1 settled in 2020, q1 in 2019); p4 is still running
    assert (got["technology_lines"].achieved, got["technology_lines"].achieved_in_year) == (2, 1)
    assert got["technology_lines"].percent == 50 and got["technology_lines"].bar == 50
    assert (got["trainees"].achieved, got["trainees"].remaining) == (50, 50)
    assert got["machines"].programme == "Chương trình thử nghiệm" and got["machines"].phase == "2019–2020"


def test_a_province_officer_counts_only_their_province(plan, demo):
    officer = demo["province_officer"]  # Hà Nội
    table = report_selectors.grouped(officer, YEAR, today=TODAY)
    assert [r.label for r in table.rows] == ["Hà Nội"]
    assert table.total.registered == 3 and table.total.disbursed == 290 * M
    as_was = report_selectors.grouped(officer, YEAR, rollup=False)
    assert [r.label for r in as_was.rows] == ["Hà Nội"]
    regions = report_selectors.grouped(officer, YEAR, by="region", region_grouping="socio_economic")
    assert regions.total.registered == 3
    assert {r.label: r.figures.registered for r in regions.rows}["Đông Nam Bộ"] == 0
    assert [p.registered for p in report_selectors.yearly(officer, YEAR, span=2)] == [2, 3]
    machines = next(t for t in report_selectors.targets(officer, YEAR) if t.indicator == "machines")
    assert machines.achieved == 7  # Hà Nội's p1 and q1 only
    full = report_selectors.report(officer, YEAR, today=TODAY)
    assert full.province_name == "Thành phố Hà Nội" and full.fund is None
    other = report_selectors.grouped(demo["province_officer_2"], YEAR)  # Đà Nẵng
    assert other.total.registered == 0 and [r.label for r in other.rows] == ["Đà Nẵng"]


def _more_projects(n, year=YEAR):
    provinces = [f.province(c, "63") for c in ("01", "48", "80", "72", "79")]
    for i in range(n):
        p = _project(
            f"X{i:03d}", provinces[i % 5], lifecycle.IN_PROGRESS, 100 * M, approved=90 * M, year=year
        )
        _ledger(p, "advance", 45 * M, D(year, 4, 1))
        _progress(p, 1, D(year, 6, 20), "pending")


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("by", report_selectors.GROUPINGS)
def test_query_count_is_constant_as_the_data_grows(plan, demo, by, django_assert_num_queries):
    user = demo["agency_officer"]

    def run():
        return report_selectors.report(user, YEAR, by=by, rollup=by != "region", today=TODAY)

    run()  # the user's permissions are cached by the first call
    before = _queries(run)
    _more_projects(30)
    with django_assert_num_queries(before):
        result = run()
    assert result.total.registered == 35
    assert before <= 14


def test_the_page_for_the_agency(plan, client_for, django_assert_max_num_queries):
    client = client_for("agency_officer")
    with django_assert_max_num_queries(25):
        response = client.get(URL, {"year": YEAR, "period": "year", "by": "province", "units": "34"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo, thống kê khuyến công" in html
    assert 'id="row-01"' in html and 'id="row-80"' in html
    assert "province-chart-data" in html and "echarts-5.6.0.min.js" in html
    assert response.context["report"].table.total.registered == 5
    hanoi = next(r for r in response.context["main"]["rows"] if r["label"] == "Hà Nội")
    assert (
        hanoi["cells"][:2] == ["3", "600,0"] and hanoi["cells"][4] == "300,0" and hanoi["cells"][6] == "290,0"
    )
    assert "scope-note" not in html
    _more_projects(20)
    with django_assert_max_num_queries(25):
        response = client.get(URL, {"year": YEAR, "by": "region", "regions": "macro"})
    assert response.status_code == 200
    assert response.context["report"].table.total.registered == 25  # the 20 new projects counted
    assert "Miền Bắc" in response.content.decode()


def test_the_page_for_a_province_officer_says_so(plan, client_for):
    response = client_for("province_officer").get(URL, {"year": YEAR})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số liệu chỉ gồm các đề án trên địa bàn Thành phố Hà Nội" in html
    assert 'id="row-01"' in html and 'id="row-80"' not in html
    assert [r["label"] for r in response.context["main"]["rows"]] == ["Hà Nội"]


def test_the_page_needs_the_project_permission(client, client_for, demo):
    assert client.get(URL).status_code == 302  # to the login page
    assert client_for("counting_board").get(URL).status_code == 403


def test_a_wrong_filter_falls_back_to_the_defaults(plan, client_for):
    response = client_for("agency_officer").get(URL, {"year": "1890", "by": "nothing", "period": "x"})
    assert response.status_code == 200
    assert response.context["chosen"]["by"] == "province" and response.context["chosen"]["period"] == "year"


def test_the_excel_file_holds_the_same_figures(plan, client_for):
    from openpyxl import load_workbook

    response = client_for("agency_officer").get(URL, {"year": YEAR, "format": "xlsx"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [
        "Tổng hợp",
        "Tỉnh thành phố",
        "Kết quả đầu ra",
        "Đăng ký theo năm",
        "Chỉ tiêu giai đoạn",
    ]
    summary = wb["Tổng hợp"]
    assert summary["A1"].value == "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA NĂM 2020"
    assert any(c.value == "Đơn vị tính: triệu đồng" for c in summary["A"])
    values = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert values["Số đề án đăng ký"] == 5 and values["Kinh phí đã cấp"] == 490.0
    assert values["Tỷ lệ đã cấp / được duyệt"] == pytest.approx(490 / 750)

    ws = wb["Tỉnh thành phố"]
    header = next(row for row in ws.iter_rows() if row[0].value == "STT")
    top = header[0].row
    assert [c.value for c in header[1:4]] == ["Tỉnh, thành phố", "Đăng ký", None]  # groups merged across
    assert {f"A{top}:A{top + 1}", f"C{top}:D{top}"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(row=top + 1, column=3).value == "Số đề án"
    rows = {row[1].value: [c.value for c in row] for row in ws.iter_rows() if row[1].value}
    assert rows["Hà Nội"][2:10] == [3, 600.0, 2, 1, 300.0, 200.0, 290.0, pytest.approx(290 / 300)]
    assert rows["Tây Ninh"][2:9] == [2, 600.0, 1, 1, 450.0, 600.0, 200.0]
    assert rows["Tổng cộng"][2] == 5 and rows["Tổng cộng"][8] == 490.0
    hanoi_row = next(row for row in ws.iter_rows() if row[1].value == "Hà Nội")
    assert hanoi_row[3].number_format == "#,##0.0" and hanoi_row[9].number_format == "0.0%"
    outputs = {
        row[1].value: [c.value for c in row] for row in wb["Kết quả đầu ra"].iter_rows() if row[1].value
    }
    assert outputs["Tây Ninh"][-1] == 2 and outputs["Hà Nội"][4] == 3  # overdue reports; machines
    years = [
        [c.value for c in row] for row in wb["Đăng ký theo năm"].iter_rows() if isinstance(row[0].value, int)
    ]
    assert years[-1][:3] == [2020, 5, 1.5]
    targets = {row[2].value: row[4].value for row in wb["Chỉ tiêu giai đoạn"].iter_rows() if row[2].value}
    assert targets["Máy móc, thiết bị tiên tiến được hỗ trợ"] == 9


def _pdf_text(content: bytes) -> str:
    return " ".join(pdf_text(content, layout=True).split())


@pytest.mark.parametrize(
    ("period", "title"),
    [
        ("year", "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA NĂM 2020"),
        ("half", "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG QUỐC GIA 6 THÁNG ĐẦU NĂM 2020"),
    ],
)
def test_the_pdf_report(plan, client_for, period, title):
    response = client_for("agency_officer").get(URL, {"year": YEAR, "period": period, "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert title in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BỘ CÔNG THƯƠNG" in text and "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG" in text
    assert "Phụ lục 1" in text and "Đơn vị tính: triệu đồng" in text
    assert "số đề án tăng 150,0 % so với năm 2019" in text
    cutoff = "30/06/2020" if period == "half" else "31/12/2020"
    assert f"tính đến ngày {cutoff}" in text


def test_the_pdf_report_of_a_province(plan, client_for):
    response = client_for("province_officer").get(URL, {"year": YEAR, "format": "pdf"})
    text = _pdf_text(response.content)
    assert "SỞ CÔNG THƯƠNG" in text and "TRÊN ĐỊA BÀN THÀNH PHỐ HÀ NỘI" in text
    assert "Tây Ninh" not in text
