"""Project codes (mã đề án KC<năm>-<tỉnh>-<số>): allocated under the lock of the province and year's
counter, so simultaneous registrations all succeed with distinct codes (27 of 45 failed with an
IntegrityError on PostgreSQL before), and a number once given is not given again."""

import pytest

from cndp.core.tests.databases import demo_snapshot, run_together, work_db  # noqa: F401 — fixtures
from cndp.extension import services
from cndp.extension.models import Project, ProjectCodeSequence
from cndp.extension.tests.factories import hanoi_officer, make_project, open_year, project_data

SIMULTANEOUS = 20


@pytest.mark.usefixtures("work_db")
def test_simultaneous_registrations_in_one_province_and_year_get_distinct_codes():
    year, officer = open_year(), hanoi_officer()
    prefix = f"KC{year}-01-"
    before = set(Project.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    data = [project_data(plan_year=year) for _ in range(SIMULTANEOUS)]
    jobs = [lambda fields=fields: services.project_create(user=officer, **fields) for fields in data]

    assert run_together(jobs) == []

    codes = set(Project.objects.filter(code__startswith=prefix).values_list("code", flat=True)) - before
    expected = {f"{prefix}{n:03d}" for n in range(len(before) + 1, len(before) + SIMULTANEOUS + 1)}
    assert codes == expected
    assert ProjectCodeSequence.objects.get(prefix=prefix).last_number == len(before) + SIMULTANEOUS


def test_the_counter_starts_after_the_codes_already_given_and_skips_a_typed_code(demo):
    year = open_year()
    prefix = f"KC{year}-01-"
    ProjectCodeSequence.objects.filter(prefix=prefix).delete()  # as before the counter existed
    existing = Project.objects.filter(code__startswith=prefix).count()
    first = make_project(plan_year=year)
    assert first.code == f"{prefix}{existing + 1:03d}"
    Project.objects.filter(pk=first.pk).update(code=f"{prefix}{existing + 2:03d}")  # e.g. an import's code
    second = make_project(plan_year=year)
    assert second.code == f"{prefix}{existing + 3:03d}"


def test_a_deleted_projects_number_is_not_given_again(demo):
    year = open_year()
    first = make_project(plan_year=year)
    Project.objects.filter(pk=first.pk).delete()
    second = make_project(plan_year=year)
    assert second.code != first.code
    assert int(second.code.rsplit("-", 1)[1]) == int(first.code.rsplit("-", 1)[1]) + 1
