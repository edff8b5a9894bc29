"""Hardening of the web surface: the API schema and docs behind login, expiring API tokens, the
Content-Security-Policy header and templates without inline scripts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_api_schema_and_docs_need_a_login(client, client_for):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code in {401, 403}
    assert b"/api/accounts/units/" not in schema.content
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 302
    assert docs["Location"].startswith(reverse("login"))
    script = client.get(reverse("api-docs"), {"script": ""})
    assert script.status_code == 302

    leader = client_for("leader")
    assert leader.get(reverse("api-schema")).status_code == 200
    page = leader.get(reverse("api-docs"))
    assert page.status_code == 200
    script = leader.get(reverse("api-docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert reverse("api-schema") in script.content.decode()
