"""The member API: creation through the service (with its first events), the history read-only, the
denormalised cell and dates not writable, the standing filters shared with the list."""

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
