"""Shared test fixtures: the demo data is loaded once into the test database (after migrations) and
snapshotted; `demo` restores the snapshot if a transactional (browser) test flushed it
(cndp.core.tests.databases.ensure_demo)."""

import pytest
from hypothesis import HealthCheck, settings

# The browser tests' `browser` fixture, shared by tests/e2e/ and the apps' test_e2e*.py.
pytest_plugins = ["cndp.core.tests.browser"]

# Property tests assert behaviour, never speed (benchmarks/ measure it): no deadline and no too-slow health
# check, so a loaded CI machine cannot fail them.
settings.register_profile("cndp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cndp")


@pytest.fixture(autouse=True)
def _interface_language():
    """Every test starts in the default language (Vietnamese): a request through LocaleMiddleware leaves the
    language it chose active in the thread, so without this a test's figures would depend on the test
    before it (an English request → "2.9 %" in the next test)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test ends with Django's cache emptied (the test settings' in-process cache lives as long as
    the worker): the URL sweep lays out no PDF (`write_pdf` → 8 bytes) and the delegate cards it asked for
    were kept under the same key a later test in that worker read them by — an official-outputs test then
    got an 8-byte PDF, depending on which test files shared a worker."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


DEMO_USERS = {
    "admin": "quantri",
    "agency_officer": "chuyenvien",
    "province_officer": "sohanoi",
    "province_officer_2": "sodanang",
    "party_officer": "danguy",
    "counting_board": "kiemphieu",
    "leader": "lanhdao",
    "ministry_unit_officer": "phapche",  # made by the follow-up's demo (Vụ Pháp chế)
}


def _ensure_demo():
    from cndp.core.tests.databases import ensure_demo

    ensure_demo()


def _flushes_database(item) -> bool:
    """A transactional test (the live server of a browser test, `transactional_db`,
    `django_db(transaction=True)`) empties the test database when it ends."""
    from pytest_django.fixtures import validate_django_db

    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names or "django_db_reset_sequences" in names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transactional, reset_sequences, *_ = validate_django_db(marker)
    return transactional or reset_sequences


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """The demo back, outside any test's transaction, after a transactional test whose teardown fell
    back to Django's flush (`databases._flush_to_demo` leaves the demo itself in every other case; then
    this finds it and does nothing): the tests run in parallel workers (pytest-xdist), and a worker may
    run an ordinary test after a transactional one — inside its transaction the snapshot could not be
    written back (SQLite: "database table is locked"), and the reference data it reads would be gone."""
    result = yield
    if nextitem is not None and _flushes_database(item):  # after the last test the database is gone
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _ensure_demo()
    return result


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from cndp.core.tests.databases import install_demo_teardown

    install_demo_teardown()
    with django_db_blocker.unblock():
        _ensure_demo()


@pytest.fixture
def demo(db):
    _ensure_demo()
    from cndp.accounts.models import User

    return {role: User.objects.get(username=username) for role, username in DEMO_USERS.items()}


@pytest.fixture
def client_for(client, demo):
    """client_for("province_officer") → a test client logged in as that demo user."""
    from django.test import Client

    def make(role):
        c = Client()
        c.force_login(demo[role])
        return c

    return make
