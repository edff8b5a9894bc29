"""The register's services: a proposal over 75 ha refused with the limit and the Decree named; decisions
move the status with who recorded them; the area condition and other breaches flagged; province scope."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cndp.clusters import rules, services
from cndp.clusters.models import Cluster, ClusterDecision
from cndp.core.services import ScopeViolation, ServiceError

from .factories import agency, cluster_data, danang_officer, establish, hanoi_officer, make_cluster, province

pytestmark = pytest.mark.django_db
D = datetime.date


def test_80_ha_proposal_refused_naming_75_ha_and_decree(demo):
    with pytest.raises(ValidationError) as exc:
        make_cluster(by=hanoi_officer(), planned_area=Decimal(80))
    text = " ".join(exc.value.message_dict["planned_area"])
    assert "75 ha" in text and "Nghị định 32/2024/NĐ-CP" in text
    assert not Cluster.objects.filter(planned_area=80).exists()


def test_registered_in_old_province_is_scoped_to_the_new_one(demo):
    cluster = make_cluster(by=hanoi_officer(), province=province("01", "63"))
    assert cluster.province_current == province("01")
    assert cluster.occupancy == Decimal("0.5714")
    assert cluster.history.first().history_user == hanoi_officer()


def test_other_province_refused(demo):
    with pytest.raises(ScopeViolation):
        make_cluster(by=danang_officer())
    cluster = make_cluster()
    with pytest.raises(Http404):
        services.cluster_transition(
            cluster=cluster,
            user=danang_officer(),
            kind="establish",
            date=D(2025, 1, 1),
            number="1/QĐ",
            issuer="UBND",
        )


def test_establishment_decision_recorded_with_who(demo):
    officer = hanoi_officer()
    cluster = make_cluster(by=officer)
    decision = establish(cluster, by=officer, area=Decimal(48))
    cluster.refresh_from_db()
    assert cluster.status == rules.ESTABLISHED and cluster.established_on == D(2025, 3, 1)
    assert cluster.established_area == Decimal(48)
    assert decision.recorded_by == officer and decision.from_status == rules.PLANNED
    with pytest.raises(ServiceError):  # established → expanded is not a step of the lifecycle
        services.cluster_transition(
            cluster=cluster,
            user=officer,
            kind="expand",
            date=D(2025, 4, 1),
            number="2/QĐ",
            issuer="UBND",
            area=Decimal(60),
        )


def test_decision_needs_number_and_issuer(demo):
    cluster = make_cluster()
    with pytest.raises(ValidationError):
        services.cluster_transition(cluster=cluster, user=agency(), kind="establish", date=D(2025, 1, 1))
    assert not ClusterDecision.objects.filter(cluster=cluster).exists()


def test_area_condition_flags_establishment(demo):
    # Two clusters in the same old district, 10 % full, 180 ha unleased: the third breaks Art. 8.1c.
    for _ in range(2):
        establish(
            make_cluster(
                old_district="Huyện Thử",
                planned_area=Decimal(70),
                industrial_land=Decimal(100),
                leased_area=Decimal(10),
            ),
            date=D(2024, 6, 1),
        )
    third = make_cluster(old_district="Huyện Thử")
    establish(third, date=D(2025, 3, 1))
    third.refresh_from_db()
    assert third.flagged and [f["code"] for f in third.flags] == [rules.ESTABLISH]
    assert "Điều 8 khoản 1 điểm c" in third.flags[0]["basis"]
    # Later edits keep the flag recorded when the establishment was decided.
    third.labour = 12
    services.cluster_save(cluster=third, user=agency())
    third.refresh_from_db()
    assert third.flagged


def test_overstated_lease_flagged_not_above_100(demo):
    cluster = make_cluster(industrial_land=Decimal(30), leased_area=Decimal(45))
    assert cluster.occupancy == 1 and cluster.flagged
    assert rules.LEASED_OVER in [f["code"] for f in cluster.flags]


def test_operating_without_decision_flagged(demo):
    cluster = make_cluster()
    services.cluster_transition(cluster=cluster, user=agency(), kind="operate", date=D(2025, 1, 1))
    cluster.refresh_from_db()
    assert cluster.status == rules.OPERATING and cluster.flagged
    assert "31/12/2026" in services.flag_text(cluster.flags[0])


def test_regularising_an_operating_cluster_keeps_it_operating(demo):
    """Art. 35.4: the establishment decision of a cluster that already operates regularises it — it stays
    operating (Biểu 03/04 row 15.1 instead of 15.2), its flag goes, and it cannot be established twice."""
    cluster = make_cluster()
    services.cluster_transition(cluster=cluster, user=agency(), kind="operate", date=D(2025, 1, 1))
    cluster.refresh_from_db()
    assert "establish" in services.decision_kinds(cluster) and "plan" not in services.decision_kinds(cluster)
    decision = establish(cluster, date=D(2026, 3, 2))
    cluster.refresh_from_db()
    assert cluster.status == rules.OPERATING and decision.to_status == rules.OPERATING
    assert cluster.established_on == D(2026, 3, 2) and not cluster.flagged
    assert services.decision_kinds(cluster) == ["expand", "revoke"]
    with pytest.raises(ServiceError):
        establish(cluster, date=D(2026, 3, 3))


@pytest.mark.parametrize(
    ("status", "kinds"),
    [
        ("planned", ["establish", "operate", "remove"]),
        ("established", ["construction", "operate", "revoke"]),
        ("under_construction", ["operate", "revoke"]),
        ("removed", []),
    ],
)
def test_decision_form_offers_only_the_lifecycles_next_steps(status, kinds):
    cluster = Cluster(status=status, established_on=D(2025, 1, 1) if status != "planned" else None)
    assert services.decision_kinds(cluster) == kinds


def test_leader_cannot_write(demo):
    from cndp.accounts.models import User

    with pytest.raises(PermissionDenied):
        services.cluster_save(cluster=Cluster(**cluster_data()), user=User.objects.get(username="lanhdao"))
