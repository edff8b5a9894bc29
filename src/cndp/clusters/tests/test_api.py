"""The clusters' API: the list's scope and filters; writes through the service (80 ha refused naming 75 ha
and the Decree; a province officer cannot move a cluster to another province); reports read-only."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.clusters.models import Cluster, ClusterReport

from .factories import province

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def payload(**overrides):
    data = {
        "code": "API-01",
        "name": "Cụm công nghiệp Thử API",
        "province": province("01").pk,
        "planned_area": "80",
    }
    data.update(overrides)
    return data


def test_create_refuses_80_ha_then_accepts(demo):
    client = api(demo["province_officer"])
    response = client.post(reverse("clusters-api:cluster-list"), payload(), format="json")
    assert response.status_code == 400
    text = str(response.json())
    assert "75 ha" in text and "Nghị định 32/2024/NĐ-CP" in text
    response = client.post(reverse("clusters-api:cluster-list"), payload(planned_area="40"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "planned" and body["province_current"] == province("01").pk


def test_province_officer_cannot_move_cluster_out(demo):
    cluster = Cluster.objects.filter(province_current=province("01")).order_by("pk").first()
    client = api(demo["province_officer"])
    url = reverse("clusters-api:cluster-detail", args=[cluster.pk])
    response = client.patch(url, {"province": province("48").pk}, format="json")
    assert response.status_code == 403
    cluster.refresh_from_db()
    assert cluster.province_current == province("01")


def test_scope_and_filters(demo):
    other = api(demo["province_officer_2"])
    listed = other.get(reverse("clusters-api:cluster-list"), {"page_size": 500}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows and all(r["province_current"] == province("48").pk for r in rows)
    hanoi = Cluster.objects.filter(province_current=province("01")).first()
    assert other.get(reverse("clusters-api:cluster-detail", args=[hanoi.pk])).status_code == 404
    agency = api(demo["agency_officer"])
    flagged = agency.get(reverse("clusters-api:cluster-list"), {"flagged": "true"}).json()
    rows = flagged["results"] if isinstance(flagged, dict) else flagged
    assert rows and all(r["flagged"] and r["flags"] for r in rows)
    report = ClusterReport.objects.filter(province=province("01")).first()
    assert other.get(reverse("clusters-api:clusterreport-detail", args=[report.pk])).status_code == 404
    assert agency.patch(reverse("clusters-api:clusterreport-detail", args=[report.pk]), {}).status_code == 405
