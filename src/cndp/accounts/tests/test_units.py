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


def test_the_api_reads_and_sets_the_head_within_the_officers_scope(demo):
    """The API shows the head and writes it through the same rules as the form: a province officer names a
    user of its own unit; a user of another province is refused naming the field (scope check), another
    unit's user is invalid (the model's check), another province's unit is not even found."""
    from rest_framework.test import APIClient

    officer = demo["province_officer"]
    unit = Unit.objects.get(pk=officer.unit_id)
    api = APIClient()
    api.force_authenticate(officer)
    url = reverse("accounts-api:unit-detail", args=[unit.pk])
    assert "head" in api.get(url).json()
    outsider = demo["province_officer_2"]  # Đà Nẵng's
    refused = api.patch(url, {"head": outsider.pk}, format="json")
    assert refused.status_code == 403 and "head" in refused.json()
    neighbour = User.objects.filter(unit__province_id=unit.province_id).exclude(unit=unit).first()
    if neighbour is not None:
        assert api.patch(url, {"head": neighbour.pk}, format="json").status_code == 400
    elsewhere = Unit.objects.get(pk=outsider.unit_id)
    other = api.patch(
        reverse("accounts-api:unit-detail", args=[elsewhere.pk]), {"head": outsider.pk}, format="json"
    )
    assert other.status_code == 404
    assert Unit.objects.get(pk=elsewhere.pk).head_id == elsewhere.head_id
    unit.refresh_from_db()
    assert unit.head_id is None
    saved = api.patch(url, {"head": officer.pk}, format="json")
    assert saved.status_code == 200 and saved.json()["head"] == officer.pk
    unit.refresh_from_db()
    assert unit.head == officer and unit.history.first().history_user == officer


def test_the_api_shows_whether_an_obligation_recurs(demo):
    from rest_framework.test import APIClient

    from cndp.obligations.models import Obligation

    api = APIClient()
    api.force_authenticate(demo["agency_officer"])
    rows = api.get(reverse("obligations-api:obligation-list")).json()["results"]
    assert rows and all(isinstance(row["recurring"], bool) for row in rows)
    recurring = Obligation.objects.filter(recurring=True).first()
    if recurring is not None:
        detail = api.get(reverse("obligations-api:obligation-detail", args=[recurring.pk])).json()
        assert detail["recurring"] is True
