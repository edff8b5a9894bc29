"""Every writable field of every API endpoint, changed as every role.

A province officer once left their province by `PATCH /api/accounts/units/<own unit>/ {"kind":
"agency_department"}`: the web form narrowed the choices, the API did not, and scope follows the unit's
kind. Here each (endpoint, role, field) is tried with a value chosen to hurt (a kind outside the province's,
another province, an agency parent unit, the other boolean) and the outcome is checked against a table
written out below: allowed → saved; refused → 4xx and the record unchanged; and after every request the
user is still confined to the province they started in.
"""

from __future__ import annotations

import datetime
import decimal
import importlib

import pytest
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from cndp.accounts.models import Unit, User
from cndp.clusters.forms import CLUSTER_FIELDS
from cndp.clusters.models import Cluster
from cndp.congress.models import Congress
from cndp.core.permissions import in_scope, user_province_id
from cndp.extension.models import Project
from cndp.extension.projects import lifecycle
from cndp.extension.projects.services import PROJECT_FIELDS

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "agency_officer",
    "province_officer",
    "province_officer_2",
    "party_officer",
    "counting_board",
    "leader",
]
API_URL_MODULES = [
    "accounts",
    "places",
    "party",
    "congress",
    "elections",
    "extension",
    "followup",
    "clusters",
    "indicators",
]

# What each role may change on each writable endpoint: "*" every writable field, a set names the fields,
# "" nothing (403 or 404). Written out on purpose: a change of rights or of a serializer fails here.
# (The hostile kind is one outside the province's kinds, so "kind" is refused here; a provincial kind is
# accepted: see test_the_reported_escape_is_closed.)
PROVINCE_UNIT_FIELDS = {"name", "short_name", "address", "phone", "email"}
PROVINCE_PROJECT_FIELDS = "*province"  # the proposal's own fields, inside the province
# A province officer may set every field of its clusters; a province outside its own is refused by the
# scope check (the hostile value here, the first unit, is old Hà Nội: inside Hà Nội, so allowed).
CLUSTER_PROVINCE_FIELDS = set(CLUSTER_FIELDS)
EXPECTED = {
    "clusters-api:cluster": {
        "admin": "*",
        "agency_officer": "*",
        "province_officer": CLUSTER_PROVINCE_FIELDS,
        "province_officer_2": "",  # another province's cluster: not even visible
        "party_officer": "",
        "counting_board": "",
        "leader": "",
    },
    "accounts-api:unit": {
        "admin": "*",
        "agency_officer": "*",
        "province_officer": PROVINCE_UNIT_FIELDS,
        "province_officer_2": "",  # another province's unit: not even visible
        "party_officer": "",
        "counting_board": "",
        "leader": "",
    },
    "places-api:region": {
        "admin": "*",
        "agency_officer": "*",
        "province_officer": "",
        "province_officer_2": "",
        "party_officer": "",
        "counting_board": "",
        "leader": "",
    },
    "party-api:member": {
        "admin": "*",
        "agency_officer": "",
        "province_officer": "",
        "province_officer_2": "",
        "party_officer": "*",
        "counting_board": "",
        "leader": "",
    },
    "congress-api:congress": {
        "admin": "*",
        "agency_officer": "",
        "province_officer": "",
        "province_officer_2": "",
        "party_officer": "*",
        "counting_board": "",
        "leader": "",
    },
    "extension-api:project": {
        "admin": "*",
        "agency_officer": "*",
        "province_officer": PROVINCE_PROJECT_FIELDS,
        "province_officer_2": "",
        "party_officer": "",
        "counting_board": "",
        "leader": "",
    },
}
# Fields that move a project out of the province (or point it at another province's unit): refused to a
# province officer even though they are the proposal's own fields.
PROJECT_SCOPE_FIELDS = {"province", "implementing_unit"}
# Fields whose hostile value is also invalid for an agency user (the rule, not the role, refuses): a 400
# naming the field is the right answer there.
MAY_BE_INVALID = {
    ("clusters-api:cluster", "planned_area"),  # Decree 32: at most 75 ha (at least 5 or 10)
    ("clusters-api:cluster", "kind"),  # an ordinary cluster needs 10 ha
    ("clusters-api:cluster", "mountain"),
    ("clusters-api:cluster", "latitude"),  # inside Viet Nam
    ("clusters-api:cluster", "longitude"),
    ("clusters-api:cluster", "state_support"),  # never more than the total investment
    ("extension-api:project", "province"),  # the implementing unit stays in its province
    ("extension-api:project", "implementing_unit"),
    ("extension-api:project", "programme"),  # a programme of another year or scope
    ("extension-api:project", "commune"),
    ("extension-api:project", "activity_type"),  # a cap per activity type
    ("extension-api:project", "start_date"),
    ("extension-api:project", "end_date"),
    ("extension-api:project", "plan_year"),
    ("extension-api:project", "extension_funds"),  # the funding cap
    ("extension-api:project", "counterpart_funds"),
    ("extension-api:project", "craft_village"),
    ("extension-api:project", "technology_line"),
    ("extension-api:project", "is_pilot"),
    ("congress-api:congress", "organisation"),
    ("congress-api:congress", "status"),  # the congress's own lifecycle
    ("congress-api:congress", "start_date"),
    ("congress-api:congress", "end_date"),
    ("congress-api:congress", "kind"),
    ("party-api:member", "birth_date"),
    ("party-api:member", "gender"),
    ("places-api:region", "valid_from"),
    ("places-api:region", "valid_to"),
    ("places-api:region", "grouping"),
    ("accounts-api:unit", "province"),  # agency kinds have no province
    ("accounts-api:unit", "parent"),  # a cycle
    ("accounts-api:unit", "kind"),  # a provincial kind needs a province
    ("accounts-api:unit", "head"),  # a user of another unit
}


def _routers():
    for app in API_URL_MODULES:
        module = importlib.import_module(f"cndp.{app}.api.urls")
        for _prefix, viewset, basename in module.router.registry:
            yield f"{module.app_name}:{basename}", viewset


def writable_endpoints():
    return sorted(
        name
        for name, viewset in _routers()
        if hasattr(viewset, "partial_update") and "patch" in getattr(viewset, "http_method_names", ["patch"])
    )


def test_the_table_covers_every_writable_endpoint():
    assert writable_endpoints() == sorted(EXPECTED)


def _viewset(endpoint):
    return dict(_routers())[endpoint]


def _target(endpoint, user, demo):
    """The record a role would try to change: its own province's for a province officer (sohanoi's for
    the others, so the agency roles try a province's record too)."""
    model = _viewset(endpoint).queryset.model
    hanoi_officer = demo["province_officer"]
    if model is Unit:
        return hanoi_officer.unit
    if model is Project:
        return _hanoi_proposal(hanoi_officer)
    if model is Cluster:  # a cluster of the officer's province
        province_id = user_province_id(hanoi_officer)
        return Cluster.objects.filter(province_current_id=province_id).order_by("pk").first()
    if model is Congress:  # the demo congress has closed and is read-only: try a congress in session
        return Congress.objects.create(
            organisation=Unit.objects.get(code="dang-bo-cuc"),
            ordinal=4,
            term_start=2020,
            term_end=2025,
            opens_on=datetime.date(2020, 6, 10),
            status="in_session",
        )
    return model.objects.order_by("pk").first()


def _hanoi_proposal(officer):
    """A proposal of the officer's province by a unit of that province, registered through the API as the
    officer would (the demo's registered proposals there are the agency centres')."""
    model = Project.objects.filter(province_current_id=user_province_id(officer), status=lifecycle.REGISTERED)
    template = model.order_by("pk").first()
    client = APIClient()
    client.force_authenticate(officer)
    payload = {name: _plain(getattr(template, name)) for name in PROJECT_FIELDS}
    payload.update(implementing_unit=officer.unit_id, name="Đề án thử quyền ghi của API")
    response = client.post(reverse("extension-api:project-list"), payload, format="json")
    assert response.status_code == 201, response.content
    return Project.objects.get(pk=response.json()["id"])


def _plain(value):
    value = getattr(value, "pk", value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def _writable_fields(endpoint, instance, user):
    viewset = _viewset(endpoint)
    serializer = viewset.serializer_class(instance, context={"request": None})
    return {name: field for name, field in serializer.fields.items() if not field.read_only}


def _other_pk(field, current, user):
    """Another record for a link: outside the user's province when there is one (the hostile choice)."""
    queryset = field.get_queryset() if hasattr(field, "get_queryset") else field.child_relation.get_queryset()
    candidates = list(queryset.exclude(pk=current).order_by("pk")[:200]) if current else list(queryset[:200])
    outside = [c for c in candidates if not in_scope(user, c)]
    chosen = (outside or candidates or [None])[0]
    return getattr(chosen, "pk", None)


def _hostile_value(endpoint, name, field, instance, user):
    model = type(instance)
    current = getattr(instance, name + "_id", None) if hasattr(instance, name + "_id") else None
    if current is None:
        current = getattr(instance, name, None)
    if isinstance(field, serializers.ManyRelatedField):
        pks = list(getattr(instance, name).values_list("pk", flat=True))
        return [] if pks else [_other_pk(field, None, user)]
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return _other_pk(field, current, user)
    if isinstance(field, serializers.BooleanField):
        return not bool(current)
    if isinstance(field, serializers.ChoiceField):
        limited = {str(getattr(v, "value", v)) for v in getattr(model, "province_choices", {}).get(name, ())}
        others = [str(k) for k in field.choices if str(k) != str(current) and str(k) != ""]
        outside = [k for k in others if limited and k not in limited]
        return (outside or others or [current])[0]
    if isinstance(field, serializers.EmailField):
        return "doi-" + (current or "thu@example.vn")
    if isinstance(field, serializers.SlugField):
        return ((current or "") + "-doi")[: field.max_length or 40]
    if isinstance(field, serializers.CharField):
        text = (current or "") + " (sửa)"
        return text[-(field.max_length or 200) :]
    if isinstance(field, serializers.IntegerField):
        return (current or 0) + 1
    if isinstance(field, serializers.DecimalField):
        return str((current or decimal.Decimal(0)) + 1)
    if isinstance(field, serializers.DateField):
        return ((current or datetime.date(2026, 1, 1)) + datetime.timedelta(days=1)).isoformat()
    raise AssertionError(f"no hostile value for {endpoint}.{name} ({type(field).__name__})")


def _stored(instance, name):
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    value = getattr(fresh, name)
    if hasattr(value, "all"):
        return sorted(value.all().values_list("pk", flat=True))
    return getattr(value, "pk", value)


def _expected(endpoint, role, name):
    rule = EXPECTED[endpoint][role]
    if rule == "*":
        return True
    if rule == PROVINCE_PROJECT_FIELDS:
        return name not in PROJECT_SCOPE_FIELDS
    return name in rule


def _cases():
    return [(endpoint, role) for endpoint in sorted(EXPECTED) for role in ROLES]


@pytest.mark.parametrize(("endpoint", "role"), _cases())
def test_every_writable_field_as_every_role(endpoint, role, demo):
    user = demo[role]
    province_before = user_province_id(user)
    client = APIClient()
    client.force_authenticate(user)
    instance = _target(endpoint, user, demo)
    assert instance is not None, f"the demo has no record for {endpoint}"
    url = _detail_url(endpoint, instance.pk)
    tried = 0
    for name, field in _writable_fields(endpoint, instance, user).items():
        before = _stored(instance, name)
        value = _hostile_value(endpoint, name, field, instance, user)
        response = client.patch(url, {name: value}, format="json")
        tried += 1
        assert response.status_code < 500, (name, response.status_code)
        allowed = _expected(endpoint, role, name)
        if allowed:
            if response.status_code == 400 and (endpoint, name) in MAY_BE_INVALID:
                assert _stored(instance, name) == before, name
                continue
            assert response.status_code == 200, (name, value, response.status_code, response.content[:300])
            assert _stored(instance, name) != before, (name, value)
        else:
            assert response.status_code in (400, 403, 404), (name, value, response.status_code)
            assert _stored(instance, name) == before, (name, value, response.status_code)
        # Whatever happened, nobody left (or changed) the province they were confined to.
        fresh = User.objects.select_related("unit").get(pk=user.pk)
        assert user_province_id(fresh) == province_before, (name, value)
        instance = type(instance)._base_manager.get(pk=instance.pk)
    assert tried > 0


def _detail_url(endpoint, pk):
    return reverse(f"{endpoint}-detail", args=[pk])


def test_the_reported_escape_is_closed(demo):
    """sohanoi, PATCH own unit kind → agency_department: refused, and the officer is still confined."""
    officer = demo["province_officer"]
    unit = officer.unit
    client = APIClient()
    client.force_authenticate(officer)
    url = _detail_url("accounts-api:unit", unit.pk)
    response = client.patch(url, {"kind": "agency_department"}, format="json")
    assert response.status_code == 403
    assert "kind" in response.json()
    unit.refresh_from_db()
    assert unit.kind in ("doit", "extension_centre")
    for payload in ({"code": "so-moi"}, {"is_active": False}, {"province": None}):
        assert client.patch(url, payload, format="json").status_code in (400, 403)
    unit.refresh_from_db()
    assert unit.is_active and unit.code != "so-moi" and unit.province_id is not None
    # The same officer may still correct the unit's address: the policy refuses only what scopes.
    assert client.patch(url, {"address": "Số 1 Tràng Tiền"}, format="json").status_code == 200
    other_kind = "extension_centre" if unit.kind == "doit" else "doit"
    assert client.patch(url, {"kind": other_kind}, format="json").status_code == 200
    fresh = User.objects.get(pk=officer.pk)
    assert fresh.scope_province_id == officer.scope_province_id is not None
    # A project of another province is still out of reach.
    elsewhere = Project.objects.exclude(province_current_id=officer.scope_province_id).first()
    assert client.get(_detail_url("extension-api:project", elsewhere.pk)).status_code == 404


def test_control_characters_are_refused_with_the_field_named(demo):
    officer = demo["province_officer"]
    client = APIClient()
    client.force_authenticate(officer)
    url = _detail_url("accounts-api:unit", officer.unit.pk)
    response = client.patch(url, {"name": "Sở Công Thương\u202e iouN àH"}, format="json")
    assert response.status_code == 400
    assert "U+202E" in response.json()["name"][0]
    officer.unit.refresh_from_db()
    assert "\u202e" not in officer.unit.name


def test_the_web_form_refuses_the_same_fields(client_for, demo):
    """A crafted POST to the unit form (fields the form disables or narrows) changes nothing that scopes."""
    officer = demo["province_officer"]
    unit = officer.unit
    client = client_for("province_officer")
    url = reverse("accounts:unit_edit", args=[unit.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'value="agency_department"' not in page.content
    data = {
        "code": "chiem-quyen",
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": "agency_department",
        "parent": "",
        "province": unit.province_id,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "is_active": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    unit.refresh_from_db()
    assert unit.kind in ("doit", "extension_centre") and unit.code != "chiem-quyen" and unit.is_active
    data["kind"] = unit.kind
    response = client.post(url, data)
    assert response.status_code == 302  # saved: the disabled code and active flag kept their values
    unit.refresh_from_db()
    assert unit.code != "chiem-quyen" and unit.is_active


def test_the_service_refuses_whatever_the_caller(demo):
    """The policy lives in the service: a caller that skips the form and the serializer is refused too."""
    from cndp.core.services import ScopeViolation, object_save

    officer = demo["province_officer"]
    unit = Unit.objects.get(pk=officer.unit_id)
    unit.kind = "agency"
    with pytest.raises(ScopeViolation) as refused:
        object_save(instance=unit, user=officer)
    assert set(refused.value.problems) == {"kind"}
    unit = Unit.objects.get(pk=officer.unit_id)
    unit.parent = Unit.objects.filter(kind="agency").first()
    with pytest.raises(ScopeViolation) as refused:
        object_save(instance=unit, user=officer)
    assert set(refused.value.problems) == {"parent"}
    # The agency officer is not confined: the same change goes through.
    unit = Unit.objects.get(pk=officer.unit_id)
    unit.short_name = "SCT HN"
    object_save(instance=unit, user=demo["agency_officer"])
    assert Unit.objects.get(pk=unit.pk).short_name == "SCT HN"


def _admin_form(unit, **changes):
    data = {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "province": unit.province_id or "",
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "is_active": "on" if unit.is_active else "",
    }
    data.update(changes)
    return data


def test_the_admin_writes_through_the_same_service(client, demo):
    """The admin's save is object_save: the history names the admin, and an administrator confined to a
    province (an account of a provincial unit) meets the same scope policy there as everywhere."""
    admin = demo["admin"]
    unit = demo["province_officer"].unit
    client.force_login(admin)
    url = reverse("admin:accounts_unit_change", args=[unit.pk])
    response = client.post(url, _admin_form(unit, address="12 Lý Thái Tổ"))
    assert response.status_code == 302, response.content[:500]
    unit.refresh_from_db()
    assert unit.address == "12 Lý Thái Tổ"
    assert unit.history.first().history_user == admin

    confined = User.objects.create_user("qt-tinh", "qt@example.vn", "x", unit=unit, is_staff=True)
    from cndp.accounts.services import user_set_roles

    user_set_roles(user=confined, roles=["admin"])
    client.force_login(confined)
    response = client.post(url, _admin_form(unit, kind="agency_department", province=""))
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.kind in ("doit", "extension_centre")
    elsewhere = demo["province_officer_2"].unit
    other = client.get(reverse("admin:accounts_unit_change", args=[elsewhere.pk]))
    assert other.status_code == 302  # another province's unit "does not exist" for this account
