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


def _api_get(client, key):
    return client.get(reverse("api-root"), HTTP_AUTHORIZATION=f"Token {key}")


def test_api_token_expires_after_the_configured_days_and_is_renewed(client, demo, settings):
    from datetime import datetime, timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from cndp.core.demo import DEMO_PASSWORD

    settings.CNDP_API_TOKEN_DAYS = 30
    issued = client.post(reverse("api-token"), {"username": "chuyenvien", "password": DEMO_PASSWORD})
    assert issued.status_code == 200
    key = issued.json()["token"]
    expires = datetime.fromisoformat(issued.json()["expires"])
    assert abs(expires - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert _api_get(client, key).status_code == 200

    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=29, hours=23))
    assert _api_get(client, key).status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=30, minutes=1))
    refused = _api_get(client, key)
    assert refused.status_code == 401
    assert "Mã truy cập API đã hết hạn" in refused.json()["detail"]
    assert "30 ngày" in refused.json()["detail"]

    # asking again with the password replaces the expired token; the old key stays refused
    renewed = client.post(reverse("api-token"), {"username": "chuyenvien", "password": DEMO_PASSWORD})
    new_key = renewed.json()["token"]
    assert new_key != key
    assert _api_get(client, new_key).status_code == 200
    assert _api_get(client, key).status_code == 401
    # a valid token is handed back unchanged
    again = client.post(reverse("api-token"), {"username": "chuyenvien", "password": DEMO_PASSWORD})
    assert again.json()["token"] == new_key


def test_api_token_days_is_a_setting(client, demo, settings):
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=demo["leader"])
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=3))
    settings.CNDP_API_TOKEN_DAYS = 2
    assert _api_get(client, token.key).status_code == 401
    settings.CNDP_API_TOKEN_DAYS = 5
    assert _api_get(client, token.key).status_code == 200
