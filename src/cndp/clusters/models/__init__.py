"""Industrial clusters (cụm công nghiệp): the register, the Decree 32 conditions and the reports."""

from cndp.clusters.models.cluster import Cluster, ClusterDecision, SecondaryProject
from cndp.clusters.models.conditions import ClusterCondition
from cndp.clusters.models.reports import ClusterReport

__all__ = ["Cluster", "ClusterCondition", "ClusterDecision", "ClusterReport", "SecondaryProject"]
