"""Links and the menu worked out once (issue 14): `reverse_pk` gives what `reverse()` gives, for every
registry's record page and whatever the number; the menu of a set of permissions is shared and follows
a change of permissions, of language and of URL configuration."""

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import NoReverseMatch, URLPattern, get_resolver, path, reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from cndp.core import navigation
from cndp.core.links import reverse_pk


def _detail_names() -> list[str]:
    """Every `<app>:<model>_detail` URL name of the project (the registries' record pages)."""
    names = []
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and (pattern.name or "").endswith("_detail"):
                names.append(f"{namespace}:{pattern.name}")
    return sorted(set(names))


def test_there_are_record_pages_to_compare():
    assert len(_detail_names()) >= 20, _detail_names()


@pytest.mark.parametrize("pk", [0, 1, 7, 42, 987654321987, 10**18])
def test_reverse_pk_is_reverse_for_every_record_page(pk):
    for name in _detail_names():
        try:
            expected = reverse(name, args=[pk])
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reverse_pk(name, pk)
            continue
        assert reverse_pk(name, pk) == expected, name


@given(st.integers(min_value=0, max_value=2**62))
def test_reverse_pk_is_reverse_for_any_whole_number(pk):
    assert reverse_pk("places:province_detail", pk) == reverse("places:province_detail", args=[pk])


def _by_code(request, code):  # pragma: no cover — only reversed
    raise AssertionError


urlpatterns = [
    path("x/<int:pk>/", _by_code, name="by_int"),
    path("y/<slug:code>/", _by_code, name="by_slug"),
    path("z/<int:a>/<int:b>/", _by_code, name="two_numbers"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_reverse_pk_leaves_other_patterns_to_reverse():
    assert reverse_pk("by_int", 5) == "/x/5/"
    assert reverse_pk("by_slug", 12) == "/y/12/"
    assert reverse_pk("by_slug", "ab-c") == "/y/ab-c/"
    with pytest.raises(NoReverseMatch):
        reverse_pk("two_numbers", 3)  # as reverse(): a second argument is missing
    with pytest.raises(NoReverseMatch):
        reverse_pk("by_int", -1)  # as reverse(): the converter takes no sign
    with pytest.raises(NoReverseMatch):
        reverse_pk("nowhere", 1)


@override_settings(ROOT_URLCONF=__name__)
def test_a_new_url_configuration_is_not_served_the_old_links():
    assert reverse_pk("by_int", 5) == "/x/5/"
    with override_settings(ROOT_URLCONF="cndp.config.urls"):
        with pytest.raises(NoReverseMatch):
            reverse_pk("by_int", 5)


@pytest.mark.django_db
def test_the_menu_is_shared_by_users_with_the_same_permissions(demo):
    from cndp.accounts.models import User

    officer = demo["agency_officer"]
    twin = User.objects.create_user(username="twin", password="x", unit=officer.unit)
    twin.groups.set(officer.groups.all())
    first = navigation.menu_for(User.objects.get(pk=officer.pk))
    assert navigation.menu_for(User.objects.get(pk=twin.pk)) is first
    assert navigation.menu_for(User.objects.get(pk=demo["party_officer"].pk)) is not first


@pytest.mark.django_db
def test_the_menu_follows_a_new_permission(demo):
    from cndp.accounts.models import User

    user = User.objects.create_user(username="bare", password="x")
    assert navigation.menu_for(User.objects.get(pk=user.pk)) == []
    user.user_permissions.add(Permission.objects.get(codename="view_province"))
    menu = navigation.menu_for(User.objects.get(pk=user.pk))  # a fresh user: its permissions read anew
    urls = [item["url"] for group in menu for item in group["items"]]
    assert reverse("places:province_list") in urls
    assert reverse("extension:project_list") not in urls
    user.is_active = False
    assert navigation.menu_for(user) == []


@pytest.mark.django_db
def test_the_menu_is_built_again_in_another_language(demo):
    from cndp.accounts.models import User

    user = User.objects.get(pk=demo["agency_officer"].pk)
    with translation.override("vi"):
        vietnamese = navigation.menu_for(user)
    with translation.override("en"):
        english = navigation.menu_for(user)
    assert english is not vietnamese
    assert [i["url"] for g in english for i in g["items"]] == [
        i["url"] for g in vietnamese for i in g["items"]
    ]
    # Translated when built (kept per language), not at every page's render.
    labels = [g["label"] for g in english] + [i["label"] for g in english for i in g["items"]]
    assert labels and all(type(label) is str for label in labels)
    with translation.override("vi"):
        assert navigation.menu_for(user) is vietnamese
