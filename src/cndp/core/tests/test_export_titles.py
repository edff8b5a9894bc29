"""The filter line of an export (Bộ lọc: …) names what the reader chose, in their words: «Có»/«Không» for a
yes/no filter, a choice's label rather than its code, dates in the language's format, records by name."""

import datetime

import pytest
from django import forms
from django.utils import translation

from cndp.core.generic import filter_value_text
from cndp.places.models import Province

CHOICES = [("draft", "Nháp"), ("Đã duyệt", [("approved", "Đã phê duyệt"), ("settled", "Đã quyết toán")])]


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        (forms.NullBooleanField(), True, "Có"),
        (forms.NullBooleanField(), False, "Không"),
        (forms.ChoiceField(choices=CHOICES), "draft", "Nháp"),
        (forms.ChoiceField(choices=CHOICES), "settled", "Đã quyết toán"),  # inside a group
        (forms.MultipleChoiceField(choices=CHOICES), ["draft", "approved"], "Nháp, Đã phê duyệt"),
        (forms.ChoiceField(choices=[(2025, "2025"), (2026, "Năm 2026")]), 2026, "Năm 2026"),
        (forms.CharField(), "thử tải", "thử tải"),
        (forms.IntegerField(), 7, "7"),
        (forms.DateField(), datetime.date(2026, 6, 30), "30/06/2026"),
    ],
)
def test_filter_value_text(field, value, text):
    assert filter_value_text(field, value) == text


def test_filter_value_text_in_english():
    with translation.override("en"):
        assert filter_value_text(forms.NullBooleanField(), True) == "Yes"


@pytest.mark.django_db
def test_a_record_is_named_without_reading_the_choices(demo, django_assert_num_queries):
    hanoi = Province.objects.filter(name__contains="Hà Nội").first()
    field = forms.ModelChoiceField(queryset=Province.objects.all())
    with django_assert_num_queries(0):
        assert filter_value_text(field, hanoi) == str(hanoi)
