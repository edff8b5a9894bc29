"""Kept page parts (core.fragments): a list's table and filters and the home page are taken from the
cache while the data has not changed, and rendered again after any change, for another user, query,
language or day; a kept part that differs from a fresh one is caught in the test settings."""

import datetime
import itertools
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cndp.accounts.models import Unit
from cndp.core import fragments, generic

pytestmark = pytest.mark.django_db
_codes = itertools.count()  # the examples of a property share the test's database


def _renders():
    """Count the list parts rendered (not taken from the cache) while the patch is active."""
    real = generic.ObjectListView.list_part
    calls = []

    def counting(self):
        calls.append(self.request.get_full_path())
        return real(self)

    return calls, mock.patch.object(generic.ObjectListView, "list_part", counting)


@pytest.fixture
def no_verify(settings):
    """Kept parts taken as they are (the test settings render each one again to compare)."""
    settings.CNDP_FRAGMENT_CACHE_VERIFY = False


def test_a_list_is_rendered_once_while_nothing_changes(client_for, no_verify):
    client = client_for("admin")
    calls, patch = _renders()
    with patch:
        first = client.get(reverse("accounts:unit_list")).content
        second = client.get(reverse("accounts:unit_list")).content
    assert len(calls) == 1

    def table(html):
        return html[html.index(b"<table") : html.index(b"</table>")]

    assert table(first) == table(second) and b"<tbody" in table(first)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda unit: Unit.objects.filter(pk=unit.pk).update(name="Văn phòng Cục (mới)"), id="update"
        ),
        pytest.param(lambda unit: setattr(unit, "name", "Văn phòng Cục (mới)") or unit.save(), id="save"),
    ],
)
def test_a_change_shows_at_once(client_for, no_verify, change):
    client = client_for("admin")
    unit = Unit.objects.get(code="arid-vp")
    url = reverse("accounts:unit_list") + "?q=arid"
    assert "Văn phòng Cục (mới)" not in client.get(url).content.decode()
    change(unit)
    assert "Văn phòng Cục (mới)" in client.get(url).content.decode()


def test_a_new_record_is_counted_at_once(client_for, no_verify):
    client = client_for("admin")
    before = client.get(reverse("accounts:unit_list")).context["result_count"]
    Unit.objects.create(code="them-mot", name="Đơn vị thêm một", kind=Unit.objects.first().kind)
    assert client.get(reverse("accounts:unit_list")).context["result_count"] == before + 1


def test_each_user_has_their_own(client_for, no_verify):
    """The project list of the agency and of a province officer: the province officer never gets the
    agency's table (nor its count), though the address is the same."""
    url = reverse("extension:project_list")
    agency = client_for("agency_officer").get(url).context["result_count"]
    province = client_for("province_officer").get(url).context["result_count"]
    assert province < agency
    assert client_for("province_officer").get(url).context["result_count"] == province


def test_the_query_string_and_the_language_are_in_the_key(client_for, no_verify):
    client = client_for("admin")
    url = reverse("accounts:unit_list")
    calls, patch = _renders()
    with patch:
        client.get(url)
        filtered = client.get(url, {"q": "hanoi"})
        client.get(url, {"q": "hanoi"})
        client.post(reverse("set_language"), {"language": "en", "next": url})
        english = client.get(url, {"q": "hanoi"}).content.decode()
    assert len(calls) == 3
    assert filtered.context["result_count"] < client.get(url).context["result_count"]
    assert "records" in english and "bản ghi" not in english


def test_another_day_renders_again(client_for, no_verify):
    client = client_for("admin")
    calls, patch = _renders()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with patch:
        client.get(reverse("accounts:unit_list"))
        with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
            client.get(reverse("accounts:unit_list"))
    assert len(calls) == 2


def test_inside_a_transaction_nothing_is_kept(rf, demo, no_verify):
    calls = []
    with transaction.atomic():
        request = rf.get("/x/")
        request.user = demo["admin"]
        fragments.kept(request, "t", lambda: calls.append(1) or "a")
        fragments.kept(request, "t", lambda: calls.append(1) or "a")
    assert len(calls) == 2


def test_off_by_setting(client_for, settings):
    settings.CNDP_FRAGMENT_CACHE = False
    client = client_for("admin")
    calls, patch = _renders()
    with patch:
        client.get(reverse("accounts:unit_list"))
        client.get(reverse("accounts:unit_list"))
    assert len(calls) == 2


def test_verify_mode_catches_a_kept_part_that_differs(rf, demo):
    request = rf.get("/x/")
    request.user = demo["admin"]
    assert fragments.kept(request, "t", lambda: "thật") == "thật"
    assert fragments.kept(request, "t", lambda: "thật") == "thật"  # equal: taken
    with pytest.raises(fragments.VerifyError):
        fragments.kept(request, "t", lambda: "khác")  # a key that missed what changed the output


def test_the_home_page_follows_a_change(client_for, no_verify):
    client = client_for("admin")
    html = client.get(reverse("home")).content.decode()
    units = Unit.objects.count()
    assert f">{units}<" in html.replace(".", "")
    Unit.objects.create(code="them-hai", name="Đơn vị thêm hai", kind=Unit.objects.first().kind)
    assert f">{units + 1}<" in client.get(reverse("home")).content.decode().replace(".", "")


@hsettings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["read", "rename", "add", "remove"]),
            st.sampled_from(["admin", "agency_officer", "province_officer"]),
            st.sampled_from(["", "?q=so", "?q=ha+noi", "?sort=name", "?sort=-code", "?page=2"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_property_a_kept_part_is_always_what_would_be_rendered_now(client_for, steps):
    """Random reads and writes by several users: every part taken from the cache equals the same part
    rendered now (the test settings' verify mode raises otherwise), and every page shows the data as
    it is."""
    cache.clear()
    kind = Unit.objects.first().kind
    clients = {}
    made = []
    for n, (action, role, query) in enumerate(steps):
        if action == "rename":
            Unit.objects.filter(code="arid-vp").update(name=f"Văn phòng {n}")
        elif action == "add":
            made.append(Unit.objects.create(code=f"p-{next(_codes)}", name=f"Đơn vị P {n}", kind=kind).pk)
        elif action == "remove" and made:
            Unit.objects.filter(pk=made.pop()).delete()
        client = clients.setdefault(role, client_for(role))
        response = client.get(reverse("accounts:unit_list") + query)
        assert response.status_code == 200
        expected = Unit.objects.restrict(response.wsgi_request.user, "view").count()
        if "q=" not in query:
            assert response.context["result_count"] == expected


def test_other_settings_render_again(client_for, settings, no_verify):
    """A test (or a deployment) with other settings does not take a part rendered under the old ones."""
    client = client_for("admin")
    calls, patch = _renders()
    with patch:
        client.get(reverse("accounts:unit_list"))
        settings.USE_THOUSAND_SEPARATOR = not settings.USE_THOUSAND_SEPARATOR
        client.get(reverse("accounts:unit_list"))
    assert len(calls) == 2
