"""Reads of the cluster register (tra cứu cụm công nghiệp): lists with what their columns show, the
conditions in force, an area's existing clusters — each a constant number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from cndp.clusters import rules
from cndp.clusters.models import Cluster, ClusterCondition, ClusterReport, SecondaryProject


def conditions() -> list[rules.Condition]:
    """Every dated condition row as plain data (one query; the rules pick those in force)."""
    return [c.as_condition() for c in ClusterCondition.objects.all()]


def cluster_list() -> QuerySet[Cluster]:
    return Cluster.objects.select_related("province", "province_current")


def project_list() -> QuerySet[SecondaryProject]:
    return SecondaryProject.objects.select_related("cluster", "cluster__province_current")


def report_list() -> QuerySet[ClusterReport]:
    return ClusterReport.objects.select_related("province", "cluster", "project", "obligation")


def area_clusters(cluster: Cluster, level: str) -> QuerySet[Cluster]:
    """The established clusters of `cluster`'s area at `level` (old district, province or commune),
    itself excluded: those the establishment condition looks at."""
    qs = Cluster.objects.filter(
        province_current_id=cluster.province_current_id, status__in=sorted(rules.ESTABLISHED_STATUSES)
    )
    if level == rules.DISTRICT:
        qs = qs.filter(old_district__iexact=cluster.old_district)
    elif level == rules.COMMUNE:
        qs = qs.filter(commune__iexact=cluster.commune)
    if cluster.pk:
        qs = qs.exclude(pk=cluster.pk)
    return qs


def area_state(cluster: Cluster, level: str) -> rules.AreaState:
    rows = area_clusters(cluster, level).values_list("leased_area", "industrial_land")
    return rules.area_state(rows)
