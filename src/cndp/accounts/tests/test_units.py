"""A unit's head (thủ trưởng đơn vị): one of the unit's own users, set in the unit's form (or the admin),
recorded in the unit's history; a province officer sets it only for its province's units, and only to
the unit's users."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cndp.accounts.models import Unit, User

pytestmark = pytest.mark.django_db


def _form_data(unit: Unit, **changes) -> dict:
    data = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "province": unit.province_id or "",
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "head": unit.head_id or "",
        "is_active": "on" if unit.is_active else "",
    }
    data.update(changes)
    return data


def test_the_head_is_one_of_the_units_users(demo):
    unit = Unit.objects.get(code="bct-vpc")
    unit.head = User.objects.get(username="sohanoi")  # of Hà Nội's Department
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "head" in error.value.message_dict
    unit.head = User.objects.get(username="phapche")
    unit.full_clean()


def test_the_agency_sets_a_head_in_the_units_form_and_the_history_records_it(client_for, demo):
    unit = Unit.objects.get(code="so-ct-01")
    head = demo["province_officer"]  # sohanoi, of that Department
    response = client_for("agency_officer").post(
        reverse("accounts:unit_edit", args=[unit.pk]), _form_data(unit, head=head.pk)
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    unit.refresh_from_db()
    assert unit.head == head
    version = unit.history.first()
    assert version.head_id == head.pk and version.history_user == demo["agency_officer"]
    page = client_for("agency_officer").get(reverse("accounts:unit_detail", args=[unit.pk])).content.decode()
    assert head.full_name in page


def test_a_province_officer_may_name_only_its_units_users(client_for, demo):
    unit = Unit.objects.get(code="so-ct-01")
    client = client_for("province_officer")
    form = client.get(reverse("accounts:unit_edit", args=[unit.pk])).context["form"]
    assert set(form.fields["head"].queryset) == set(User.objects.filter(unit=unit, is_active=True))
    outsider = demo["province_officer_2"]  # Đà Nẵng's
    response = client.post(reverse("accounts:unit_edit", args=[unit.pk]), _form_data(unit, head=outsider.pk))
    assert response.status_code == 400 and "head" in response.context["form"].errors  # not the unit's
    unit.refresh_from_db()
    assert unit.head_id is None
    response = client.post(
        reverse("accounts:unit_edit", args=[unit.pk]), _form_data(unit, head=demo["province_officer"].pk)
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.head == demo["province_officer"]
