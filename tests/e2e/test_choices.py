"""Multiple choices by mouse alone (issue 13, item 9): a project's coordinating units are a list of check
boxes — two are chosen by clicking only (no Ctrl), after narrowing the list with its filter box — and a
list's status filter takes two statuses by two clicks; no `<select multiple>` on either page. A province
officer's project list offers no province filter."""

from __future__ import annotations

import pytest

from cndp.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import shot

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, username):
    page.goto(page.base_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def _editable_project(officer):
    from cndp.extension.models import Project
    from cndp.extension.projects.forms import may_edit

    for project in Project.objects.restrict(officer, "change").order_by("-plan_year", "code"):
        if may_edit(officer, project):
            return project
    raise AssertionError("the demo has no project Hà Nội's officer may edit")


def test_two_coordinating_units_chosen_by_clicking(page, demo):
    from cndp.accounts.models import Unit

    officer = demo["province_officer"]
    project = _editable_project(officer)
    project.coordinating_units.clear()
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, "sohanoi")
    page.goto(page.base_url + f"/extension/projects/{project.pk}/edit/")
    checklist = page.locator("#id_coordinating_units")
    checklist.wait_for()
    assert page.locator("select[multiple]").count() == 0
    box = page.locator(
        "input.cndp-checklist-filter[aria-controls=id_coordinating_units]"
    )  # the list is long: a filter box above it
    box.wait_for()
    wanted = list(
        Unit.objects.filter(is_active=True, name__startswith="Trung tâm Khuyến công và Tư vấn").order_by(
            "name"
        )[:2]
    )
    assert len(wanted) == 2
    # Narrow the list by typing, then click: the filter never hides a box once ticked.
    box.fill("tu van")
    assert checklist.locator(".form-check:visible").count() < checklist.locator(".form-check").count()
    for unit in wanted:
        checklist.get_by_text(unit.name, exact=True).click()
    count = page.locator("#id_coordinating_units + .cndp-checklist-count")
    assert "(2)" in count.inner_text()
    shot(page, "choices-coordinating-units")
    chosen = checklist.locator("input:checked")
    assert chosen.count() == 2
    assert {chosen.nth(i).get_attribute("value") for i in range(2)} == {str(u.pk) for u in wanted}


def test_two_statuses_chosen_by_clicking_in_a_filter(page, demo):
    login(page, "sohanoi")
    page.goto(page.base_url + "/extension/projects/")
    page.locator("#id_status").wait_for()
    assert page.locator("select[multiple]").count() == 0
    assert page.locator("select[name=province]").count() == 0  # Hà Nội's officer: no province to choose
    page.locator("#id_status").get_by_text("Đăng ký", exact=True).click()
    page.wait_for_url("**status=registered**")
    page.locator("#id_status").get_by_text("Đang thực hiện", exact=True).click()
    page.wait_for_url("**status=in_progress**")
    assert "status=registered" in page.url
    page.wait_for_load_state()
    statuses = page.locator("#table-block tbody tr td:nth-last-child(2)").all_inner_texts()
    assert statuses and set(statuses) <= {"Đăng ký", "Đang thực hiện"}, statuses
    shot(page, "choices-status-filter")
