"""User administration: roles through the UI are recorded in the audit history; name order; scope."""

import pytest
from django.urls import reverse

from cndp.accounts.models import Unit, User

pytestmark = pytest.mark.django_db


def test_admin_creates_a_user_with_roles_and_history_records_them(client_for, demo):
    client = client_for("admin")
    unit = Unit.objects.get(code="so-ct-48")
    data = {
        "username": "sodanang2",
        "full_name": "  Nguyễn   Thị Mai ",
        "email": "mai@cndp.local",
        "unit": unit.pk,
        "roles": ["province_officer"],
        "is_active": "on",
    }
    response = client.post(reverse("accounts:user_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="sodanang2")
    assert user.full_name == "Nguyễn Thị Mai"
    assert user.roles == ["province_officer"]
    assert user.scope_province_id == unit.province_id
    assert user.history.first().history_user == demo["admin"]

    data["roles"] = ["province_officer", "leader"]
    client.post(reverse("accounts:user_edit", args=[user.pk]), data)
    user = User.objects.get(pk=user.pk)
    assert sorted(user.roles) == ["leader", "province_officer"]
    page = client.get(reverse("accounts:user_history", args=[user.pk])).content.decode()
    assert "leader" in page  # the role change is in the audit history


def test_agency_officer_cannot_create_users(client_for):
    response = client_for("agency_officer").post(
        reverse("accounts:user_add"), {"username": "x", "full_name": "X"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_user_name_sort_key_is_refreshed_on_rename(demo):
    user = demo["leader"]
    before = user.name_sort_key
    user.full_name = "Vũ Đức An"
    user.save()
    assert user.name_sort_key < before  # An sorts before Long
