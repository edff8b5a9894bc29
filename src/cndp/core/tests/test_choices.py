"""What a form or a filter offers (issue 13, item 9): a province officer is offered only their own
province (a filter that could choose only theirs is not shown); the 63 provinces of before 1/7/2025 and
today's 34 never appear as two unlabelled copies of one list; a multiple choice is a list of check boxes
(no `<select multiple>`, which needs Ctrl+click); a record is linked only where its viewer may open it."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from cndp.accounts.models import Unit
from cndp.core.forms import CheckList
from cndp.core.tests.test_list_pages import _registries
from cndp.places.choices import ProvinceVersion
from cndp.places.models import Province

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _filter_forms(user):
    for registry in _registries():
        if registry.filterset is not None:
            yield (
                registry,
                registry.filterset(None, queryset=registry.get_queryset(), request=_request(user)).form,
            )


def _edit_forms(user):
    for registry in _registries():
        if registry.form is None:
            continue
        instance = registry.model()
        kwargs = {"instance": instance, "user": user} if registry.form_takes_user else {"instance": instance}
        yield registry, registry.form(**kwargs)


def _offered_provinces(field) -> set[int]:
    return {int(str(value)) for value, _label in field.choices if value not in ("", None)}


def test_a_province_officer_is_offered_no_other_province_in_any_filter(demo):
    officer = demo["province_officer"]
    own = officer.scope_province_id
    allowed = set(Province.objects.filter(Province.scope_choices_q(own)).values_list("pk", flat=True))
    checked = hidden = 0
    for registry, form in _filter_forms(officer):
        agency_form = registry.filterset(
            None, queryset=registry.get_queryset(), request=_request(demo["agency_officer"])
        ).form
        for name, field in agency_form.fields.items():
            if getattr(field, "queryset", None) is None or field.queryset.model is not Province:
                continue
            checked += 1
            if name not in form.fields:
                hidden += 1
                continue
            offered = {
                int(str(v)) for v, _l in _flat(form.fields[name].widget.choices) if v not in ("", None)
            }
            assert offered <= allowed, (registry, name, offered - allowed)
            assert len(offered) > 1, (registry, name)  # a filter left with one choice is not shown
    assert checked >= 12 and hidden >= 10, (checked, hidden)


def test_a_province_officer_is_offered_no_record_of_another_province_in_any_filter(demo):
    """Units, clusters, notices, …: what a filter offers is of their province or of none (the agency's)."""
    officer = demo["province_officer"]
    own = officer.scope_province_id
    checked = 0
    for registry, form in _filter_forms(officer):
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            path = getattr(getattr(queryset, "model", None), "scope_path", None)
            if not path:
                continue
            checked += 1
            offered = {int(str(v)) for v, _l in _flat(field.widget.choices) if v not in ("", None)}
            provinces = set(
                queryset.model._default_manager.filter(pk__in=offered).values_list(path, flat=True)
            )
            assert provinces <= {own, None}, (registry, name, provinces)
    assert checked >= 6, checked


def _flat(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label


def test_the_project_list_shows_no_province_filter_to_a_province_officer(client_for):
    html = client_for("province_officer").get("/extension/projects/").content.decode()
    assert 'name="province"' not in html
    html = client_for("agency_officer").get("/extension/projects/").content.decode()
    select = re.search(r'<select name="province".*?</select>', html, re.S).group(0)
    assert select.count("<option") == 1 + 34  # today's 34 and the empty choice, nothing of the 63


def test_a_list_of_both_versions_is_grouped_and_labelled(demo):
    """Where a record is keyed by the province as it was (indicators' values, a project's province), the
    63 and the 34 are offered as two labelled groups, today's first."""
    seen = 0
    for forms_ in (_filter_forms(demo["agency_officer"]), _edit_forms(demo["agency_officer"])):
        for registry, form in forms_:
            for name, field in form.fields.items():
                if getattr(field, "queryset", None) is None or field.queryset.model is not Province:
                    continue
                versions = set(field.queryset.values_list("version", flat=True))
                groups = [label for _v, label in field.widget.choices if isinstance(label, list)]
                if len(versions) < 2:
                    assert not groups, (registry, name)
                    continue
                seen += 1
                html = str(form[name])
                labels = re.findall(r'<optgroup label="([^"]+)"', html)
                assert labels == [str(ProvinceVersion.V34.label), str(ProvinceVersion.V63.label)], (
                    registry,
                    name,
                )
    assert seen >= 3


def test_no_select_multiple_anywhere(demo):
    """Every multiple choice of every registry's filter and edit form is a check list."""
    checklists = 0
    for forms_ in (_filter_forms(demo["admin"]), _edit_forms(demo["admin"])):
        for registry, form in forms_:
            html = form.as_div()
            assert not re.search(r"<select[^>]*\bmultiple", html), registry
            checklists += sum(isinstance(f.widget, CheckList) for f in form.fields.values())
    assert checklists >= 6


def test_a_check_list_keeps_what_was_chosen(demo):
    from cndp.extension.models import Project
    from cndp.extension.projects.filtersets import ProjectFilterSet

    filterset = ProjectFilterSet(
        {"status": ["registered", "in_progress"]},
        queryset=Project.objects.all(),
        request=_request(demo["admin"]),
    )
    html = str(filterset.form["status"])
    assert "data-checklist" in html
    assert len(re.findall(r'<input type="checkbox" name="status" value="[a-z_]+"[^>]*\bchecked', html)) == 2
    assert filterset.is_valid()
    assert set(filterset.qs.values_list("status", flat=True)) <= {"registered", "in_progress"}


LINK = Template("{% load cndp_links %}{% link unit %}|{% links units %}")


@pytest.mark.parametrize(("role", "linked"), [("province_officer", False), ("agency_officer", True)])
def test_a_unit_of_the_agency_is_linked_only_for_who_may_open_it(demo, client_for, role, linked):
    unit = Unit.objects.filter(province__isnull=True).exclude(kind="party_cell").first()
    html = LINK.render(Context({"request": _request(demo[role]), "unit": unit, "units": [unit, unit]}))
    assert (f'<a href="{unit.get_absolute_url()}">' in html) is linked
    assert unit.name.replace("&", "&amp;") in html
    assert client_for(role).get(unit.get_absolute_url()).status_code == (200 if linked else 404)


def test_an_unmerged_provinces_officer_is_offered_no_province_on_the_submission_list(client_for, demo):
    """Hà Nội is one province in the 34 and in the 63: its officer's «Báo cáo số liệu» offers no province
    (it would list Hà Nội twice and choose nothing) and still lists Hà Nội's submissions only."""
    from cndp.indicators.models import Submission

    officer = demo["province_officer"]
    response = client_for("province_officer").get("/indicators/submissions/")
    html = response.content.decode()
    assert 'name="province"' not in html
    rows = response.context["table"].data.data
    # Hà Nội's own submissions only — those filed under the unit of the 63 before the merger included.
    assert set(rows.values_list("province_current_id", flat=True)) == {officer.scope_province_id}
    assert len(set(rows.values_list("province_id", flat=True))) == 2
    assert Submission.objects.exclude(province_current_id=officer.scope_province_id).exists()


def test_a_merged_provinces_officer_keeps_the_choice_of_the_old_provinces(demo):
    """Đà Nẵng took over Quảng Nam: its officer may still filter by either old province."""
    from cndp.indicators.filtersets import SubmissionFilterSet
    from cndp.indicators.models import Submission

    officer = demo["province_officer_2"]
    form = SubmissionFilterSet(None, queryset=Submission.objects.all(), request=_request(officer)).form
    offered = {int(str(v)) for v, _l in _flat(form.fields["province"].widget.choices) if v not in ("", None)}
    old = set(Province.objects.filter(successor_id=officer.scope_province_id).values_list("pk", flat=True))
    assert len(old) >= 2 and offered == old | {officer.scope_province_id}
