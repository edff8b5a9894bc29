"""A province officer edits a project of their province implemented by one of the agency's centres (the
demo has such projects): the recorded implementing unit stays offered, so the form saves — before, it was
missing from the officer's choices and «Đơn vị thực hiện: Trường này là bắt buộc.» refused every save —
and two coordinating units are chosen as two check boxes."""

from __future__ import annotations

import re

import pytest

from cndp.accounts.models import Unit
from cndp.extension.models import Project
from cndp.extension.projects.forms import ProjectForm, may_edit

pytestmark = pytest.mark.django_db


def _form_data(html: str) -> dict:
    data: dict[str, list[str]] = {}
    for attrs in re.findall(r"<input([^>]*)>", html):
        name, value = re.search(r'name="([^"]+)"', attrs), re.search(r'value="([^"]*)"', attrs)
        if name and not ('type="checkbox"' in attrs and " checked" not in attrs):
            data.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = [chosen.group(1) if chosen else ""]
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = [text.strip()]
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_an_agency_centres_project_is_saved_by_the_province_officer(demo, client_for):
    officer = demo["province_officer"]
    project = next(
        p
        for p in Project.objects.restrict(officer, "change").filter(implementing_unit__province__isnull=True)
        if may_edit(officer, p)
    )
    form = ProjectForm(instance=project, user=officer)
    assert project.implementing_unit in form.fields["implementing_unit"].queryset
    others = form.fields["implementing_unit"].queryset.exclude(pk=project.implementing_unit_id)
    assert all(u.province_id == officer.scope_province_id for u in others)
    client = client_for("province_officer")
    url = f"/extension/projects/{project.pk}/edit/"
    data = _form_data(client.get(url).content.decode())
    wanted = list(Unit.objects.filter(is_active=True, name__startswith="Trung tâm Khuyến công và Tư vấn")[:2])
    data["coordinating_units"] = [str(u.pk) for u in wanted]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r"invalid-feedback[^>]*>([^<]+)<", response.content.decode()
    )
    assert set(project.coordinating_units.all()) == set(wanted)


def test_the_officer_cannot_move_the_project_to_another_agency_unit(demo):
    """Keeping the recorded unit is allowed; choosing another unit outside the province is not (the form
    does not offer it, and the service refuses it when posted anyway)."""
    from django.core.exceptions import PermissionDenied

    from cndp.extension.projects import services

    officer = demo["province_officer"]
    project = next(
        p
        for p in Project.objects.restrict(officer, "change").filter(implementing_unit__province__isnull=True)
        if may_edit(officer, p)
    )
    other = (
        Unit.objects.filter(province__isnull=True, kind=project.implementing_unit.kind)
        .exclude(pk=project.implementing_unit_id)
        .first()
    ) or Unit.objects.filter(province__isnull=True).exclude(pk=project.implementing_unit_id).first()
    form = ProjectForm(instance=project, user=officer)
    assert other not in form.fields["implementing_unit"].queryset
    with pytest.raises(PermissionDenied):
        services.project_update(project=project, user=officer, implementing_unit=other)
    project.refresh_from_db()
    assert project.implementing_unit.province_id is None and project.implementing_unit != other
    kept = services.project_update(project=project, user=officer, name=project.name + " (sửa)")
    assert kept.name.endswith("(sửa)")
