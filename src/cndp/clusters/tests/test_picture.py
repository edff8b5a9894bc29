"""The national picture: figures by province, region and kind from the database (ratios right, occupancy
capped), a query count that does not grow with the clusters, Excel and PDF, the map's data, scope."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cndp.clusters import picture, rules
from cndp.clusters.models import Cluster
from cndp.core.numbers import number
from cndp.core.tests.pdf import pdf_text

from .factories import province

pytestmark = pytest.mark.django_db


def bulk(n, code="01", version="34", status="operating", **fields):
    """Clusters written straight to the table (the picture reads; the services are tested elsewhere)."""
    p = province(code, version)
    current = p if version == "34" else p.successor
    base = Cluster.objects.count()
    rows = [
        Cluster(
            code=f"B-{code}-{base + i}",
            name=f"Cụm {base + i}",
            province=p,
            province_current=current,
            status=status,
            planned_area=Decimal(50),
            industrial_land=fields.get("land", Decimal(40)),
            leased_area=fields.get("leased", Decimal(20)),
            wastewater=fields.get("wastewater", "none"),
            flagged=fields.get("flagged", False),
            kind=fields.get("kind", "ordinary"),
            latitude=Decimal("21.0"),
            longitude=Decimal("105.8"),
        )
        for i in range(n)
    ]
    Cluster.objects.bulk_create(rows)


def test_figures_by_province_and_kind(demo):
    bulk(3, "01", leased=Decimal(30))  # 75 % each
    bulk(1, "01", leased=Decimal(80), wastewater="operating")  # overstated: counts as full
    bulk(2, "01", status="planned", kind="craft_village")
    bulk(1, "01", status="revoked")  # not counted
    bulk(2, "48", flagged=True)
    result = picture.picture(Cluster.objects.filter(code__startswith="B-"), "province")
    rows = {code: f for _, code, f in result["rows"]}
    hanoi = rows["01"]
    assert (hanoi.clusters, hanoi.operating, hanoi.wastewater) == (6, 4, 1)
    assert hanoi.land == Decimal(160) and hanoi.leased == Decimal(130)  # 3 × 30 + 40 (capped)
    assert hanoi.occupancy == Decimal(130) / Decimal(160)
    assert hanoi.operating_share == Decimal(4) / 6 and hanoi.wastewater_coverage == Decimal("0.25")
    assert rows["48"].flagged == 2 and result["total"].clusters == 8
    kinds = {
        code: f
        for _, code, f in picture.picture(Cluster.objects.filter(code__startswith="B-"), "kind")["rows"]
    }
    assert kinds["craft_village"].clusters == 2 and kinds["ordinary"].clusters == 6


def test_region_rollup_counts_each_cluster_once(demo):
    bulk(2, "01", version="63")
    bulk(3, "48")
    result = picture.picture(Cluster.objects.filter(code__startswith="B-"), "region")
    assert sum(f.clusters for _, _, f in result["rows"]) == result["total"].clusters == 5


@pytest.mark.parametrize("by", ["province", "province_old", "region", "kind"])
def test_query_count_does_not_grow(by, demo, client_for, django_assert_max_num_queries):
    client = client_for("agency_officer")
    bulk(5, "01")
    with django_assert_max_num_queries(40) as small:
        assert client.get(reverse("clusters:picture"), {"by": by}).status_code == 200
    bulk(300, "01")
    bulk(300, "79")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("clusters:picture"), {"by": by}).status_code == 200


def test_page_excel_pdf_and_map(demo, client_for):
    bulk(4, "01", leased=Decimal(30))
    client = client_for("agency_officer")
    page = client.get(reverse("clusters:picture"))
    assert page.status_code == 200
    assert page.context["map"]["points"] and page.context["map"]["data"]
    assert any(d["name"] == "01" for d in page.context["map"]["data"])
    xlsx = client.get(reverse("clusters:picture"), {"export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[-1][0] == "Cả nước"
    # The sheet holds numbers (it can be summed), the ratios' unit in their titles.
    header = rows[2]
    assert header[7] == "Tỷ lệ lấp đầy (%)"
    total = page.context["result"]["total"]
    assert rows[-1][4] == float(round(total.area, 2)) and isinstance(rows[-1][7], float)
    assert rows[-1][7] == float(round(total.occupancy * 100, 1))
    # On the page a column reads evenly: areas with 2 decimals, percentages with 1.
    assert page.context["rows"][-1][7] == number(total.occupancy * 100, 1) + " %"
    assert page.context["rows"][-1][4] == number(total.area, 2)
    text = pdf_text(client.get(reverse("clusters:picture"), {"export": "pdf"}).content)
    assert "TÌNH HÌNH CỤM CÔNG NGHIỆP" in text and "Cả nước" in text


def test_province_officer_sees_only_own_province(demo, client_for):
    bulk(2, "01")
    bulk(3, "48")
    page = client_for("province_officer").get(reverse("clusters:picture"))
    total = page.context["result"]["total"]
    assert (
        total.clusters
        == Cluster.objects.filter(province_current__code="01")
        .exclude(status__in=[rules.REMOVED, rules.REVOKED])
        .count()
    )
    assert {d["name"] for d in page.context["map"]["data"]} <= {"01"}
