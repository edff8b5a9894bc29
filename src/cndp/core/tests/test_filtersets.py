"""The shared FilterSet base: number filters never reach the database with a value it cannot hold."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.extension.models import Beneficiary
from cndp.extension.projects.filtersets import BeneficiaryFilterSet

pytestmark = pytest.mark.django_db

HUGE = "9" * 20  # past 64 bits: SQLite raised OverflowError on the foreign-key lookup


def test_number_filter_past_64_bits_is_invalid_not_a_crash(demo):
    filterset = BeneficiaryFilterSet({"project": HUGE}, queryset=Beneficiary.objects.all())
    assert not filterset.is_valid()
    assert "project" in filterset.errors
    filterset = BeneficiaryFilterSet({"project": str(2**63 - 1)}, queryset=Beneficiary.objects.all())
    assert filterset.is_valid()
    assert list(filterset.qs) == []


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_api_filter_overflow_is_a_400(demo, value):
    client = APIClient()
    client.force_authenticate(demo["admin"])
    response = client.get("/api/extension/beneficiaries/", {"project": value})
    assert response.status_code == 400
    assert "project" in response.json()
    assert client.get("/api/extension/beneficiaries/", {"project": "1"}).status_code == 200


def test_html_list_with_overflowing_filter_still_renders(demo, client_for):
    response = client_for("admin").get(reverse("extension:beneficiary_list"), {"project": HUGE})
    assert response.status_code == 200


def _user_filterset():
    import django_filters
    from django.contrib.auth.models import Group

    from cndp.accounts.models import User
    from cndp.core.filtersets import BaseFilterSet

    class UserFilterSet(BaseFilterSet):
        is_active = django_filters.MultipleChoiceFilter(choices=[("True", "có"), ("False", "không")])
        unit_kind = django_filters.MultipleChoiceFilter(field_name="unit__kind", choices=[("x", "x")])
        groups = django_filters.ModelMultipleChoiceFilter(queryset=Group.objects.all())
        group_names = django_filters.MultipleChoiceFilter(field_name="groups__name", choices=[("x", "x")])

        class Meta:
            model = User
            fields = ["is_active", "unit_kind", "groups", "group_names"]

    return UserFilterSet


@pytest.mark.parametrize(
    "name, distinct",
    [("is_active", False), ("unit_kind", False), ("groups", True), ("group_names", True)],
)
def test_distinct_only_where_a_filter_crosses_a_many_valued_relation(name, distinct):
    """DISTINCT over every column made PostgreSQL sort the whole filtered set (the project list filtered
    by status); a filter through a many-to-many or reverse relation keeps it, as rows could repeat."""
    filterset = _user_filterset()(queryset=None)
    assert filterset.filters[name].distinct is distinct


def test_a_filter_without_distinct_gives_the_same_rows_once(demo):
    from django.contrib.auth.models import Group

    from cndp.accounts.models import User

    user = User.objects.order_by("pk").first()
    groups = list(Group.objects.order_by("pk")[:2])
    assert len(groups) == 2
    user.groups.add(*groups)  # two groups: a join through them would give the user twice
    filterset = _user_filterset()(
        {"is_active": ["True"], "groups": [g.pk for g in groups]}, queryset=User.objects.all()
    )
    assert filterset.is_valid(), filterset.errors
    rows = list(filterset.qs.values_list("pk", flat=True))
    assert len(rows) == len(set(rows)) and user.pk in rows
    plain = _user_filterset()({"is_active": ["True"]}, queryset=User.objects.all())
    assert not plain.qs.query.distinct
    assert sorted(plain.qs.values_list("pk", flat=True)) == sorted(
        User.objects.filter(is_active=True).values_list("pk", flat=True)
    )


def test_every_list_filter_form_renders_the_markup_of_djangos_templates(demo):
    """The filter forms' selects are built in Python: the same HTML as Django's widget templates, for
    every registry's filter form, empty and with values chosen (a province, several statuses)."""
    import copy

    from django import forms
    from django.http import QueryDict
    from django.test import RequestFactory

    from cndp.core.filtersets import FastSelectMixin
    from cndp.core.tests.test_list_pages import _registries

    selects = 0
    for registry in _registries():
        if registry.filterset is None:
            continue
        request = RequestFactory().get("/")
        request.user = demo["admin"]
        queryset = registry.get_queryset()
        form = registry.filterset(None, queryset=queryset, request=request).form
        for name, field in form.fields.items():
            if not isinstance(field.widget, forms.Select):
                continue
            assert isinstance(field.widget, FastSelectMixin), (registry, name)
            choices = [v for v, _label in field.widget.choices if v not in ("", None, "unknown")][:2]
            multiple = isinstance(field.widget, forms.SelectMultiple)
            chosen = QueryDict(mutable=True)
            chosen.setlist(name, [str(c) for c in (choices if multiple else choices[:1])])
            for data in ({}, chosen):
                bound = registry.filterset(data or None, queryset=queryset, request=request).form
                fast = str(bound[name])
                theirs = copy.copy(bound.fields[name].widget)
                theirs.__class__ = type(theirs).__mro__[2]  # the Django widget itself, same state
                assert not isinstance(theirs, FastSelectMixin)
                assert fast == bound[name].as_widget(widget=theirs), (registry, name, data)
                selects += 1
    assert selects >= 20


def test_every_list_filter_forms_boxes_render_the_markup_of_djangos_template(demo):
    """The filter forms' text, number and date boxes are built in Python: the same HTML as Django's
    `input.html`, for every registry's filter form, empty and with a value typed (quotes, angle brackets
    and an ampersand escaped as the template escapes them)."""
    import copy

    from django.forms.renderers import get_default_renderer
    from django.test import RequestFactory

    from cndp.core.filtersets import INPUT_TEMPLATES, FastSelectMixin
    from cndp.core.tests.test_list_pages import _registries

    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:  # each only includes input.html
        source = get_default_renderer().get_template(name).template.source.strip()
        assert source == '{% include "django/forms/widgets/input.html" %}', name

    boxes = 0
    for registry in _registries():
        if registry.filterset is None:
            continue
        request = RequestFactory().get("/")
        request.user = demo["admin"]
        queryset = registry.get_queryset()
        form = registry.filterset(None, queryset=queryset, request=request).form
        for name, field in form.fields.items():
            if field.widget.template_name not in INPUT_TEMPLATES:
                continue
            assert isinstance(field.widget, FastSelectMixin), (registry, name)
            for data in ({}, {name: 'Hà "Nội" <b>&amp; 2025'}, {name: "12/06/2025"}):
                bound = registry.filterset(data or None, queryset=queryset, request=request).form
                bound.is_valid()
                fast = str(bound[name])
                theirs = copy.copy(bound.fields[name].widget)
                theirs.__class__ = type(theirs).__mro__[2]  # the Django widget itself, same state
                assert not isinstance(theirs, FastSelectMixin)
                assert fast == bound[name].as_widget(widget=theirs), (registry, name, data)
                boxes += 1
    assert boxes >= 30


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_check_list_is_the_markup_of_its_template(language):
    """A check list (a multiple choice: the status filters) is built in Python: the same HTML as
    `core/widgets/checklist.html`, with groups, numbers, characters to escape, ticks and with or without
    an id."""
    from django.forms.renderers import get_default_renderer
    from django.utils import translation

    from cndp.core.forms import CheckList

    choices = [
        ("a", 'Đã <nộp> & "xem"'),
        ("b & c", "Chờ xem xét"),
        ("Nhóm <1>", [(1, 2025), (2, "hai")]),
        (1234567, "ba"),
    ]
    renderer = get_default_renderer()
    compared = 0
    with translation.override(language):
        for attrs in ({"id": "id_status"}, {}, {"id": 'x"y', "data-x": True, "hidden": False}):
            widget = CheckList(choices=choices, attrs=attrs)
            for value in ([], ["a"], ["b & c", "2", "1234567"]):
                context = widget.get_context("status", value, attrs)
                ours = widget._render(CheckList.template_name, context)
                assert ours == renderer.render(CheckList.template_name, context)
                assert ours.count('type="checkbox"') == 5
                compared += 1
    assert compared == 9


def test_a_filters_model_choices_are_read_in_one_query(demo, django_assert_num_queries):
    """A filter's model choice (activity type, programme) is read in one plain query: Django's choice
    iterator reads it through a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE a select)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cndp.core.filtersets import ListedModelChoiceIterator
    from cndp.extension.models import ActivityType, Project
    from cndp.extension.projects.filtersets import ProjectFilterSet

    form = ProjectFilterSet(None, queryset=Project.objects.all()).form
    field = form.fields["activity_type"]
    assert issubclass(field.iterator, ListedModelChoiceIterator)
    with CaptureQueriesContext(connection) as queries:
        html = str(form["activity_type"])
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"].upper()
    for activity in ActivityType.objects.all():
        assert f'<option value="{activity.pk}">' in html
