"""The register's screens: list, filters and export, the flagged list, a cluster's page with its flags and
decision form, the add form refusing 80 ha; province officers see and write only their province."""

import html
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cndp.clusters.models import Cluster, ClusterDecision

from .factories import make_cluster, province

pytestmark = pytest.mark.django_db


# A number of the other language's style: a thousands group, or one or two decimals after the separator
# (as in core's test of number formats).
VIETNAMESE_ONLY = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.,]*\d)|(?<![\d.,])\d+,\d{1,2}(?![\d.,])"
)
ENGLISH_ONLY = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.,]*\d)|(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"
)
TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def _form(**overrides):
    data = {
        "code": "HN-CCN-99",
        "name": "Cụm công nghiệp Phú Nghĩa mở rộng",
        "province": province("01").pk,
        "commune": "Xã Phú Nghĩa",
        "kind": "ordinary",
        "planned_area": "80",
        "industrial_land": "0",
        "leased_area": "0",
        "developer_kind": "",
        "total_investment": "0",
        "capital_paid": "0",
        "state_support": "0",
        "wastewater": "none",
        "wastewater_capacity": "0",
        "enterprises": "0",
        "labour": "0",
    }
    data.update(overrides)
    return data


def test_add_refuses_80_ha_then_accepts_corrected(client_for):
    client = client_for("province_officer")
    response = client.post(reverse("clusters:cluster_add"), _form())
    assert response.status_code == 400
    text = response.content.decode()
    assert "75 ha" in text and "Nghị định 32/2024/NĐ-CP" in text
    response = client.post(reverse("clusters:cluster_add"), _form(planned_area="60"))
    assert response.status_code == 302
    cluster = Cluster.objects.get(code="HN-CCN-99")
    assert cluster.planned_area == Decimal(60) and cluster.province_current == province("01")


def test_decision_form_records_establishment(client_for, demo):
    cluster = make_cluster(by=demo["province_officer"])
    client = client_for("province_officer")
    page = client.get(cluster.get_absolute_url())
    assert page.status_code == 200 and b"decision-form" in page.content
    response = client.post(
        reverse("clusters:cluster_decision", args=[cluster.pk]),
        {
            "kind": "establish",
            "number": "12/QĐ-UBND",
            "date": "2025-04-02",
            "issuer": "UBND TP Hà Nội",
            "area": "48",
        },
    )
    assert response.status_code == 302
    decision = ClusterDecision.objects.get(cluster=cluster)
    assert decision.number == "12/QĐ-UBND" and decision.recorded_by == demo["province_officer"]
    assert "12/QĐ-UBND" in client.get(cluster.get_absolute_url()).content.decode()


def test_other_province_sees_nothing(client_for, demo):
    cluster = make_cluster(by=demo["province_officer"])
    other = client_for("province_officer_2")
    assert other.get(cluster.get_absolute_url()).status_code == 404
    listing = other.get(reverse("clusters:cluster_list"), {"q": cluster.code})
    assert (
        cluster.get_absolute_url() not in listing.content.decode()
        and cluster.name not in listing.content.decode()
    )
    response = other.post(
        reverse("clusters:cluster_decision", args=[cluster.pk]),
        {"kind": "establish", "number": "1", "date": "2025-04-02", "issuer": "x"},
    )
    assert response.status_code == 404
    assert not ClusterDecision.objects.filter(cluster=cluster).exists()


def test_flagged_list_and_page_show_rule_and_basis(client_for, demo):
    cluster = make_cluster(
        industrial_land=Decimal(30), leased_area=Decimal(45), total_investment=100, state_support=40
    )
    client = client_for("agency_officer")
    listing = client.get(reverse("clusters:cluster_flagged")).content.decode()
    assert cluster.code in listing
    page = client.get(cluster.get_absolute_url()).content.decode()
    assert "Điều 26" in page and "30 %" in page and "100 %" in page


def test_export_follows_filters(client_for, demo):
    flagged = make_cluster(industrial_land=Decimal(30), leased_area=Decimal(45))
    clean = make_cluster()
    client = client_for("agency_officer")
    response = client.get(reverse("clusters:cluster_list"), {"flagged": "true", "export": "xlsx"})
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    codes = {row[0] for row in wb.active.iter_rows(values_only=True)}
    assert flagged.code in codes and clean.code not in codes
    # The filter line says the filter as the reader chose it («Có»), not Python's True.
    heading = " ".join(str(c) for row in wb.active.iter_rows(max_row=4, values_only=True) for c in row if c)
    assert "Chưa đáp ứng Nghị định 32: Có" in heading and "True" not in heading


def test_list_query_count_constant(client_for, demo, django_assert_max_num_queries):
    client = client_for("agency_officer")
    for _ in range(3):
        make_cluster()
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("clusters:cluster_list"))
    for _ in range(25):
        make_cluster()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("clusters:cluster_list")).status_code == 200


@pytest.mark.parametrize(
    ("language", "leased", "land", "refused"),
    [
        ("vi", "1.234,25 ha", "1.000,5 ha", "80,5 ha"),
        ("en", "1,234.25 ha", "1,000.5 ha", "80.5 ha"),
    ],
)
def test_rule_messages_follow_the_interface_language(client_for, demo, language, leased, land, refused):
    """The Decree 32 messages print their figures in the reader's language (stored raw, formatted when
    shown): on the cluster's page, in the flagged list's page and in the refusal of the add form."""
    other = ENGLISH_ONLY if language == "vi" else VIETNAMESE_ONLY
    cluster = make_cluster(
        planned_area=Decimal(60), industrial_land=Decimal("1000.5"), leased_area=Decimal("1234.25")
    )
    client = client_for("province_officer")
    client.cookies["django_language"] = language
    page = client.get(cluster.get_absolute_url())
    assert page.status_code == 200
    text = html.unescape(TAGS.sub(" ", page.content.decode()))
    assert leased in text and land in text
    assert not other.findall(text)
    response = client.post(reverse("clusters:cluster_add"), _form(planned_area="80.5"))
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert refused in text and "75 ha" in text and "Nghị định 32/2024/NĐ-CP" in text
