"""Funding caps by date and province, the amounts they allow, and the registration deadline (plain Python)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cndp.extension.projects.caps import (
    Cap,
    cap_in_force,
    cap_problem,
    deadline_problem,
    first_open_plan_year,
    registration_deadline,
)

D = datetime.date
HAI_DUONG, DAK_LAK = 30, 66
CIRCULAR_28 = "Thông tư 28/2018/TT-BTC, Điều 8"

NATIONAL_DEMO = Cap(
    "demo_model",
    Decimal(30),
    1_000_000_000,
    D(2018, 5, 12),
    None,
    None,
    CIRCULAR_28,
    "Mô hình trình diễn kỹ thuật",
    "mô hình",
)
NATIONAL_MACHINERY = Cap(
    "machinery",
    Decimal(50),
    300_000_000,
    D(2018, 5, 12),
    None,
    None,
    CIRCULAR_28 + " khoản 4",
    "Ứng dụng máy móc thiết bị tiên tiến",
    "cơ sở",
    Decimal("1.5"),
)
HAI_DUONG_MACHINERY = Cap(
    "machinery", Decimal(50), 250_000_000, D(2025, 1, 1), D(2025, 6, 30), HAI_DUONG, "NQ HĐND Hải Dương"
)
DAK_LAK_DEMO = Cap(
    "demo_model", Decimal(30), 800_000_000, D(2025, 7, 26), None, DAK_LAK, "NQ HĐND Đắk Lắk 2025"
)
OLD_NATIONAL_DEMO = Cap(
    "demo_model", Decimal(30), 500_000_000, D(2014, 1, 1), D(2018, 5, 11), None, "TTLT 26/2014"
)
CAPS = [NATIONAL_DEMO, NATIONAL_MACHINERY, HAI_DUONG_MACHINERY, DAK_LAK_DEMO, OLD_NATIONAL_DEMO]


@pytest.mark.parametrize(
    ("activity", "province", "date", "expected"),
    [
        ("demo_model", None, D(2026, 1, 1), NATIONAL_DEMO),
        ("demo_model", None, D(2017, 1, 1), OLD_NATIONAL_DEMO),  # the earlier national level
        ("demo_model", None, D(2018, 5, 11), OLD_NATIONAL_DEMO),  # last day of the old one
        ("demo_model", None, D(2018, 5, 12), NATIONAL_DEMO),  # first day of the new one
        ("demo_model", None, D(2013, 12, 31), None),  # nothing in force
        ("demo_model", DAK_LAK, D(2025, 7, 25), NATIONAL_DEMO),  # the province's not yet in force
        ("demo_model", DAK_LAK, D(2025, 7, 26), DAK_LAK_DEMO),  # the province's preferred
        ("demo_model", DAK_LAK, D(2026, 3, 1), DAK_LAK_DEMO),
        ("demo_model", HAI_DUONG, D(2026, 3, 1), NATIONAL_DEMO),  # another province: national
        ("machinery", HAI_DUONG, D(2025, 3, 1), HAI_DUONG_MACHINERY),
        ("machinery", HAI_DUONG, D(2025, 7, 1), NATIONAL_MACHINERY),  # expired with the old province
        ("machinery", DAK_LAK, D(2025, 3, 1), NATIONAL_MACHINERY),
        ("machinery", None, D(2025, 3, 1), NATIONAL_MACHINERY),  # a national project: national level
        ("training", None, D(2025, 3, 1), None),
    ],
)
def test_cap_in_force_by_date_and_province(activity, province, date, expected):
    assert cap_in_force(CAPS, activity, province, date) == expected


def test_the_latest_of_several_caps_of_the_same_scope_wins():
    newer = Cap("demo_model", Decimal(25), 900_000_000, D(2024, 1, 1), None, None, "Văn bản mới")
    assert cap_in_force([*CAPS, newer], "demo_model", None, D(2024, 6, 1)) == newer
    assert cap_in_force([*CAPS, newer], "demo_model", None, D(2023, 6, 1)) == NATIONAL_DEMO


@pytest.mark.parametrize(
    ("funds", "total", "cap", "line", "problem"),
    [
        (300_000_000, 1_000_000_000, NATIONAL_DEMO, False, None),  # exactly 30 %
        (
            300_000_001,
            1_000_000_000,
            NATIONAL_DEMO,
            False,
            "tối đa 30 % tổng kinh phí, đề án đề nghị 30,00 %",
        ),
        (1_000_000_000, 4_000_000_000, NATIONAL_DEMO, False, None),  # exactly the amount
        (1_000_000_001, 4_000_000_000, NATIONAL_DEMO, False, "tối đa 1.000.000.000 đồng/mô hình"),
        (300_000_000, 600_000_000, NATIONAL_MACHINERY, False, None),
        (300_000_001, 700_000_000, NATIONAL_MACHINERY, False, "tối đa 300.000.000 đồng/cơ sở"),
        (450_000_000, 900_000_000, NATIONAL_MACHINERY, True, None),  # 1.5× for a complete line
        (450_000_001, 1_000_000_000, NATIONAL_MACHINERY, True, "đã tính hệ số 1,5 cho dây chuyền công nghệ"),
        (310_000_000, 600_000_000, NATIONAL_MACHINERY, False, "51,67 %"),
        (700_000_000, 2_400_000_000, DAK_LAK_DEMO, False, None),
        (850_000_000, 3_000_000_000, DAK_LAK_DEMO, False, "(mức của tỉnh): tối đa 800.000.000 đồng"),
        (10, 5, None, False, "không được lớn hơn tổng kinh phí"),
        (-1, 5, None, False, "số âm"),
        (500_000_000, 500_000_000, None, False, None),  # no cap for the activity
    ],
)
def test_cap_problem(funds, total, cap, line, problem):
    message = cap_problem(funds, total, cap, technology_line=line)
    if problem is None:
        assert message is None
    else:
        assert problem in message
        if cap is not None:
            assert cap.legal_basis in message and (cap.name in message if cap.name else True)


def test_the_message_names_the_cap_and_its_legal_basis():
    assert cap_problem(1_200_000_000, 5_000_000_000, NATIONAL_DEMO) == (
        "Vượt mức hỗ trợ tối đa «Mô hình trình diễn kỹ thuật» (mức quốc gia): tối đa 1.000.000.000 đồng/mô hình, "
        "đề án đề nghị 1.200.000.000 đồng (Thông tư 28/2018/TT-BTC, Điều 8)."
    )


ENGLISH = {"decimal_separator": ".", "thousand_separator": ","}


def test_the_message_writes_numbers_with_the_separators_given():
    """The services pass the interface language's separators (cndp.core.numbers): English «1,000,000,000»."""
    assert "tối đa 1,000,000,000 đồng/mô hình, đề án đề nghị 1,200,000,000 đồng" in cap_problem(
        1_200_000_000, 5_000_000_000, NATIONAL_DEMO, separators=ENGLISH
    )
    share = cap_problem(700_000_000, 1_000_000_000, NATIONAL_MACHINERY, separators=ENGLISH)
    assert "đề án đề nghị 70.00 %" in share


@settings(max_examples=200, deadline=None)
@given(
    funds=st.integers(min_value=0, max_value=5 * 10**9),
    extra=st.integers(min_value=0, max_value=10**10),
    line=st.booleans(),
)
def test_an_accepted_amount_never_exceeds_either_limit(funds, extra, line):
    total = funds + extra
    if cap_problem(funds, total, NATIONAL_MACHINERY, technology_line=line) is None:
        assert funds * 100 <= 50 * total
        assert funds <= (450_000_000 if line else 300_000_000)


@pytest.mark.parametrize(
    ("plan_year", "on", "open_"),
    [
        (2027, D(2026, 6, 19), True),
        (2027, D(2026, 6, 20), False),  # before 20 June: the 20th is too late
        (2027, D(2026, 11, 26), False),
        (2028, D(2026, 11, 26), True),
        (2026, D(2024, 12, 31), True),
    ],
)
def test_registration_deadline(plan_year, on, open_):
    assert registration_deadline(plan_year) == D(plan_year - 1, 6, 20)
    message = deadline_problem(plan_year, on)
    assert (message is None) is open_
    if not open_:
        assert f"trước ngày 20/06/{plan_year - 1}" in message
        assert "Thông tư 36/2013/TT-BCT, Điều 10" in message


@pytest.mark.parametrize(
    ("on", "year"),
    [(D(2026, 6, 19), 2027), (D(2026, 6, 20), 2028), (D(2026, 11, 26), 2028), (D(2027, 1, 2), 2028)],
)
def test_first_open_plan_year(on, year):
    assert first_open_plan_year(on) == year
