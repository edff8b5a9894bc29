"""The demo is calibrated to MOIT's 2021 figures and holds what the screens need: reports of several periods
(some late, some returned, some missing), clusters breaking Decree 32, a Đà Nẵng record of each model."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from cndp.clusters import rules
from cndp.clusters.models import Cluster, ClusterDecision, ClusterReport, SecondaryProject
from cndp.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_calibrated_to_2021(demo):
    clusters = Cluster.objects.all()
    assert 1050 <= clusters.count() <= 1150
    established = clusters.filter(established_on__isnull=False).exclude(status="revoked")
    assert established.count() == 900 or 880 <= established.count() <= 920
    area = established.aggregate(a=Sum("established_area"))["a"]
    assert Decimal(28_000) <= area <= Decimal(33_500)  # 30,747 ha in 2021
    operating = clusters.filter(status__in=sorted(rules.ACTIVE_OPERATING))
    assert 650 <= operating.count() <= 750
    land = operating.aggregate(l=Sum("industrial_land"))["l"]
    leased = sum(
        min(c.leased_area, c.industrial_land) for c in operating.only("leased_area", "industrial_land")
    )
    assert Decimal("0.60") <= leased / land <= Decimal("0.70")  # about 65 %
    assert operating.filter(wastewater="operating").count() == 123


def test_reports_and_breaches(demo):
    states = set(Obligation.objects.filter(kind__startswith="clusters.").values_list("state", flat=True))
    assert {"accepted", "needs_revision", "pending"} <= states
    late = Obligation.objects.filter(kind="clusters.form02", state="pending", due_on__lt="2026-12-01")
    assert late.exists()  # missing reports of past periods
    assert ClusterReport.objects.filter(form="form04").exclude(rows=[]).exists()
    # Biểu 03 of the communes (2026): one per commune with a reporting cluster, computed and signed.
    form03 = ClusterReport.objects.filter(form="form03", year=2026, province__code="01").exclude(rows=[])
    assert form03.filter(period="half").count() >= 10 and form03.filter(period="year").exists()
    report = form03.filter(period="half").select_related("obligation").first()
    assert report.commune.startswith(("Xã", "Phường")) and report.signed_by
    assert report.obligation.due_on.isoformat() == "2026-06-25"
    values = {row[0]: row[3] for row in report.rows}
    assert int(values["1"]) >= 1 and int(values["15"]) == int(values["15.1"]) + int(values["15.2"])
    codes = {
        f["code"]
        for flags in Cluster.objects.filter(flagged=True).values_list("flags", flat=True)
        for f in flags
    }
    assert {rules.SIZE, rules.SUPPORT, rules.REGULARISE, rules.LEASED_OVER} <= codes
    for model, path in (
        (Cluster, "province_current__code"),
        (ClusterDecision, "cluster__province_current__code"),
        (SecondaryProject, "cluster__province_current__code"),
        (ClusterReport, "province__code"),
    ):
        assert model.objects.filter(**{path: "48"}).exists(), model
