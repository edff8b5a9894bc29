"""The API keeps the screens' scope: a province officer lists only its province's tasks; only a unit
assigned reports (201), anyone else is refused (403); the agency confirms and extends by actions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.followup.models import Task
from cndp.followup.tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_province_officer_lists_only_its_province(demo):
    response = _client(demo["province_officer"]).get(reverse("followup-api:task-list"), {"page_size": 500})
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    hanoi = f.province("01").pk
    assert rows and {row["province"] for row in rows} == {hanoi}


def test_only_the_units_assigned_report_and_the_agency_confirms(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", ["so-ct-01"], D(2040, 9, 30)))  # reported today: on time
    lead = task.assignments.get(role="lead")
    url = reverse("followup-api:progressreport-list")
    payload = {"assignment": lead.pk, "text": "Đã xong", "percent": 100, "done": True}
    for user in (f.agency(), demo["province_officer"]):
        assert _client(user).post(url, payload, format="json").status_code == 403
    # another province's officer, or an officer of a Ministry unit neither lead nor coordinator: the task
    # is outside their scope, not even found
    for user in (demo["province_officer_2"], f.member_of("bct-cn", "congnghiep_test")):
        assert _client(user).post(url, payload, format="json").status_code == 404
    assert not lead.reports.exists()
    response = _client(f.member_of("bct-vpc", "phapche_test")).post(url, payload, format="json")
    assert response.status_code == 201, response.content
    detail = reverse("followup-api:task-detail", args=[task.pk])
    assert len(_client(f.agency()).get(detail).json()["assignments"]) == 2
    refused = _client(demo["province_officer"]).post(reverse("followup-api:task-confirm", args=[task.pk]))
    assert refused.status_code == 403
    confirmed = _client(f.agency()).post(reverse("followup-api:task-confirm", args=[task.pk]))
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "done"
    assert confirmed.json()["gov_status"] == "done_on_time"
    assert Task.objects.get(pk=task.pk).state == "done"


def test_an_extension_through_the_api_needs_a_reason(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("arid", [], D(2026, 9, 30)))
    url = reverse("followup-api:task-extend", args=[task.pk])
    client = _client(f.agency())
    assert (
        client.post(url, {"new_deadline": "2026-12-31", "agreed_by": "Thứ trưởng"}, format="json").status_code
        == 400
    )
    ok = client.post(
        url, {"new_deadline": "2026-12-31", "reason": "Chờ ý kiến", "agreed_by": "Thứ trưởng"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["deadline"] == "2026-12-31"
