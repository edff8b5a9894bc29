"""Records filed before the 1/7/2025 merger, under a unit of the 63: each stores today's unit (of the 34)
that covers it, and a province officer (confined to one of the 34) sees them — Hà Nội's officer what the
Hà Nội of the 63 filed, Đà Nẵng's what Quảng Nam filed — and still nothing of another province. Every
write path sets it; the migration fills it for the records stored before."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import F
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.indicators import periods, services
from cndp.indicators.models import DataSet, DataValue, Indicator, Submission
from cndp.places.models import Province

from .factories import csv_file, user

pytestmark = pytest.mark.django_db

OLD = periods.parse("202405")  # a month before the merger
OLD_YEAR = periods.parse("2024")


def p63(code):
    return Province.objects.get(version="63", code=code)


def p34(code):
    return Province.objects.get(version="34", code=code)


def api(username):
    c = APIClient()
    c.force_authenticate(user(username))
    return c


def _listed(client, name, **params):
    response = client.get(reverse(f"indicators:{name}"), params)
    assert response.status_code == 200
    return response.context["table"].page.paginator.count


def _api_ids(client, path, **params):
    ids, url = set(), path
    response = client.get(url, {**params, "page_size": 1000})
    assert response.status_code == 200
    body = response.json()
    ids |= {r["id"] for r in body["results"]}
    return ids, body.get("count", len(ids))


def test_the_demo_keeps_today_s_unit_of_every_record(demo):
    quang_nam = p63("49")
    assert quang_nam.successor == p34("48")  # Quảng Nam merged into Đà Nẵng
    for model in (DataValue, Submission):
        assert model.objects.filter(province=quang_nam).exists()
        assert not model.objects.filter(province=quang_nam).exclude(province_current=p34("48")).exists()
        assert (
            not model.objects.filter(province__version="34")
            .exclude(province_current_id=F("province_id"))
            .exists()
        )


def test_hanoi_s_officer_sees_hanoi_s_submissions_and_values_filed_before_the_merger(client_for):
    officer = client_for("province_officer")
    old = p63("01")
    submissions = Submission.objects.filter(province=old).count()
    values = DataValue.objects.filter(province=old).count()
    assert submissions and values
    assert _listed(officer, "submission_list") == Submission.objects.filter(province__code="01").count()
    assert _listed(officer, "datavalue_list") == DataValue.objects.filter(province__code="01").count()
    assert (
        _listed(officer, "submission_list") == Submission.objects.filter(province_current=p34("01")).count()
    )
    one = Submission.objects.filter(province=old).first()
    assert officer.get(one.get_absolute_url()).status_code == 200
    value = DataValue.objects.filter(province=old).first()
    assert officer.get(value.get_absolute_url()).status_code == 200
    ids, count = _api_ids(api("sohanoi"), "/api/indicators/submissions/")
    assert count == Submission.objects.filter(province__code="01").count()
    assert (
        _api_ids(api("sohanoi"), "/api/indicators/values/")[1]
        == values + DataValue.objects.filter(province=p34("01")).count()
    )
    assert api("sohanoi").get(f"/api/indicators/values/{value.pk}/").status_code == 200
    assert api("sohanoi").get(f"/api/indicators/submissions/{one.pk}/").status_code == 200


def test_danang_s_officer_sees_quang_nam_s_and_hanoi_s_officer_does_not(client_for):
    quang_nam = p63("49")
    submissions = Submission.objects.filter(province=quang_nam).count()
    values = DataValue.objects.filter(province=quang_nam).count()
    danang = client_for("province_officer_2")
    assert (
        _listed(danang, "submission_list")
        == Submission.objects.filter(province__code__in=["48", "49"]).count()
    )
    assert _listed(danang, "datavalue_list", province=quang_nam.pk) == values
    ids, count = _api_ids(api("sodanang"), "/api/indicators/submissions/")
    assert count == Submission.objects.filter(province__code__in=["48", "49"]).count() > submissions

    hanoi = client_for("province_officer")
    # The lists hold Hà Nội's records only (a filter by another province is not even offered).
    assert _listed(hanoi, "submission_list") == Submission.objects.filter(province__code="01").count()
    assert _listed(hanoi, "datavalue_list") == DataValue.objects.filter(province__code="01").count()
    assert (
        _api_ids(api("sohanoi"), "/api/indicators/submissions/")[1]
        == Submission.objects.filter(province__code="01").count()
    )
    assert (
        _api_ids(api("sohanoi"), "/api/indicators/values/")[1]
        == DataValue.objects.filter(province__code="01").count()
    )
    submission = Submission.objects.filter(province=quang_nam).first()
    value = DataValue.objects.filter(province=quang_nam).first()
    assert hanoi.get(submission.get_absolute_url()).status_code == 404
    assert hanoi.get(value.get_absolute_url()).status_code == 404
    assert api("sohanoi").get(f"/api/indicators/submissions/{submission.pk}/").status_code == 404
    assert api("sohanoi").get(f"/api/indicators/values/{value.pk}/").status_code == 404


def _free_slot(province, period, dataset_code="CN-THANG"):
    """Remove what the demo stored for the province and period, so a write creates it anew."""
    dataset = DataSet.objects.get(code=dataset_code)
    DataValue.objects.filter(province=province, period_start=period.start).delete()
    for s in Submission.objects.filter(dataset=dataset, province=province, period_start=period.start):
        obligation = s.obligation
        s.delete()
        if obligation is not None:
            obligation.steps.all().delete()
            obligation.delete()
    return dataset


def test_value_save_and_values_save_store_today_s_unit(demo):
    old = p63("49")
    _free_slot(old, OLD)
    value = services.value_save(
        user=user("sodanang"),
        indicator=Indicator.objects.get(code="GTSX"),
        province=old,
        period=OLD,
        value="12",
    )
    assert value.province_current == p34("48")
    dataset = DataSet.objects.get(code="CN-THANG")
    saved = services.values_save(
        user=user("sodanang"), dataset=dataset, province=old, period=OLD, entries={"IIP": ("101", "")}
    )
    assert saved["IIP"].province_current == p34("48")


def test_another_province_s_old_unit_is_refused_to_the_officer(demo):
    from cndp.core.services import ScopeViolation

    with pytest.raises(ScopeViolation):
        services.value_save(
            user=user("sohanoi"),
            indicator=Indicator.objects.get(code="GTSX"),
            province=p63("49"),
            period=OLD,
            value="12",
        )


def test_submission_open_and_schedule_store_today_s_unit(demo):
    dataset = _free_slot(p63("01"), OLD)
    submission = services.submission_open(
        dataset=dataset, province=p63("01"), period=OLD, user=user("sohanoi")
    )
    assert submission.province_current == p34("01")
    _free_slot(p63("49"), OLD)
    _free_slot(p63("48"), OLD)
    assert services.submissions_schedule(dataset=dataset, period=OLD) == 2
    assert {
        s.province.code: s.province_current.code
        for s in Submission.objects.filter(
            dataset=dataset, period_start=OLD.start, province__code__in=["48", "49"]
        )
    } == {"48": "48", "49": "48"}


def test_the_import_stores_today_s_unit_and_lets_the_officer_load_its_old_unit(demo, tmp_path):
    _free_slot(p63("01"), OLD)
    _free_slot(p63("49"), OLD)
    path = csv_file(tmp_path, ["indicator,period,province,value", "GTSX,202405,49,120.5"])
    result = services.values_import(path=path)
    assert result.errors == [] and result.written == 1
    stored = DataValue.objects.get(province=p63("49"), period_start=OLD.start, indicator__code="GTSX")
    assert stored.province_current == p34("48")
    assert stored.history.first().province_current_id == p34("48").pk

    mine = csv_file(tmp_path, ["indicator,period,province,value", "GTSX,202405,01,900"], name="mine.csv")
    result = services.values_import(path=mine, user=user("sohanoi"))
    assert result.errors == [] and result.written == 1
    assert DataValue.objects.get(
        province=p63("01"), period_start=OLD.start, indicator__code="GTSX"
    ).province_current == p34("01")
    theirs = csv_file(tmp_path, ["indicator,period,province,value", "IIP,202405,49,100"], name="theirs.csv")
    result = services.values_import(path=theirs, user=user("sohanoi"))
    assert [e["code"] for e in result.errors] == ["out_of_scope"]


def test_the_entry_grid_opens_and_saves_the_officer_s_old_unit(client_for):
    dataset = _free_slot(p63("49"), OLD)
    officer = client_for("province_officer_2")
    response = officer.get(
        reverse("indicators:entry"), {"dataset": dataset.pk, "period": OLD.code, "province": p63("49").pk}
    )
    assert response.status_code == 302
    submission = Submission.objects.get(dataset=dataset, province=p63("49"), period_start=OLD.start)
    assert submission.province_current == p34("48")
    officer.post(
        submission.get_absolute_url(), {"action": "save", "v-GTSX": "150", "c-GTSX": "", "v-IIP": ""}
    )
    value = DataValue.objects.get(province=p63("49"), period_start=OLD.start, indicator__code="GTSX")
    assert (value.value, value.province_current) == (Decimal("150"), p34("48"))
    # Not chosen: the officer's unit in force at the period's end (Đà Nẵng of the 63).
    _free_slot(p63("48"), OLD)
    assert (
        officer.get(reverse("indicators:entry"), {"dataset": dataset.pk, "period": OLD.code}).status_code
        == 302
    )
    assert Submission.objects.filter(dataset=dataset, province=p63("48"), period_start=OLD.start).exists()


def test_the_migration_fills_today_s_unit_from_the_successor(demo):
    migration = importlib.import_module("cndp.indicators.migrations.0004_province_current")
    old, new, kept = p63("49"), p34("48"), p34("01")
    DataValue.objects.filter(province__in=[old, kept]).update(province_current=p34("79"))
    Submission.objects.filter(province__in=[old, kept]).update(province_current=p34("79"))
    migration.backfill_province_current(apps, None)
    for model in (DataValue, Submission):
        assert set(model.objects.filter(province=old).values_list("province_current", flat=True)) == {new.pk}
        assert set(model.objects.filter(province=kept).values_list("province_current", flat=True)) == {
            kept.pk
        }
    assert not DataValue.history.filter(province=old).exclude(province_current=new).exists()
