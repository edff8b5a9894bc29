"""The permission backend: the same permissions as Django's ModelBackend, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cndp.accounts.backends import PermissionBackend
from cndp.accounts.models import User

pytestmark = pytest.mark.django_db


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.mark.parametrize(
    "direct, roles, active, superuser",
    [
        ([], [], True, False),  # nothing
        ([("extension", "view_project")], [], True, False),  # given to the user only
        ([], [[("party", "view_member"), ("party", "change_member")]], True, False),  # a role's
        ([("party", "view_member")], [[("party", "view_member")]], True, False),  # both, the same one
        ([("extension", "add_project")], [[("party", "view_member")], [("clusters", "view_cluster")]], True, False),
        ([("extension", "add_project")], [[("party", "view_member")]], False, False),  # inactive: none
        ([], [], True, True),  # superuser: every permission
    ],
)  # fmt: skip
def test_the_permissions_are_django_model_backends(direct, roles, active, superuser):
    user = User.objects.create_user(
        "thu", password="x", full_name="Thử", is_active=active, is_superuser=superuser
    )
    user.user_permissions.set([_perm(*p) for p in direct])
    for i, perms in enumerate(roles):
        group = Group.objects.create(name=f"Vai trò {i}")
        group.permissions.set([_perm(*p) for p in perms])
        user.groups.add(group)
    expected = ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        got = PermissionBackend().get_all_permissions(fresh)
        again = PermissionBackend().get_all_permissions(fresh)  # kept on the user for the request
    assert got == expected == again
    assert {f"{a}.{c}" for d in [direct, *roles] for a, c in d} <= got or not active
    if active and not superuser:
        assert len(queries) == 1
    assert fresh.has_perm("extension.add_project") == ("extension.add_project" in expected)


def test_a_role_given_later_is_seen_on_the_next_request(demo):
    """Nothing is kept between requests: a permission added to a role counts at once."""
    user = User.objects.get(username="chuyenvien")
    assert not user.has_perm("auth.add_group")
    user.groups.first().permissions.add(_perm("auth", "add_group"))
    assert User.objects.get(pk=user.pk).has_perm("auth.add_group")


def test_the_signed_in_user_comes_with_their_unit(demo, client, django_assert_max_num_queries):
    """The user of a request is read with their unit: asking for the unit (its province, its name in the
    user menu) costs no query of its own; an inactive user is not signed in."""
    from django.contrib.auth import SESSION_KEY

    officer = User.objects.select_related("unit").get(username="sohanoi")
    backend = PermissionBackend()
    with django_assert_max_num_queries(1):
        user = backend.get_user(officer.pk)
        assert user.unit.name == officer.unit.name and user.scope_province_id == officer.unit.province_id
    client.force_login(officer)
    assert client.session[SESSION_KEY] == str(officer.pk)
    assert client.get("/").context["user"].unit.name == officer.unit.name
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert backend.get_user(officer.pk) is None
    assert backend.get_user(10**9) is None
