"""The shared model bases: the default record page and dated reference data (dữ liệu tham chiếu có hiệu lực)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cndp.core.models import valid_at
from cndp.obligations.models import CalendarRule
from cndp.places.models import Province, ProvinceName

pytestmark = pytest.mark.django_db


def test_default_page_follows_the_registry_naming_rule():
    province = Province.objects.order_by("pk").first()
    assert province.get_absolute_url() == reverse("places:province_detail", args=[province.pk])


def test_a_model_without_a_page_of_its_own_has_no_link():
    name = ProvinceName.objects.order_by("pk").first()
    assert name is not None
    assert name.get_absolute_url() == ""


def _rule(**fields) -> CalendarRule:
    values = {
        "name": "Quy định thử",
        "valid_from": datetime.date(2025, 1, 1),
        "legal_basis": "Thông tư 14/2024/TT-BCT",
    }
    values.update(fields)
    return CalendarRule(**values)


@pytest.mark.parametrize(
    ("valid_to", "day", "in_force"),
    [
        (None, datetime.date(2024, 12, 31), False),
        (None, datetime.date(2025, 1, 1), True),
        (None, datetime.date(2040, 1, 1), True),
        (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30), True),
        (datetime.date(2025, 6, 30), datetime.date(2025, 7, 1), False),
    ],
)
def test_in_force_on_a_day(valid_to, day, in_force):
    rule = _rule(valid_to=valid_to)
    assert rule.is_valid_at(day) is in_force
    rule.save()
    assert valid_at(CalendarRule.objects.filter(pk=rule.pk), day).exists() is in_force


def test_an_end_before_the_start_is_refused_naming_the_field():
    rule = _rule(valid_to=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "valid_to" in error.value.message_dict
    assert "Ngày hết hiệu lực phải sau ngày có hiệu lực." in error.value.message_dict["valid_to"]
