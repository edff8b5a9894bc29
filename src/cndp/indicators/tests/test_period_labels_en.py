"""A period's label in English stands alone ("year 2026", "first half of 2026", "Q3/2026", "7/2026") and
reads back as its period: the completeness and analysis pages fill their period box with the label of
the user's language and read it back."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from cndp.indicators import (
    models,  # noqa: F401  (sets the labels' translation to Django's)
    periods,
)
from cndp.indicators.periods import HALF_YEAR, MONTH, QUARTER, YEAR


@pytest.mark.parametrize(
    "code,english,vietnamese",
    [
        ("202607", "7/2026", "tháng 7/2026"),
        ("2026Q3", "QIII/2026", "quý III/2026"),
        ("2026S1", "first half of 2026", "6 tháng đầu năm 2026"),
        ("2026S2", "second half of 2026", "6 tháng cuối năm 2026"),
        ("2026", "year 2026", "năm 2026"),
    ],
)
def test_labels_in_each_language(code, english, vietnamese):
    period = periods.parse(code)
    with translation.override("en"):
        assert period.label == english
        assert periods.parse_any(period.label) == period
    with translation.override("vi"):
        assert period.label == vietnamese


def test_the_extension_reports_phrase_keeps_its_own_translation():
    """The same Vietnamese words in the extension report's sentence stay a phrase ("for 2027")."""
    from cndp.extension.reports.exports import period_words

    with translation.override("en"):
        assert period_words("year", 2027) == "for 2027"


@given(st.sampled_from([MONTH, QUARTER, HALF_YEAR, YEAR]), st.integers(2000, 2100), st.integers(1, 12))
def test_an_english_label_reads_back(period_type, year, month):
    period = periods.containing(period_type, datetime.date(year, month, 1))
    with translation.override("en"):
        assert periods.parse_any(period.label) == period
