"""API fuzzing from the OpenAPI schema (schemathesis), run by CI as its own step:

    python -m pytest tests/fuzz_api.py -q

Every operation of `/api/schema/` is called with generated data (valid and invalid) as an administrator
(quantri) and as a province officer (sohanoi), authenticated with a token, on the demo data; the run fails
on any 5xx, any response that does not match its schema (body, status code, content type). The file name
does not start with `test_`, so the main suite does not collect it; it is bounded by `FUZZ_EXAMPLES`
examples per operation and user (default 15) and is deterministic unless `FUZZ_RANDOM=1`.

The schema comes from the generator in-process (no login needed to read it), the requests go to the Django
WSGI application in-process, and each operation runs inside a test transaction rolled back after it, in the
test database of the run: the fuzzer's writes never reach the demo data of other tests.
"""

from __future__ import annotations

import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
ROLES = ["admin", "province_officer"]  # quantri, sohanoi (conftest.DEMO_USERS)

CALLS: Counter = Counter()  # (operation, role) → requests sent
STATUSES: Counter = Counter()  # status code → responses
EXISTING: dict[str, list[int]] = {}

# The coverage phase (boundary values of every parameter, ~70 to several hundred requests per operation)
# is unbounded by `max_examples`; the bounded run uses the explicit examples and generated data (valid and
# invalid). FUZZ_COVERAGE=1 adds it for a deeper run.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": os.environ.get("FUZZ_COVERAGE") == "1"}}}
)
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True), config=CONFIG
)
schema.app = get_wsgi_application()


@pytest.fixture(scope="module", autouse=True)
def figures(request):
    """Print what was sent: operations × users, requests, status codes, time."""
    started = time.monotonic()
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if CALLS:
        operations = len({operation for operation, _role in CALLS})
        with capture.global_and_fixture_disabled():
            print(
                f"\nfuzz: {operations} operations x {len(ROLES)} users, {sum(CALLS.values())} requests "
                f"(max {max(CALLS.values())} per operation and user, {EXAMPLES} generated), "
                f"statuses {dict(sorted(STATUSES.items()))}, {time.monotonic() - started:.0f} s",
            )


def existing_ids(path: str) -> list[int]:
    """Primary keys of the model behind a detail path (/api/party/members/{id}/), to aim at real objects."""
    if path not in EXISTING:
        view = getattr(resolve(path.replace("{id}", "0")).func, "cls", None)
        queryset = getattr(view, "queryset", None)
        EXISTING[path] = (
            list(queryset.model._default_manager.order_by("pk").values_list("pk", flat=True)[:500])
            if queryset is not None
            else []
        )
    return EXISTING[path]


@pytest.fixture(scope="module", autouse=True)
def keep_connection():
    """The WSGI handler closes the database connection after each request (a connection inside a
    transaction is "obsolete"), which would end the test transaction; Django's test client keeps it
    open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(demo):
    from rest_framework.authtoken.models import Token

    return {role: Token.objects.get_or_create(user=demo[role])[0].key for role in ROLES}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api(case, role, tokens):
    # A generated id rarely names an object: a non-negative one is mapped onto an existing object (which
    # the province officer may or may not see), a negative or malformed one stays to exercise the 404.
    ident = (case.path_parameters or {}).get("id")
    if isinstance(ident, int) and ident >= 0 and (ids := existing_ids(case.operation.path)):
        case.path_parameters["id"] = ids[ident % len(ids)]
    CALLS[case.operation.label, role] += 1
    response = case.call_and_validate(headers={"Authorization": f"Token {tokens[role]}"}, checks=CHECKS)
    STATUSES[response.status_code] += 1
