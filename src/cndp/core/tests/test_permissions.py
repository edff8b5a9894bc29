"""Every role × every view that exists, allowed and denied, in the UI and the API; province scoping."""

import pytest
from django.urls import reverse

from cndp.accounts.models import Unit, User
from cndp.congress.models import Comment, Congress, Delegate, DraftDocument
from cndp.elections.models import Election
from cndp.extension import models as extension
from cndp.party.models import Member
from cndp.places.models import Province, Region

pytestmark = pytest.mark.django_db

ROLES = ["admin", "agency_officer", "province_officer", "party_officer", "counting_board", "leader"]

# What each role may do on each registry: v = view, a = add, c = change, d = delete.
# Written out here on purpose (not read from accounts/roles.py) so that a change of rights fails a test.
EXPECTED = {
    "places:province": {
        "admin": "v",
        "agency_officer": "v",
        "province_officer": "v",
        "party_officer": "v",
        "counting_board": "",
        "leader": "v",
    },
    "places:region": {
        "admin": "vacd",
        "agency_officer": "vac",
        "province_officer": "v",
        "party_officer": "",
        "counting_board": "",
        "leader": "v",
    },
    "accounts:unit": {
        "admin": "vacd",
        "agency_officer": "vac",
        "province_officer": "vc",
        "party_officer": "v",
        "counting_board": "v",
        "leader": "v",
    },
    "accounts:user": {
        "admin": "vacd",
        "agency_officer": "v",
        "province_officer": "v",
        "party_officer": "v",
        "counting_board": "",
        "leader": "v",
    },
    "party:member": {
        "admin": "vacd",
        "agency_officer": "",
        "province_officer": "",
        "party_officer": "vacd",
        "counting_board": "",  # counting needs the delegates, not members' records (birth dates)
        "leader": "v",
    },
    "congress:document": {
        "admin": "vacd",
        "agency_officer": "",
        "province_officer": "",
        "party_officer": "vacd",
        "counting_board": "v",
        "leader": "v",
    },
    "congress:comment": {
        "admin": "vacd",
        "agency_officer": "",
        "province_officer": "",
        "party_officer": "vacd",
        "counting_board": "v",
        "leader": "v",
    },
    "extension:project": {
        "admin": "vac",
        "agency_officer": "vac",
        "province_officer": "vac",
        "party_officer": "",
        "counting_board": "",
        "leader": "v",
    },
    "extension:beneficiary": {
        "admin": "vacd",
        "agency_officer": "vacd",
        "province_officer": "vac",
        "party_officer": "",
        "counting_board": "",
        "leader": "v",
    },
    "extension:progressreport": {
        "admin": "v",
        "agency_officer": "v",
        "province_officer": "v",
        "party_officer": "",
        "counting_board": "",
        "leader": "v",
    },
    **{
        f"extension:{name}": {
            "admin": "vacd",
            "agency_officer": "vacd",
            "province_officer": "v",
            "party_officer": "",
            "counting_board": "",
            "leader": "v",
        }
        for name in (
            "programme",
            "annualfund",
            "activitytype",
            "fundingcap",
            "trade",
            "priorityarea",
            "rubric",
            "schedulerule",
        )
    },
}
HAS_FORM = {"places:province": False, "congress:comment": False}
CAN_DELETE = {"places:province": False, "congress:comment": False}
CAN_DELETE["extension:project"] = False  # a project is withdrawn, never deleted
# Reports are scheduled by the contract, submitted and reviewed on their own page; never deleted.
HAS_FORM["extension:progressreport"] = CAN_DELETE["extension:progressreport"] = False


def sample(registry, demo):
    """A record of the registry that every role's province scope includes (or the officer's own)."""
    hanoi_unit = Unit.objects.get(code="so-ct-01")
    return {
        "places:province": Province.objects.get(version="34", code="01"),
        "places:region": Region.objects.get(grouping="steering_committee", name="Tây Nguyên"),
        "accounts:unit": hanoi_unit,
        "accounts:user": demo["province_officer"],
        "party:member": Member.objects.first(),
        "congress:congress": Congress.objects.first(),
        "congress:delegate": Delegate.objects.first(),
        "congress:document": DraftDocument.objects.first(),
        "congress:comment": Comment.objects.first(),
        "elections:election": Election.objects.first(),
        "extension:project": extension.Project.objects.filter(
            province_current__code="01", status="registered"
        )
        .order_by("pk")
        .first(),
        "extension:beneficiary": extension.Beneficiary.objects.filter(
            project__province_current__code="01"
        ).first(),
        "extension:programme": extension.Programme.objects.first(),
        "extension:annualfund": extension.AnnualFund.objects.first(),
        "extension:activitytype": extension.ActivityType.objects.first(),
        "extension:fundingcap": extension.FundingCap.objects.first(),
        "extension:trade": extension.Trade.objects.first(),
        "extension:priorityarea": extension.PriorityArea.objects.first(),
        "extension:rubric": extension.Rubric.objects.first(),
        "extension:schedulerule": extension.ScheduleRule.objects.first(),
        "extension:progressreport": extension.ProgressReport.objects.filter(
            project__province_current__code="01"
        ).first(),
    }[registry]


def cases():
    for registry, rights in EXPECTED.items():
        for role in ROLES:
            yield registry, role, rights[role]


@pytest.mark.parametrize(("registry", "role", "rights"), list(cases()))
def test_ui_role_matrix(registry, role, rights, demo, client_for):
    client = client_for(role)
    obj = sample(registry, demo)
    urls = {
        "v": [
            reverse(f"{registry}_list"),
            reverse(f"{registry}_detail", args=[obj.pk]),
            reverse(f"{registry}_history", args=[obj.pk]),
            reverse(f"{registry}_list") + "?export=xlsx",
        ],
    }
    if HAS_FORM.get(registry, True):
        urls["a"] = [reverse(f"{registry}_add")]
        urls["c"] = [reverse(f"{registry}_edit", args=[obj.pk])]
    if CAN_DELETE.get(registry, True):
        urls["d"] = [reverse(f"{registry}_delete", args=[obj.pk])]
    for action, action_urls in urls.items():
        for url in action_urls:
            status = client.get(url).status_code
            if action in rights:
                assert status == 200, (role, url, status)
            else:
                assert status == 403, (role, url, status)


@pytest.mark.parametrize("registry", list(EXPECTED))
def test_anonymous_is_sent_to_login(registry, client, demo):
    response = client.get(reverse(f"{registry}_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


API = {
    "places:province": "places-api:province",
    "places:region": "places-api:region",
    "accounts:unit": "accounts-api:unit",
    "accounts:user": "accounts-api:user",
    "party:member": "party-api:member",
    "congress:congress": "congress-api:congress",
    "congress:delegate": "congress-api:delegate",
    "congress:document": "congress-api:draftdocument",
    "congress:comment": "congress-api:comment",
    "elections:election": "elections-api:election",
    "extension:project": "extension-api:project",
    "extension:beneficiary": "extension-api:beneficiary",
    "extension:programme": "extension-api:programme",
    "extension:annualfund": "extension-api:annualfund",
    "extension:activitytype": "extension-api:activitytype",
    "extension:fundingcap": "extension-api:fundingcap",
    "extension:trade": "extension-api:trade",
    "extension:priorityarea": "extension-api:priorityarea",
    "extension:rubric": "extension-api:rubric",
    "extension:progressreport": "extension-api:progressreport",
    "extension:schedulerule": "extension-api:schedulerule",
}


@pytest.mark.parametrize(("registry", "role", "rights"), list(cases()))
def test_api_role_matrix_read(registry, role, rights, demo, client_for):
    client = client_for(role)
    obj = sample(registry, demo)
    list_status = client.get(reverse(f"{API[registry]}-list")).status_code
    detail_status = client.get(reverse(f"{API[registry]}-detail", args=[obj.pk])).status_code
    expected = 200 if "v" in rights else 403
    assert (list_status, detail_status) == (expected, expected)


def test_api_requires_authentication(client, demo):
    assert client.get(reverse("accounts-api:unit-list")).status_code in (401, 403)


def test_api_token_authentication(client, demo):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=demo["leader"])
    response = client.get(
        reverse("places-api:province-list") + "?version=34", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 200
    assert response.json()["count"] == 34
    assert (
        client.get(reverse("places-api:province-list"), HTTP_AUTHORIZATION="Token wrong").status_code == 401
    )


def test_api_write_denied_for_read_only_roles(demo, client_for):
    region = Region.objects.get(grouping="steering_committee", name="Tây Nguyên")
    url = reverse("places-api:region-detail", args=[region.pk])
    assert client_for("leader").patch(url, {"name": "X"}, content_type="application/json").status_code == 403
    response = client_for("agency_officer").patch(
        url, {"source": "Nguồn đã kiểm tra"}, content_type="application/json"
    )
    assert response.status_code == 200
    region.refresh_from_db()
    assert region.source == "Nguồn đã kiểm tra"


# ---- province scoping -------------------------------------------------------------------------------


def test_province_officer_sees_only_their_province_in_lists(demo, client_for):
    client = client_for("province_officer")  # Hà Nội
    response = client.get(reverse("accounts:unit_list"))
    names = [row.record.name for row in response.context["table"].page.object_list]
    assert names and all("Hà Nội" in n for n in names)
    assert response.context["result_count"] == Unit.objects.filter(province__code="01").count() == 2
    users = client.get(reverse("accounts:user_list")).context["table"].data
    assert {u.username for u in users} == {"sohanoi"}


def test_province_officer_cannot_see_or_change_another_province_ui(demo, client_for):
    client = client_for("province_officer")
    danang = Unit.objects.get(code="so-ct-48")
    assert client.get(reverse("accounts:unit_detail", args=[danang.pk])).status_code == 404
    assert client.get(reverse("accounts:unit_edit", args=[danang.pk])).status_code == 404
    response = client.post(reverse("accounts:unit_edit", args=[danang.pk]), {"name": "Đổi tên"})
    assert response.status_code == 404
    danang.refresh_from_db()
    assert danang.name == "Sở Công Thương Đà Nẵng"
    assert (
        client.get(reverse("accounts:user_detail", args=[demo["province_officer_2"].pk])).status_code == 404
    )


def test_province_officer_can_change_own_province_but_not_move_it_away(demo, client_for):
    client = client_for("province_officer")
    own = Unit.objects.get(code="so-ct-01")
    danang = Province.objects.get(version="34", code="48")
    data = {
        "code": own.code,
        "name": own.name,
        "kind": own.kind,
        "parent": "",
        "province": danang.pk,
        "phone": "024 3825 1234",
        "is_active": "on",
    }
    response = client.post(reverse("accounts:unit_edit", args=[own.pk]), data)
    assert response.status_code == 400
    assert "province" in response.context["form"].errors
    own.refresh_from_db()
    assert own.province.code == "01"
    data["province"] = own.province_id
    response = client.post(reverse("accounts:unit_edit", args=[own.pk]), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.phone == "024 3825 1234"


def test_province_officer_api_scoping(demo, client_for):
    client = client_for("province_officer")
    listed = client.get(reverse("accounts-api:unit-list")).json()
    assert {u["code"] for u in listed["results"]} == {"so-ct-01", "ttkc-01"}
    danang = Unit.objects.get(code="so-ct-48")
    assert client.get(reverse("accounts-api:unit-detail", args=[danang.pk])).status_code == 404
    response = client.patch(
        reverse("accounts-api:unit-detail", args=[danang.pk]), {"phone": "1"}, content_type="application/json"
    )
    assert response.status_code == 404
    own = Unit.objects.get(code="so-ct-01")
    response = client.patch(
        reverse("accounts-api:unit-detail", args=[own.pk]),
        {"province": danang.province_id},
        content_type="application/json",
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.province.code == "01"
    users = client.get(reverse("accounts-api:user-list")).json()
    assert [u["username"] for u in users["results"]] == ["sohanoi"]


def test_agency_user_is_not_province_scoped(demo, client_for):
    response = client_for("agency_officer").get(reverse("accounts-api:unit-list") + "?kind=doit")
    assert response.json()["count"] == 34
    assert User.objects.get(username="chuyenvien").scope_province_id is None


def test_province_officer_cannot_create_a_unit_in_another_province_via_api(demo, client_for):
    danang = Province.objects.get(version="34", code="48")
    payload = {
        "code": "ttkc-48-moi",
        "name": "Trung tâm mới",
        "kind": "extension_centre",
        "province": danang.pk,
    }
    response = client_for("province_officer").post(
        reverse("accounts-api:unit-list"), payload, content_type="application/json"
    )
    assert response.status_code == 403  # no add right, and outside the province anyway
    assert not Unit.objects.filter(code="ttkc-48-moi").exists()


def test_api_create_normalises_text_and_records_history(demo, client_for):
    import unicodedata

    payload = {
        "grouping": "macro",
        "name": unicodedata.normalize("NFD", "Vùng   thử nghiệm"),
        "provinces": [],
    }
    response = client_for("agency_officer").post(
        reverse("places-api:region-list"), payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    region = Region.objects.get(pk=response.json()["id"])
    assert region.name == "Vùng thử nghiệm"
    assert region.history.first().history_user == demo["agency_officer"]


def test_api_validation_errors_name_the_field(demo, client_for):
    response = client_for("agency_officer").post(
        reverse("accounts-api:unit-list"),
        {"code": "so-x", "name": "Sở X", "kind": "doit"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "province" in response.json()
    assert not Unit.objects.filter(code="so-x").exists()


def test_api_token_can_be_obtained_with_the_password(client, demo):
    from cndp.core.demo import DEMO_PASSWORD

    response = client.post(reverse("api-token"), {"username": "lanhdao", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert (
        client.get(reverse("places-api:region-list"), HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    )
    assert client.post(reverse("api-token"), {"username": "lanhdao", "password": "sai"}).status_code == 400
