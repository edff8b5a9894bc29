"""The indicators' screens: the province's entry grid and the agency's review (scope, outliers, history),
completeness and the dashboard, ranking / map / series / brief with Excel and PDF, and query counts that do
not grow with the number of provinces or periods. Periods in 2030 keep clear of the demo's data."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from cndp.core.tests.pdf import pdf_text
from cndp.indicators import periods, services
from cndp.indicators.choices import ValueState
from cndp.indicators.forms import parse_typed
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission
from cndp.obligations import calendar
from cndp.places.models import Province

pytestmark = pytest.mark.django_db

MAY = periods.Period(periods.MONTH, datetime.date(2030, 5, 1))


def unit(code, version="34"):
    return Province.objects.get(version=version, code=code)


def approved(code, province, period, value):
    DataValue.objects.update_or_create(
        indicator=Indicator.objects.get(code=code),
        province=province,
        period_start=period.start,
        defaults={"period_type": period.type, "value": Decimal(value), "state": ValueState.APPROVED},
    )


def monthly():
    return DataSet.objects.get(code="CN-THANG")


def open_grid(client, period=MAY):
    response = client.get(reverse("indicators:entry"), {"dataset": monthly().pk, "period": period.code})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def page_text(response):
    return response.content.decode()


# ---- typed numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "number"),
    [
        ("", ",", None),
        ("  ", ",", None),
        ("1234", ",", Decimal("1234")),
        ("1234,5", ",", Decimal("1234.5")),
        ("1.234,5", ",", Decimal("1234.5")),
        ("1.234", ",", Decimal("1234")),
        ("1.234.567", ",", Decimal("1234567")),
        ("1234.5", ",", Decimal("1234.5")),
        ("12.5", ",", Decimal("12.5")),
        ("1 234,5", ",", Decimal("1234.5")),
        ("-3,25", ",", Decimal("-3.25")),
        ("1,234.5", ".", Decimal("1234.5")),
        ("1234.5", ".", Decimal("1234.5")),
    ],
)
def test_typed_numbers_in_vietnamese_or_english_style(text, decimal, number):
    assert parse_typed(text, decimal) == number


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12a", "NaN", "Infinity", "--1"])
def test_a_typed_word_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_typed(text, ",")


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_a_number_shown_in_vietnamese_style_reads_back_as_itself(number):
    from django.utils import translation
    from django.utils.formats import number_format

    with translation.override("vi"):
        shown = number_format(number, decimal_pos=2, force_grouping=True)
    assert parse_typed(shown, ",") == number


# ---- the entry grid, the submission and the review ------------------------------------------------------


def test_a_month_entered_checked_submitted_returned_resubmitted_and_approved(client_for):
    hanoi = unit("01")
    approved("GTSX", hanoi, MAY.previous, "100")
    approved("GTSX", hanoi, MAY.last_year, "90")
    approved("IIP", hanoi, MAY.previous, "105")
    approved("IIP", hanoi, MAY.last_year, "104")
    province, other, agency = (
        client_for("province_officer"),
        client_for("province_officer_2"),
        client_for("agency_officer"),
    )
    url = open_grid(province)
    submission = Submission.objects.get(dataset=monthly(), province=hanoi, period_start=MAY.start)
    assert url == submission.get_absolute_url()

    page = page_text(province.get(url))
    assert 'id="v-GTSX"' in page and "100,0" in page and "90,0" in page  # previous period, last year

    # A draft: 250 is 150 % above the previous month, so it needs a comment before it can go.
    response = province.post(url, {"action": "save", "v-GTSX": "250", "v-IIP": "106,2"})
    assert response.status_code == 302
    stored = DataValue.objects.get(indicator__code="GTSX", province=hanoi, period_start=MAY.start)
    assert (stored.value, stored.state) == (Decimal("250"), ValueState.DRAFT)
    page = page_text(province.get(url))
    assert "cần giải thích" in page and 'data-kind="outlier"' in page

    # Nobody else's province: the draft is invisible to Đà Nẵng's officer, who cannot write or submit it.
    assert other.get(url).status_code == 404
    assert other.post(url, {"action": "submit", "v-GTSX": "1"}).status_code == 404
    assert DataValue.objects.get(pk=stored.pk).value == Decimal("250")
    analysis = other.get(reverse("indicators:analysis"), {"indicator": "GTSX", "period": MAY.code})
    assert {"name": "01", "value": 250.0} not in analysis.context["map"]["data"]

    response = province.post(url, {"action": "submit", "v-GTSX": "250", "v-IIP": "106,2"}, follow=True)
    assert "Chưa gửi được" in page_text(response)
    submission.refresh_from_db()
    assert submission.obligation.state == calendar.PENDING

    response = province.post(
        url, {"action": "submit", "v-GTSX": "250", "c-GTSX": "Nhà máy mới đi vào hoạt động", "v-IIP": "106,2"}
    )
    submission.refresh_from_db()
    assert submission.obligation.state == calendar.SUBMITTED
    assert DataValue.objects.get(pk=stored.pk).state == ValueState.SUBMITTED
    # submitted values are locked for the province
    province.post(url, {"action": "save", "v-GTSX": "1", "v-IIP": "1"})
    assert DataValue.objects.get(pk=stored.pk).value == Decimal("250")

    review = reverse("indicators:submission_review", args=[submission.pk])
    assert province.post(review, {"verdict": "approve"}).status_code == 403
    assert other.post(review, {"verdict": "approve"}).status_code == 404
    agency.post(review, {"verdict": "return", "comment": "Kiểm tra lại giá trị sản xuất"})
    submission.refresh_from_db()
    assert submission.obligation.state == calendar.RETURNED
    returned_page = province.get(url)
    assert returned_page.context["returned_step"].comment == "Kiểm tra lại giá trị sản xuất"
    assert 'id="returned-comment"' in page_text(returned_page)  # at the top, where the province corrects
    assert "Changed" not in page_text(returned_page) and "Sửa" in page_text(returned_page)

    province.post(
        url, {"action": "submit", "v-GTSX": "180", "c-GTSX": "Đã rà soát: nhà máy mới", "v-IIP": "106,2"}
    )
    agency.post(review, {"verdict": "approve"})
    submission.refresh_from_db()
    assert submission.obligation.state == calendar.ACCEPTED
    stored.refresh_from_db()
    assert (stored.value, stored.state) == (Decimal("180"), ValueState.APPROVED)

    # The value's history: who, old → new.
    page = page_text(agency.get(url))
    assert "250,0" in page and "180,0" in page and "Lê Minh Tuấn" in page
    # Approved: on the map and in the ranking, for everyone.
    response = other.get(reverse("indicators:analysis"), {"indicator": "GTSX", "period": MAY.code})
    assert {"name": "01", "value": 180.0} in response.context["map"]["data"]
    first = response.context["ranked"][0]
    assert (first.rank, first.row.key, first.row.value) == (1, "01", Decimal("180"))


def test_a_province_officer_opens_only_its_province(client_for):
    province = client_for("province_officer")
    danang = unit("48")
    response = province.get(
        reverse("indicators:entry"), {"dataset": monthly().pk, "period": MAY.code, "province": danang.pk}
    )
    # Only the officer's own units are offered (Hà Nội, of the 34 and of the 63): another is refused.
    assert response.status_code == 200 and response.context["form"].errors["province"]
    assert not Submission.objects.filter(province=danang, period_start=MAY.start).exists()


def test_a_period_of_the_wrong_type_is_refused_on_the_form(client_for):
    response = client_for("province_officer").get(
        reverse("indicators:entry"), {"dataset": monthly().pk, "period": "2030"}
    )
    assert response.status_code == 200 and "báo cáo theo kỳ" in page_text(response)


# ---- query counts at two sizes --------------------------------------------------------------------------


def _fill(provinces, months):
    gtsx, iip = Indicator.objects.get(code="GTSX"), Indicator.objects.get(code="IIP")
    rows = []
    for p in provinces:
        for i in range(months):
            period = MAY.shift(-i - 1)
            for indicator, value in ((gtsx, 100 + i), (iip, 104)):
                rows.append(
                    DataValue(
                        indicator=indicator,
                        province=p,
                        period_type=period.type,
                        period_start=period.start,
                        value=Decimal(value),
                        state=ValueState.APPROVED,
                    )
                )
    for row in rows:
        row.derive_province_current()
    DataValue.objects.bulk_create(rows, ignore_conflicts=True)


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_grid_map_and_completeness_keep_their_query_count(client_for, django_assert_max_num_queries):
    province, agency = client_for("province_officer"), client_for("agency_officer")
    all34 = list(Province.objects.filter(version="34").order_by("code"))
    url = open_grid(province)
    services.submissions_schedule(dataset=monthly(), period=MAY)
    map_params = {"indicator": "GTSX", "period": MAY.previous.code, "by": "province"}
    completeness = {"dataset": monthly().pk, "period": MAY.code}
    # the series: one aggregate per period shown (12 here), whatever the number of provinces
    series = {
        "indicator": "GTSX",
        "by": "province34",
        "key": "01",
        "period": MAY.code,
        "first": MAY.shift(-11).code,
    }

    _fill(all34[:2], 2)
    small = [
        _count(province, url),
        _count(agency, reverse("indicators:analysis"), map_params),
        _count(agency, reverse("indicators:completeness"), completeness),
        _count(agency, reverse("indicators:dashboard")),
        _count(agency, reverse("indicators:series"), series),
    ]
    _fill(all34, 26)
    for s in Submission.objects.filter(period_start=MAY.start).select_related("obligation")[:20]:
        services.submission_open(dataset=monthly(), province=s.province, period=MAY)
    large = [
        _count(province, url),
        _count(agency, reverse("indicators:analysis"), map_params),
        _count(agency, reverse("indicators:completeness"), completeness),
        _count(agency, reverse("indicators:dashboard")),
        _count(agency, reverse("indicators:series"), series),
    ]
    assert large == small
    with django_assert_max_num_queries(20):
        province.get(url)
    with django_assert_max_num_queries(16):
        agency.get(reverse("indicators:analysis"), map_params)
    with django_assert_max_num_queries(14):
        agency.get(reverse("indicators:completeness"), completeness)


# ---- completeness, dashboard ----------------------------------------------------------------------------


def test_completeness_counts_each_province_once_and_a_province_sees_its_own_row(client_for):
    services.submissions_schedule(dataset=monthly(), period=MAY)
    agency = client_for("agency_officer")
    response = agency.get(reverse("indicators:completeness"), {"dataset": monthly().pk, "period": MAY.code})
    rows = response.context["rows"]
    assert len(rows) == 34 and {r.status for r in rows} == {"not_due"}  # May 2030: due on 20 June 2030
    assert "Chưa đến hạn: 34" in response.content.decode() and "Chưa nộp: 0" in response.content.decode()
    xlsx = agency.get(
        reverse("indicators:completeness"), {"dataset": monthly().pk, "period": MAY.code, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "Thành phố Hà Nội" in names and len(names) == 34
    own = client_for("province_officer").get(
        reverse("indicators:completeness"), {"dataset": monthly().pk, "period": MAY.code}
    )
    assert [r.province.code for r in own.context["rows"]] == ["01"]


def test_the_dashboard_lists_what_waits_for_review(client_for):
    hanoi = unit("01")
    approved("GTSX", hanoi, MAY.previous, "100")
    approved("IIP", hanoi, MAY.previous, "105")
    province = client_for("province_officer")
    url = open_grid(province)
    province.post(url, {"action": "submit", "v-GTSX": "101", "v-IIP": "105"})
    response = client_for("agency_officer").get(reverse("indicators:dashboard"))
    assert response.status_code == 200
    assert [s.province.code for s in response.context["waiting"]][:1] == ["01"]
    assert response.context["cards"] and all(len(c["counts"]) == 5 for c in response.context["cards"])


# ---- analysis: ranking, roll-up, map, series, Excel, PDF ------------------------------------------------


def test_ranking_rolled_up_to_the_34_never_shows_a_partial_sum(client_for):
    before = periods.Period(periods.MONTH, datetime.date(2024, 5, 1))
    haiphong_63, haiduong_63 = unit("31", "63"), unit("30", "63")
    DataValue.objects.filter(province__in=[haiphong_63, haiduong_63], period_start=before.start).delete()
    approved("GTSX", haiphong_63, before, "300")
    agency = client_for("agency_officer")
    params = {"indicator": "GTSX", "period": before.code, "by": "province34"}
    response = agency.get(reverse("indicators:analysis"), params)
    row = next(r.row for r in response.context["ranked"] if r.row.key == "31")
    assert (row.value, row.complete, row.components) == (None, False, 2)
    assert response.context["map"]["version"] == "34"
    assert response.context["map"]["notes"]["31"]
    approved("GTSX", haiduong_63, before, "200")
    response = agency.get(reverse("indicators:analysis"), params)
    row = next(r.row for r in response.context["ranked"] if r.row.key == "31")
    assert (row.value, row.complete) == (Decimal("500"), True)
    as_it_was = agency.get(reverse("indicators:analysis"), {**params, "by": "province"})
    assert as_it_was.context["map"]["version"] == "63"
    assert {"name": "30", "value": 200.0} in as_it_was.context["map"]["data"]


def test_ranking_to_excel_and_the_period_report_to_pdf(client_for):
    approved("GTSX", unit("01"), MAY, "180")
    approved("GTSX", unit("79"), MAY, "320")
    agency = client_for("agency_officer")
    params = {"indicator": "GTSX", "period": MAY.code, "by": "province"}
    xlsx = agency.get(reverse("indicators:analysis"), {**params, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(min_row=4, values_only=True))
    assert rows[0][:4] == (1, "79", "Thành phố Hồ Chí Minh", 320.0)
    assert rows[1][:4] == (2, "01", "Thành phố Hà Nội", 180.0)
    pdf = agency.get(reverse("indicators:analysis"), {**params, "format": "pdf"})
    text = pdf_text(pdf.content)
    assert "GIÁ TRỊ SẢN XUẤT CÔNG NGHIỆP" in text and "Thành phố Hồ Chí Minh" in text and "320,0" in text


def test_the_series_of_a_province_and_its_excel(client_for):
    hanoi = unit("01")
    for i, value in enumerate(("150", "160", "170")):
        approved("GTSX", hanoi, MAY.shift(-i), value)
    agency = client_for("agency_officer")
    params = {
        "indicator": "GTSX",
        "by": "province",
        "key": "01",
        "period": MAY.code,
        "first": MAY.shift(-2).code,
    }
    response = agency.get(reverse("indicators:series"), params)
    chart = json.loads(json.dumps(response.context["chart"]))  # as the page's json_script block carries it
    assert chart["labels"] == ["3/2030", "4/2030", "5/2030"]
    assert chart["values"] == [170.0, 160.0, 150.0]
    xlsx = agency.get(reverse("indicators:series"), {**params, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(min_row=4, values_only=True))
    assert [r[:2] for r in rows] == [
        ("tháng 3/2030", 170.0),
        ("tháng 4/2030", 160.0),
        ("tháng 5/2030", 150.0),
    ]


# ---- the regional brief ---------------------------------------------------------------------------------


def test_the_regional_brief_ranks_the_units_and_lists_the_region_projects(client_for):
    from django.apps import apps

    from cndp.places.models import Region

    project = apps.get_model("extension", "Project").objects.select_related("province").first()
    assert project is not None, "the demo has extension projects"
    old = project.province if project.province.version == "63" else project.province.predecessors.first()
    region = Region.objects.filter(provinces=old).order_by("grouping", "name").first()
    year = project.plan_year
    period = periods.Period(periods.YEAR, datetime.date(year, 1, 1))
    units = [p for p in Province.objects.order_by("-version", "code") if p.is_valid_at(period.end)]
    DataValue.objects.filter(indicator__code="GTCNNT", period_start=period.start).delete()
    for i, p in enumerate(units[:5]):
        approved("GTCNNT", p, period, str(1000 + i))
    agency = client_for("agency_officer")
    response = agency.get(reverse("indicators:brief"), {"region": region.pk, "year": year})
    assert response.status_code == 200
    assert project.code in page_text(response)
    brief = response.context["brief"]
    assert brief["count"] == len(units)
    ranked = {u.province.code: u.values[0][2] for u in brief["units"] if u.values[0][1] is not None}
    for code, rank in ranked.items():
        expected = 5 - [p.code for p in units[:5]].index(code)
        assert rank == expected
    pdf = agency.get(reverse("indicators:brief"), {"region": region.pk, "year": year, "format": "pdf"})
    text = pdf_text(pdf.content)
    assert region.name.upper()[:10] in text.upper() and project.code in text


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("province_officer", "Đồng bằng sông Hồng"),  # Hà Nội: in no steering committee's region
        ("province_officer_2", "Bắc Trung Bộ và duyên hải miền Trung"),  # Đà Nẵng (and Quảng Nam)
        ("agency_officer", "Tây Bắc"),  # the first steering committee's region
    ],
)
def test_the_regional_brief_opens_on_the_officers_own_region(client_for, role, expected):
    response = client_for(role).get(reverse("indicators:brief"))
    assert response.status_code == 200
    assert response.context["region"].name == expected


def test_the_registries_and_the_value_history_page(client_for):
    approved("GTSX", unit("01"), MAY, "180")
    value = DataValue.objects.get(indicator__code="GTSX", province=unit("01"), period_start=MAY.start)
    agency = client_for("agency_officer")
    for name in ("indicator_list", "dataset_list", "datavalue_list", "submission_list"):
        assert agency.get(reverse(f"indicators:{name}")).status_code == 200
    assert agency.get(reverse("indicators:datavalue_history", args=[value.pk])).status_code == 200
    assert client_for("province_officer_2").get(value.get_absolute_url()).status_code == 404
