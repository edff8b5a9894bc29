"""The member API: creation through the service (with its first events), the history read-only, the
denormalised cell and dates not writable, the standing filters shared with the list."""

import datetime

import pytest
from django.urls import reverse

from cndp.party.models import Member

from .factories import cell

pytestmark = pytest.mark.django_db


def test_api_create_writes_the_history(client_for):
    payload = {
        "full_name": "Cao Văn Mới",
        "gender": "male",
        "birth_date": "1990-01-01",
        "cell": cell("cb-kh").pk,
        "admitted_on": "2015-02-03",
        "official_on": "2016-02-03",
    }
    response = client_for("party_officer").post(
        reverse("party-api:member-list"), payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert [(e["kind"], e["date"]) for e in data["events"]] == [
        ("admitted", "2015-02-03"),
        ("official", "2016-02-03"),
    ]
    assert Member.objects.get(pk=data["id"]).cell.code == "cb-kh"


def test_api_create_refusal_names_the_field(client_for):
    payload = {
        "full_name": "Cao Văn Sớm",
        "gender": "male",
        "cell": cell().pk,
        "admitted_on": "2015-02-03",
        "official_on": "2015-12-01",
    }
    response = client_for("party_officer").post(
        reverse("party-api:member-list"), payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert "từ ngày 03/02/2016" in response.json()["official_on"][0]
    assert not Member.objects.filter(full_name="Cao Văn Sớm").exists()


def test_api_update_cannot_rewrite_the_history(client_for):
    member = Member.objects.filter(official_on__isnull=False).first()
    url = reverse("party-api:member-detail", args=[member.pk])
    response = client_for("party_officer").patch(
        url,
        {"admitted_on": "2020-01-01", "cell": cell("cb-cs").pk, "card_number": "123"},
        content_type="application/json",
    )
    assert response.status_code == 200
    fresh = Member.objects.get(pk=member.pk)
    assert (fresh.admitted_on, fresh.cell_id, fresh.card_number) == (
        member.admitted_on,
        member.cell_id,
        "123",
    )


def test_api_filters_by_standing_at_a_date(client_for):
    response = client_for("leader").get(
        reverse("party-api:member-list"), {"at": "10/06/2015", "status": "probationary"}
    )
    assert response.json()["count"] == 13


# ---- a plausible birth date -------------------------------------------------------------------------


def test_birth_date_before_1900_is_refused_on_create_and_edit(client_for):
    from .factories import make_member

    payload = {
        "full_name": "Cao Văn Cổ",
        "gender": "male",
        "birth_date": "1800-01-01",
        "cell": cell().pk,
        "admitted_on": "2015-02-03",
    }
    client = client_for("party_officer")
    response = client.post(reverse("party-api:member-list"), payload, content_type="application/json")
    assert response.status_code == 400
    assert "01/01/1900" in response.json()["birth_date"][0]
    assert not Member.objects.filter(full_name="Cao Văn Cổ").exists()

    member = make_member()
    url = reverse("party-api:member-detail", args=[member.pk])
    response = client.patch(url, {"birth_date": "1800-01-01"}, content_type="application/json")
    assert response.status_code == 400
    assert "01/01/1900" in response.json()["birth_date"][0]
    member.refresh_from_db()
    assert member.birth_date.year == 1980


def test_edited_birth_date_must_leave_the_member_18_at_admission(client_for):
    from .factories import make_member

    member = make_member(admitted_on=datetime.date(2010, 3, 1))
    url = reverse("party-api:member-detail", args=[member.pk])
    client = client_for("party_officer")
    response = client.patch(url, {"birth_date": "1995-01-01"}, content_type="application/json")
    assert response.status_code == 400
    assert "đủ 18 tuổi" in response.json()["birth_date"][0]
    assert "01/03/1992" in response.json()["birth_date"][0]
    response = client.patch(url, {"birth_date": "1992-03-01"}, content_type="application/json")
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert member.birth_date == datetime.date(1992, 3, 1)


def test_edit_screen_refuses_a_birth_date_before_1900(client_for):
    from .factories import make_member

    member = make_member()
    response = client_for("party_officer").post(
        reverse("party:member_edit", args=[member.pk]),
        {"full_name": member.full_name, "gender": "male", "birth_date": "01/01/1800", "card_number": ""},
    )
    assert response.status_code == 400  # the form shown again with its errors
    assert "01/01/1900" in str(response.context["form"].errors["birth_date"])
    member.refresh_from_db()
    assert member.birth_date.year == 1980
