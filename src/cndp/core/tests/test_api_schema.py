"""The API schema tells the truth: each operation declares its error responses, and the bodies the API
sends match their schema (nullable and blank values included); a URL under /api/ never answers in HTML."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_declares_its_error_responses(schema):
    ops = list(operations(schema))
    assert len(ops) > 50
    for path, method, operation in ops:
        codes = set(operation["responses"])
        if path == "/api/token/":
            assert codes == {"200", "400"}
            continue
        assert {"401", "403"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method != "get":
            assert "400" in codes, (method, path)
    responses = schema["paths"]["/api/party/members/"]["get"]["responses"]
    assert set(responses) == {"200", "400", "401", "403", "404"}  # filters, page past the end
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    forbidden = responses["403"]["content"]["application/json"]["schema"]
    assert forbidden["properties"] == {"detail": {"type": "string"}}
    assert forbidden["additionalProperties"] == {"type": "string"}  # the reason per field out of scope


def test_blank_and_null_values_are_in_the_schema(schema):
    components = schema["components"]["schemas"]
    assert components["Province"]["properties"]["successor_code"].get("nullable") is True
    for component, field in (("Delegate", "exclusion"), ("Comment", "answer")):
        refs = [option["$ref"] for option in components[component]["properties"][field]["oneOf"]]
        assert "#/components/schemas/BlankEnum" in refs, (component, field)
    assert components["BlankEnum"]["enum"] == [""]


def test_api_bodies_with_blank_and_null_values(demo):
    from cndp.congress.models import Delegate
    from cndp.places.models import Province

    client = APIClient()
    client.force_authenticate(demo["admin"])
    province = Province.objects.filter(successor__isnull=True).first()
    assert client.get(f"/api/places/provinces/{province.pk}/").json()["successor_code"] is None
    delegate = Delegate.objects.filter(exclusion="").first()
    assert client.get(f"/api/congress/delegates/{delegate.pk}/").json()["exclusion"] == ""


@pytest.mark.parametrize("path", ["/api/party/members/1.5/", "/api/nowhere/", "/api/places/provinces/x.y/"])
def test_unrouted_api_url_is_a_json_404(demo, path):
    client = APIClient()
    client.force_authenticate(demo["admin"])
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Không tìm thấy."}


def test_unrouted_page_is_still_the_html_404(client_for):
    response = client_for("admin").get("/party/members/1.5/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_refused_write_matches_the_declared_403(schema, demo):
    """A province officer changing an agency-only field gets the reason per field, as the schema says."""
    import jsonschema_rs

    officer = demo["province_officer"]
    client = APIClient()
    client.force_authenticate(officer)
    response = client.patch(f"/api/accounts/units/{officer.unit_id}/", {"code": "KHAC"}, format="json")
    assert response.status_code == 403
    body = response.json()
    assert "code" in body
    declared = schema["paths"]["/api/accounts/units/{id}/"]["patch"]["responses"]["403"]
    assert jsonschema_rs.is_valid(declared["content"]["application/json"]["schema"], body)
