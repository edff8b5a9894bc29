"""The shared FilterSet base: number filters never reach the database with a value it cannot hold."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.extension.filtersets import BeneficiaryFilterSet
from cndp.extension.models import Beneficiary

pytestmark = pytest.mark.django_db

HUGE = "9" * 20  # past 64 bits: SQLite raised OverflowError on the foreign-key lookup


def test_number_filter_past_64_bits_is_invalid_not_a_crash(demo):
    filterset = BeneficiaryFilterSet({"project": HUGE}, queryset=Beneficiary.objects.all())
    assert not filterset.is_valid()
    assert "project" in filterset.errors
    filterset = BeneficiaryFilterSet({"project": str(2**63 - 1)}, queryset=Beneficiary.objects.all())
    assert filterset.is_valid()
    assert list(filterset.qs) == []


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_api_filter_overflow_is_a_400(demo, value):
    client = APIClient()
    client.force_authenticate(demo["admin"])
    response = client.get("/api/extension/beneficiaries/", {"project": value})
    assert response.status_code == 400
    assert "project" in response.json()
    assert client.get("/api/extension/beneficiaries/", {"project": "1"}).status_code == 200


def test_html_list_with_overflowing_filter_still_renders(demo, client_for):
    response = client_for("admin").get(reverse("extension:beneficiary_list"), {"project": HUGE})
    assert response.status_code == 200
