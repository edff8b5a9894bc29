"""Import of a provincial register: the template, a dry run that writes nothing, errors naming the row and
the column (a bad cell, an unknown province, 80 ha refused by Decree 32), nothing written unless every row
passes, old province and district names accepted and mapped, the officer's province only."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cndp.clusters import importing
from cndp.clusters.models import Cluster, ClusterDecision

from .factories import agency, hanoi_officer

pytestmark = pytest.mark.django_db
KEYS = [key for key, _title, _required in importing.COLUMNS]


def workbook(*rows) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(_template_bytes()))
    ws = wb.worksheets[0]
    for line, row in enumerate(rows, start=2):  # over the example row; the template formats 500 rows
        for column, key in enumerate(KEYS, start=1):
            ws.cell(row=line, column=column, value=row.get(key, ""))
    for column in range(1, len(KEYS) + 1):
        if len(rows) < 1:
            ws.cell(row=2, column=column, value=None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template_bytes():
    out = io.BytesIO()
    importing.template().save(out)
    return out.getvalue()


def row(**overrides):
    data = {
        "code": "IMP-001",
        "name": "Cụm công nghiệp Điện Nam - Điện Ngọc 2",
        "province": "Tỉnh Quảng Nam",
        "old_district": "Thị xã Điện Bàn",
        "commune": "Phường Điện Ngọc",
        "planned_area": "45,5",
        "decision_number": "2211/QĐ-UBND",
        "established_on": "12/05/2018",
        "issuer": "UBND tỉnh Quảng Nam",
        "operating": "Có",
        "industrial_land": "32",
        "leased_area": "20,8",
        "wastewater": "Đang hoạt động",
        "total_investment": "250.000.000.000",
        "enterprises": "9",
        "labour": "1.200",
    }
    data.update(overrides)
    return data


def test_dry_run_then_import_maps_old_province(demo):
    data = workbook(
        row(),
        row(
            code="IMP-002",
            name="Cụm công nghiệp Tam Thăng 3",
            established_on="",
            operating="",
            decision_number="",
            issuer="",
            leased_area="",
        ),
    )
    result = importing.import_clusters(data, user=agency(), dry_run=True)
    assert result.issues == [] and len(result.rows) == 2 and result.written == 0
    assert not Cluster.objects.filter(code__startswith="IMP-").exists()
    result = importing.import_clusters(data, user=agency(), dry_run=False)
    assert result.written == 2
    cluster = Cluster.objects.get(code="IMP-001")
    assert cluster.province.version == "63" and cluster.province.code == "49"
    assert cluster.province_current.code == "48"  # Quảng Nam is part of today's Đà Nẵng
    assert cluster.old_district == "Thị xã Điện Bàn" and cluster.status == "operating"
    assert cluster.occupancy == Decimal("0.65")
    assert ClusterDecision.objects.filter(cluster=cluster, kind="establish", number="2211/QĐ-UBND").exists()


def test_errors_name_row_and_column_and_nothing_is_written(demo):
    data = workbook(
        row(),
        row(code="IMP-002", planned_area="bốn mươi"),
        row(code="IMP-003", province="Tỉnh Xứ Lạ"),
        row(code="IMP-004", planned_area="80", established_on="", operating="", decision_number=""),
    )
    result = importing.import_clusters(data, user=agency(), dry_run=False)
    texts = [str(issue) for issue in result.issues]
    assert any(t.startswith("Dòng 3, cột «Diện tích quy hoạch (ha)»") for t in texts), texts
    assert any(t.startswith("Dòng 4, cột «Tỉnh, thành phố»") for t in texts)
    assert not Cluster.objects.filter(code__startswith="IMP-").exists()
    # With the cell errors fixed, the 80 ha row is refused by the rule, with the limit and the Decree named.
    data = workbook(
        row(), row(code="IMP-004", planned_area="80", established_on="", operating="", decision_number="")
    )
    result = importing.import_clusters(data, user=agency(), dry_run=False)
    (issue,) = result.issues
    assert issue.line == 3 and "75 ha" in issue.message and "Nghị định 32/2024/NĐ-CP" in issue.message
    assert not Cluster.objects.filter(code__startswith="IMP-").exists()


def test_province_officer_imports_only_own_province(demo):
    data = workbook(row(province="Hà Nội", code="IMP-HN", issuer="UBND thành phố Hà Nội"), row(code="IMP-QN"))
    result = importing.import_clusters(data, user=hanoi_officer(), dry_run=False)
    assert [issue.line for issue in result.issues] == [3]
    assert not Cluster.objects.filter(code__startswith="IMP-").exists()


def test_pages(client_for):
    client = client_for("province_officer")
    assert client.get(reverse("clusters:cluster_import")).status_code == 200
    template = client.get(reverse("clusters:cluster_import_template"))
    assert template.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(template.content))
    assert wb.worksheets[0]["A1"].value == "Mã cụm"
    bad = workbook(row(code="IMP-X", planned_area="abc"))
    response = client.post(reverse("clusters:cluster_import"), {"file": io.BytesIO(bad), "action": "check"})
    assert response.status_code == 400 and "Dòng 2" in response.content.decode()
