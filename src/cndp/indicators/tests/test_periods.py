"""Period codes (DHIS2's) and period arithmetic — table-driven and property-based."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.indicators import periods
from cndp.indicators.periods import HALF_YEAR, MONTH, QUARTER, YEAR, Period

D = datetime.date


@pytest.mark.parametrize(
    "code,type_,start,end",
    [
        ("2024", YEAR, D(2024, 1, 1), D(2024, 12, 31)),
        ("2024S1", HALF_YEAR, D(2024, 1, 1), D(2024, 6, 30)),
        ("2024S2", HALF_YEAR, D(2024, 7, 1), D(2024, 12, 31)),
        ("2025Q2", QUARTER, D(2025, 4, 1), D(2025, 6, 30)),
        ("2025Q3", QUARTER, D(2025, 7, 1), D(2025, 9, 30)),
        ("202402", MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("202506", MONTH, D(2025, 6, 1), D(2025, 6, 30)),
        (" 202512 ", MONTH, D(2025, 12, 1), D(2025, 12, 31)),
    ],
)
def test_codes(code, type_, start, end):
    period = periods.parse(code)
    assert (period.type, period.start, period.end) == (type_, start, end)
    assert period.code == code.strip()


@pytest.mark.parametrize("code", ["", "24", "20241", "202413", "202400", "2024Q5", "2024Q0", "2024S3", "2024W1",
                                  "2024-01", "abcd", "2024q1", "1899", "2200", "20240101"])  # fmt: skip
def test_malformed_codes_are_refused(code):
    with pytest.raises(ValueError):
        periods.parse(code)


@pytest.mark.parametrize(
    "code,previous,last_year",
    [
        ("202401", "202312", "202301"),
        ("2025Q1", "2024Q4", "2024Q1"),
        ("2025S1", "2024S2", "2024S1"),
        ("2025", "2024", "2024"),
    ],
)
def test_previous_and_same_period_last_year(code, previous, last_year):
    period = periods.parse(code)
    assert period.previous.code == previous
    assert period.last_year.code == last_year


def test_a_start_that_does_not_open_a_period_is_refused():
    with pytest.raises(ValueError):
        Period(QUARTER, D(2024, 2, 1))
    with pytest.raises(ValueError):
        Period(MONTH, D(2024, 2, 2))


def test_periods_between_and_containing():
    assert [p.code for p in periods.periods_between(QUARTER, D(2024, 11, 5), D(2025, 4, 1))] == [
        "2024Q4",
        "2025Q1",
        "2025Q2",
    ]
    assert periods.containing(HALF_YEAR, D(2025, 7, 1)).code == "2025S2"


any_period = st.builds(
    lambda type_, year, index: Period(type_, D(year, (index % (12 // periods.PERIOD_MONTHS[type_]))
                                               * periods.PERIOD_MONTHS[type_] + 1, 1)),
    st.sampled_from([MONTH, QUARTER, HALF_YEAR, YEAR]),
    st.integers(1901, 2198),
    st.integers(0, 11),
)  # fmt: skip


@given(any_period)
def test_code_round_trips(period):
    assert periods.parse(period.code) == period


@given(any_period, st.integers(-30, 30))
def test_shifts_are_contiguous_and_invertible(period, n):
    later = period.shift(n)
    assert later.shift(-n) == period
    assert period.shift(1).start == period.end + datetime.timedelta(days=1)
    assert period.start <= period.end and period.end.month - period.start.month + 1 == period.months


@pytest.mark.parametrize(
    "code,label,short",
    [
        ("203007", "tháng 7/2030", "7/2030"),
        ("202601", "tháng 1/2026", "1/2026"),
        ("202612", "tháng 12/2026", "12/2026"),
        ("2026Q1", "quý I/2026", "quý I/2026"),
        ("2026Q2", "quý II/2026", "quý II/2026"),
        ("2026Q3", "quý III/2026", "quý III/2026"),
        ("2026Q4", "quý IV/2026", "quý IV/2026"),
        ("2026S1", "6 tháng đầu năm 2026", "6 tháng đầu năm 2026"),
        ("2026S2", "6 tháng cuối năm 2026", "6 tháng cuối năm 2026"),
        ("2026", "năm 2026", "năm 2026"),
    ],
)
def test_labels_people_read(code, label, short):
    period = periods.parse(code)
    assert (period.label, period.short_label) == (label, short)
    assert code not in period.label or period.type == YEAR


@pytest.mark.parametrize(
    "typed,code",
    [
        ("tháng 7/2026", "202607"), ("Tháng 7/2026", "202607"), ("7/2026", "202607"), ("07/2026", "202607"),
        ("T7/2026", "202607"), ("12-2026", "202612"), ("thang 1/2026", "202601"),
        ("quý II/2026", "2026Q2"), ("Quý 2 năm 2026", "2026Q2"), ("Q4/2026", "2026Q4"), ("quy iii 2026", "2026Q3"),
        ("6 tháng đầu năm 2026", "2026S1"), ("6 tháng cuối năm 2026", "2026S2"), ("6 thang dau 2026", "2026S1"),
        ("năm 2026", "2026"), ("Năm 2026", "2026"), ("2026", "2026"), ("202607", "202607"), ("2026Q3", "2026Q3"),
        ("tha\u0301ng 7/2026", "202607"),  # NFD
    ],
)  # fmt: skip
def test_periods_typed_as_people_write_them(typed, code):
    assert periods.parse_any(typed).code == code


@pytest.mark.parametrize("typed", ["13/2026", "0/2026", "quý V/2026", "quý 5/2026", "6 tháng giữa năm 2026",
                                   "tháng 7", "năm", "7/26", "abc"])  # fmt: skip
def test_periods_typed_wrong_are_refused(typed):
    with pytest.raises(ValueError):
        periods.parse_any(typed)


@given(st.sampled_from([MONTH, QUARTER, HALF_YEAR, YEAR]), st.integers(2000, 2100), st.integers(0, 11))
def test_a_label_reads_back_as_its_period(period_type, year, month):
    period = periods.containing(period_type, D(year, month + 1, 1))
    assert periods.parse_any(period.label) == period
