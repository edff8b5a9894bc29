"""Writes of industrial clusters (the only place that writes)."""

from cndp.clusters.services.clusters import (
    breach_text,
    cluster_refresh,
    cluster_save,
    cluster_transition,
    decision_kinds,
    flag_text,
    project_save,
)

__all__ = [
    "breach_text",
    "cluster_refresh",
    "cluster_save",
    "cluster_transition",
    "decision_kinds",
    "flag_text",
    "project_save",
]
