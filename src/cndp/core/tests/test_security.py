"""Hardening of the web surface: the API schema and docs behind login, expiring API tokens, the
Content-Security-Policy header and templates without inline scripts."""

import json
import re

import pytest
from django.conf import settings
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


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
INLINE_HANDLER = re.compile(
    r"<[a-z][^>]*?\s(on[a-z]+|(?:data-)?hx-on[:\-a-z]*)\s*=", re.IGNORECASE | re.DOTALL
)


def _inline_code(html: str) -> list[str]:
    """Inline executable code in a page or template: <script> without src (JSON data blocks are allowed),
    on*= handlers, htmx's hx-on (evaluated code) and javascript: URLs."""
    found = []
    for match in SCRIPT_TAG.finditer(html):
        attrs = match.group(1)
        if "src=" not in attrs and 'type="application/json"' not in attrs:
            found.append(match.group(0))
    found += [m.group(0)[:80] for m in INLINE_HANDLER.finditer(html)]
    found += re.findall(r"""(?:href|action)\s*=\s*["']\s*javascript:""", html, re.IGNORECASE)
    return found


def test_inline_code_detector_finds_what_csp_would_block():
    assert _inline_code('<script>alert(1)</script><button onclick="x()">') == [
        "<script>",
        "<button onclick=",
    ]
    assert _inline_code('<form hx-on::after-request="this.reset()">')
    assert _inline_code('<a href="javascript:void(0)">')
    assert not _inline_code(
        '<script src="/static/a.js" defer></script><script type="application/json" id="d">'
    )
    assert not _inline_code('<button data-print type="button">In</button><p>online=1</p>')


def test_no_template_has_inline_script_or_event_handler():
    templates = [p for p in settings.PACKAGE_DIR.rglob("templates/**/*.html")]
    assert len(templates) > 50
    offenders = {
        str(p.relative_to(settings.PACKAGE_DIR)): found
        for p in templates
        if (found := _inline_code(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_python_code_writes_inline_script_or_event_handler():
    """HTML built in Python (format_html in tables, widgets) obeys the same rule as the templates."""
    sources = [p for p in settings.PACKAGE_DIR.rglob("*.py") if "tests" not in p.parts]
    assert len(sources) > 50
    offenders = {
        str(p.relative_to(settings.PACKAGE_DIR)): found
        for p in sources
        if (found := _inline_code(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "url_name, role",
    [("login", None), ("home", "leader"), ("places:province_list", "leader"), ("api-docs", "leader")],
)
def test_pages_carry_a_strict_content_security_policy(client, client_for, url_name, role):
    response = (client_for(role) if role else client).get(reverse(url_name))
    assert response.status_code == 200
    policy = dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert _inline_code(response.content.decode()) == []


def test_htmx_runs_without_eval_and_inline_styles(client):
    html = client.get(reverse("login")).content.decode()
    config = re.search(r"""<meta name="htmx-config" content='([^']+)'>""", html)
    assert config, "htmx-config meta missing"
    assert json.loads(config.group(1)) == {
        "allowEval": False,
        "allowScriptTags": False,
        "includeIndicatorStyles": False,
    }
    assert "cndp/cndp.js" in html
