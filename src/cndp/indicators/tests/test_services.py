"""The services: a province saves its values as drafts (history kept, range checked, only its province),
submits a data set (an outlier needs a comment), the agency returns it with a comment (values editable
again) or approves it (values locked); another province's officer can neither write nor submit for it;
the calendar schedules every province's submission; completeness reads on time / late / missing /
returned; the reads keep their query counts as provinces and periods grow."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cndp.core.services import ScopeViolation, ServiceError
from cndp.indicators import periods, selectors, services
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission
from cndp.obligations.models import Obligation

from .factories import clear_values, put, put_many, unit, user

pytestmark = pytest.mark.django_db
DEC = Decimal
JAN_2026 = periods.parse("202601")


@pytest.fixture(autouse=True)
def no_values(demo):
    clear_values()


@pytest.fixture
def monthly(demo):
    return DataSet.objects.select_related("rule").get(code="CN-THANG")


@pytest.fixture
def hanoi():
    return unit("01", "202601")


def test_a_value_is_saved_as_a_draft_with_its_history(hanoi):
    officer = user("sohanoi")
    gtsx = Indicator.objects.get(code="GTSX")
    saved = services.value_save(user=officer, indicator=gtsx, province=hanoi, period=JAN_2026, value="95000")
    services.value_save(user=officer, indicator=gtsx, province=hanoi, period=JAN_2026, value="96000.5",
                        comment="Cập nhật  số liệu ")  # fmt: skip
    saved.refresh_from_db()
    assert (saved.value, saved.comment, saved.state) == (DEC("96000.5"), "Cập nhật số liệu", "draft")
    history = list(saved.history.order_by("history_id").values_list("value", "history_user__username"))
    assert history == [(DEC(95000), "sohanoi"), (DEC("96000.5"), "sohanoi")]
    with pytest.raises(ServiceError):  # ≥ 0
        services.value_save(user=officer, indicator=gtsx, province=hanoi, period=JAN_2026, value="-1")
    with pytest.raises(ServiceError):  # not a number
        services.value_save(user=officer, indicator=gtsx, province=hanoi, period=JAN_2026, value="nhiều")
    with pytest.raises(ServiceError):  # a yearly indicator for a month
        services.value_save(user=officer, indicator=Indicator.objects.get(code="LANGNGHE"), province=hanoi,
                            period=JAN_2026, value="3")  # fmt: skip
    services.value_save(user=officer, indicator=gtsx, province=hanoi, period=JAN_2026, value="")  # cleared
    assert not DataValue.objects.filter(pk=saved.pk).exists()


def test_another_provinces_officer_cannot_write_or_submit(monthly, hanoi):
    gtsx = Indicator.objects.get(code="GTSX")
    with pytest.raises(ScopeViolation):
        services.value_save(user=user("sodanang"), indicator=gtsx, province=hanoi, period=JAN_2026, value=1)
    with pytest.raises(PermissionDenied):
        services.submission_open(dataset=monthly, province=hanoi, period=JAN_2026, user=user("sodanang"))
    submission = services.submission_open(
        dataset=monthly, province=hanoi, period=JAN_2026, user=user("sohanoi")
    )
    with pytest.raises(ScopeViolation):
        services.submission_submit(submission=submission, user=user("sodanang"))
    with pytest.raises(PermissionDenied):  # the agency reviews; it does not report for the province
        services.submission_submit(submission=submission, user=user("chuyenvien"))


def test_submit_return_resubmit_approve(monthly, hanoi):
    officer, agency = user("sohanoi"), user("chuyenvien")
    put("GTSX", "202512", "01", 90000)  # previous month
    put("GTSX", "202501", "01", 88000)
    put("IIP", "202512", "01", "108.0")
    put("IIP", "202501", "01", "107.0")
    submission = services.submission_open(dataset=monthly, province=hanoi, period=JAN_2026, user=officer)
    assert submission.obligation.due_on == datetime.date(2026, 2, 20) and submission.state == "pending"
    with pytest.raises(ServiceError):  # nothing entered: both indicators are required
        services.submission_submit(submission=submission, user=officer)
    services.values_save(user=officer, dataset=monthly, province=hanoi, period=JAN_2026,
                         entries={"GTSX": ("150000", ""), "IIP": ("109.5", "")})  # fmt: skip
    with pytest.raises(ServiceError, match="GTSX"):  # +67 % on December: an outlier needs a comment
        services.submission_submit(submission=submission, user=officer)
    services.values_save(user=officer, dataset=monthly, province=hanoi, period=JAN_2026,
                         entries={"GTSX": ("150000", "Nhà máy mới đi vào hoạt động")})  # fmt: skip
    services.submission_submit(submission=submission, user=officer)
    assert submission.obligation.state == "submitted"
    assert set(DataValue.objects.filter(period_start=JAN_2026.start).values_list("state", flat=True)) == {
        "submitted"
    }
    with pytest.raises(ServiceError):  # locked while waiting for review
        services.value_save(user=officer, indicator=Indicator.objects.get(code="IIP"), province=hanoi,
                            period=JAN_2026, value="110")  # fmt: skip
    with pytest.raises(PermissionDenied):  # the province does not review
        services.submission_approve(submission=submission, user=officer)
    services.submission_return(submission=submission, user=agency, comment="Kiểm tra lại chỉ số IIP")
    services.value_save(user=officer, indicator=Indicator.objects.get(code="IIP"), province=hanoi,
                        period=JAN_2026, value="110.2")  # fmt: skip
    services.submission_submit(submission=submission, user=officer)
    services.submission_approve(submission=submission, user=agency)
    obligation = Obligation.objects.get(pk=submission.obligation_id)
    assert (obligation.state, obligation.submissions) == ("accepted", 2)
    steps = list(obligation.steps.order_by("pk").values_list("action", "by__username", "comment"))
    assert steps == [
        ("schedule", "sohanoi", ""),
        ("submit", "sohanoi", ""),
        ("return", "chuyenvien", "Kiểm tra lại chỉ số IIP"),
        ("resubmit", "sohanoi", ""),
        ("accept", "chuyenvien", ""),
    ]
    iip = DataValue.objects.get(indicator__code="IIP", period_start=JAN_2026.start)
    assert (iip.value, iip.state) == (DEC("110.2"), "approved")
    with pytest.raises(ServiceError):  # approved: locked
        services.value_save(user=officer, indicator=iip.indicator, province=hanoi, period=JAN_2026, value="1")
    states = list(iip.history.order_by("history_id").values_list("value", "state"))
    assert states[0] == (DEC("109.5"), "draft") and states[-1] == (DEC("110.2"), "approved")


def test_entry_grid_compares_across_the_merger():
    # today's Hải Phòng in July 2025: the previous month is June, when Hải Dương and Hải Phòng reported
    put_many([("GTSX", "202506", "30", 25000), ("IIP", "202506", "30", "108.5"),
              ("GTSX", "202506", "31", 55000), ("IIP", "202506", "31", "112.0"),
              ("GTSX", "202407", "30", 20000), ("GTSX", "202407", "31", 50000)])  # fmt: skip
    dataset = DataSet.objects.get(code="CN-THANG")
    grid = selectors.entry_grid(dataset, unit("31", "202507"), periods.parse("202507"))
    by_code = {row.indicator.code: row for row in grid}
    assert by_code["GTSX"].previous == 80000 and by_code["GTSX"].last_year == 70000
    assert (
        by_code["IIP"].previous == DEC("110.90625") and by_code["IIP"].last_year is None
    )  # no IIP in 7/2024


def test_schedule_then_completeness(monthly):
    assert services.submissions_schedule(dataset=monthly, period=JAN_2026) == 34
    assert services.submissions_schedule(dataset=monthly, period=JAN_2026) == 0
    hanoi, danang, hue = unit("01", "202601"), unit("48", "202601"), unit("46", "202601")
    due = datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC)
    for province, at, username in ((hanoi, due - datetime.timedelta(days=3), "sohanoi"),
                                   (danang, due + datetime.timedelta(days=4), "sodanang")):  # fmt: skip
        put("GTSX", "202601", province.code, 100, state="draft")
        put("IIP", "202601", province.code, 100, state="draft")
        submission = Submission.objects.get(dataset=monthly, province=province, period_start=JAN_2026.start)
        services.submission_submit(submission=submission, user=user(username), at=at)
    danang_submission = Submission.objects.get(dataset=monthly, province=danang, period_start=JAN_2026.start)
    services.submission_return(submission=danang_submission, user=user("chuyenvien"), comment="Bổ sung")
    rows = {row.province.code: row for row in selectors.completeness(monthly, JAN_2026)}
    assert len(rows) == 34
    assert (rows["01"].status, rows["48"].status, rows["46"].status) == ("on_time", "returned", "missing")
    danang_submission.refresh_from_db()
    services.submission_submit(submission=danang_submission, user=user("sodanang"), at=timezone.now())
    assert {row.province.code: row.status for row in selectors.completeness(monthly, JAN_2026)}[
        "48"
    ] == "late"
    assert hue.pk == rows["46"].province.pk


def count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_reads_keep_their_query_counts_as_data_grows(monthly):
    gtsx = Indicator.objects.select_related("weight", "numerator", "denominator").get(code="GTSX")
    iip = Indicator.objects.select_related("weight", "numerator", "denominator").get(code="IIP")
    june, hp = periods.parse("202406"), unit("31", "202507")
    reads = {
        "province": lambda: selectors.aggregate(indicator=iip, period=june, by="province"),
        "province34": lambda: selectors.aggregate(indicator=iip, period=june, by="province34"),
        "region": lambda: selectors.aggregate(indicator=gtsx, period=june, by="region:socio_economic"),
        "country": lambda: selectors.aggregate(indicator=iip, period=june, by="country"),
        "grid": lambda: selectors.entry_grid(monthly, hp, periods.parse("202507")),
        "completeness": lambda: selectors.completeness(monthly, june),
    }
    services.submissions_schedule(dataset=monthly, period=june)
    put_many([("GTSX", "202406", "30", 1), ("IIP", "202406", "30", 100)])
    small = {name: count(fn) for name, fn in reads.items()}
    codes = list(unit("01", "202406").__class__.objects.filter(version="63").values_list("code", flat=True))
    for month in ("202405", "202406", "202407", "202506", "202507"):
        put_many([(c, month, p, 100) for c in ("GTSX", "IIP") for p in (codes if month < "202507" else ["31", "01"])
                  if not (month == "202406" and p == "30")])  # fmt: skip
    services.submissions_schedule(dataset=monthly, period=periods.parse("202405"))
    large = {name: count(fn) for name, fn in reads.items()}
    assert large == small
    assert max(large.values()) <= 6


def test_the_daily_schedule_command_is_idempotent(monthly):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("indicators_schedule", "--date", "2026-03-05", stdout=out)
    assert out.getvalue().splitlines() == ["CN-THANG 202602: 34", "CNNT-NAM 2025: 34"]
    call_command("indicators_schedule", "--date", "2026-03-05", stdout=out)
    assert out.getvalue().splitlines()[-2:] == ["CN-THANG 202602: 0", "CNNT-NAM 2025: 0"]
    assert (
        Obligation.objects.filter(kind="indicators.submission", due_on=datetime.date(2026, 3, 20)).count()
        == 34
    )


@pytest.mark.parametrize(
    "today,status",
    [
        (datetime.date(2026, 2, 1), "not_due"),  # the period is over, its due day (20 February) not come
        (datetime.date(2026, 2, 19), "not_due"),
        (datetime.date(2026, 2, 20), "not_due"),  # the due day itself: still in time
        (datetime.date(2026, 2, 21), "missing"),
        (datetime.date(2026, 6, 1), "missing"),
    ],
)
def test_completeness_before_and_after_the_due_day(monthly, today, status):
    """A province that has not submitted is «chưa đến hạn» until its due day has passed, then «chưa nộp»;
    with or without its obligation on the calendar; one that has submitted is on time either way."""
    services.submissions_schedule(dataset=monthly, period=JAN_2026)
    hanoi = unit("01", "202601")
    put("GTSX", "202601", "01", 100, state="draft")
    put("IIP", "202601", "01", 100, state="draft")
    submission = Submission.objects.get(dataset=monthly, province=hanoi, period_start=JAN_2026.start)
    services.submission_submit(
        submission=submission, user=user("sohanoi"), at=datetime.datetime(2026, 2, 3, 9, tzinfo=datetime.UTC)
    )
    rows = {r.province.code: r for r in selectors.completeness(monthly, JAN_2026, today=today)}
    assert rows["48"].status == status and rows["48"].due_on == datetime.date(2026, 2, 20)
    assert rows["01"].status == "on_time"
    Submission.objects.filter(dataset=monthly, province__code="48").delete()  # not yet on the calendar
    rows = {r.province.code: r for r in selectors.completeness(monthly, JAN_2026, today=today)}
    assert rows["48"].status == status and rows["48"].submission is None


def test_submission_title_reads_the_period(monthly):
    services.submissions_schedule(dataset=monthly, period=periods.parse("203007"))
    submission = Submission.objects.select_related("obligation").get(
        dataset=monthly, province__code="01", period_start=datetime.date(2030, 7, 1)
    )
    assert submission.obligation.title == f"{monthly.name}, tháng 7/2030 — Thành phố Hà Nội"
    assert "203007" not in str(submission)


def test_the_migration_retitles_the_calendar(monthly):
    """Titles written before the labels ("… kỳ 203007 — …") read the period as people do after 0003."""
    import importlib

    from django.apps import apps

    services.submissions_schedule(dataset=monthly, period=periods.parse("203007"))
    obligations = Obligation.objects.filter(kind="indicators.submission")
    obligations.update(title="Báo cáo kỳ 203007", search_folded="bao cao ky 203007")
    importlib.import_module("cndp.indicators.migrations.0003_submission_titles").retitle(apps, None)
    hanoi = obligations.get(province__code="01")
    assert hanoi.title == f"{monthly.name}, tháng 7/2030 — Thành phố Hà Nội"
    assert "thang 7/2030" in hanoi.search_folded and not obligations.filter(title__contains="203007").exists()
