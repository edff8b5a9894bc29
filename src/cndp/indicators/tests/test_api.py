"""The API: values read within scope (another province's draft is not even visible), a submission
submitted only by its province, aggregates as the command prints them (approved values only for a
province's officer), completeness per data set and period."""

import pytest
from rest_framework.test import APIClient

from cndp.indicators import periods, services
from cndp.indicators.models import DataSet

from .factories import clear_values, put, unit, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_values(demo):
    clear_values()


def client(username):
    c = APIClient()
    c.force_authenticate(user(username))
    return c


def test_values_within_scope_and_a_draft_hidden_from_another_province():
    draft = put("GTSX", "202601", "01", 95000, state="draft")
    put("GTSX", "202601", "48", 7000, state="approved")
    mine = client("sohanoi").get("/api/indicators/values/")
    assert mine.status_code == 200
    assert [(r["province_code"], r["period"], r["state"]) for r in mine.json()["results"]] == [
        ("01", "202601", "draft")
    ]
    assert client("sodanang").get(f"/api/indicators/values/{draft.pk}/").status_code == 404
    assert (
        len(client("chuyenvien").get("/api/indicators/values/?period_from=2026-01-01").json()["results"]) == 2
    )


def test_submit_only_by_the_owing_province():
    monthly = DataSet.objects.get(code="CN-THANG")
    hanoi = unit("01", "202601")
    submission = services.submission_open(dataset=monthly, province=hanoi, period=periods.parse("202601"))
    url = f"/api/indicators/submissions/{submission.pk}/submit/"
    assert client("sodanang").post(url).status_code == 404  # not even visible
    refused = client("sohanoi").post(url)
    assert refused.status_code == 400 and "GTSX" in refused.json()["detail"]  # nothing entered yet
    put("GTSX", "202601", "01", 95000, state="draft")
    put("IIP", "202601", "01", "108.2", state="draft")
    done = client("sohanoi").post(url)
    assert (
        done.status_code == 200 and done.json()["state"] == "submitted" and done.json()["period"] == "202601"
    )
    assert client("sohanoi").post(url).status_code == 400  # already submitted
    assert client("chuyenvien").post(url).status_code == 403  # the agency reviews, it does not submit


def test_aggregates_and_completeness():
    put("GTSX", "202406", "30", 25000)
    put("GTSX", "202406", "31", 55000)
    put("IIP", "202406", "30", "108.5")
    put("IIP", "202406", "31", "112.0", state="submitted")
    url = "/api/indicators/aggregate/?indicator=IIP&period=202406&by=province34"
    rows = {r["key"]: r for r in client("chuyenvien").get(url).json()["rows"]}
    assert rows["31"] == {"key": "31", "name": "Thành phố Hải Phòng", "value": 110.90625, "complete": True,
                          "components": 2}  # fmt: skip
    # a province's officer: approved values only — Hải Phòng's index under review is not counted
    rows = {r["key"]: r for r in client("sohanoi").get(url).json()["rows"]}
    assert rows["31"]["value"] is None and rows["31"]["complete"] is False
    assert client("chuyenvien").get("/api/indicators/aggregate/").status_code == 400
    bad = client("chuyenvien").get("/api/indicators/aggregate/?indicator=IIP&period=2024&by=province")
    assert bad.status_code == 400
    assert client("danguy").get(url).status_code == 403  # the Party officer reads no statistics
    monthly = DataSet.objects.get(code="CN-THANG")
    services.submissions_schedule(dataset=monthly, period=periods.parse("202601"))
    url = "/api/indicators/completeness/?dataset=CN-THANG&period=202601"
    agency = client("chuyenvien").get(url).json()
    assert len(agency["rows"]) == 34 and {r["status"] for r in agency["rows"]} == {"missing"}
    province = client("sohanoi").get(url).json()
    assert [r["province_code"] for r in province["rows"]] == ["01"]


@pytest.mark.parametrize("endpoint", ["indicators-api:completeness", "indicators-api:aggregate"])
def test_a_control_character_in_a_parameter_is_a_400_naming_it(client_for, endpoint):
    """A NUL cannot even be compared by PostgreSQL: the parameter is refused before any query."""
    from django.urls import reverse

    params = {"dataset": "CN-THANG\x00", "indicator": "GTSX\x00", "period": "202601", "by": "province"}
    response = client_for("admin").get(reverse(endpoint), params)
    assert response.status_code == 400
    assert set(response.json()) & {"dataset", "indicator"}
