"""Reads for congresses: attendance and quorum (số liệu tham dự), summons per cell."""

from __future__ import annotations

from django.db.models import Count, Q

from cndp.congress import rules
from cndp.congress.models import Congress, Delegate


def congress_attendance(congress: Congress) -> rules.Attendance:
    """Attendance in two queries, whatever the size of the congress."""
    agg = Delegate.objects.filter(congress=congress).aggregate(
        summoned_official=Count("pk", filter=Q(is_official=True)),
        summoned_probationary=Count("pk", filter=Q(is_official=False)),
        present_official=Count("pk", filter=Q(is_official=True, present=True)),
        present_probationary=Count("pk", filter=Q(is_official=False, present=True)),
        cells_present=Count("cell", filter=Q(present=True), distinct=True),
    )
    excluded = dict(
        Delegate.objects.filter(congress=congress)
        .exclude(exclusion="")
        .values_list("exclusion")
        .annotate(n=Count("pk"))
        .order_by("exclusion")
    )
    return rules.Attendance(excluded=excluded, **agg)


def congress_attendance_by_cell(congress: Congress) -> list[dict]:
    """Per cell: summoned and present, official and probationary (the credentials table)."""
    rows = (
        Delegate.objects.filter(congress=congress)
        .values("cell_id", "cell__name")
        .annotate(
            summoned_official=Count("pk", filter=Q(is_official=True)),
            summoned_probationary=Count("pk", filter=Q(is_official=False)),
            present_official=Count("pk", filter=Q(is_official=True, present=True)),
            present_probationary=Count("pk", filter=Q(is_official=False, present=True)),
            excluded=Count("pk", filter=~Q(exclusion="")),
        )
        .order_by("cell__name")
    )
    return list(rows)


def congress_panel(congress: Congress) -> dict:
    """Everything the live attendance and quorum panel shows."""
    attendance = congress_attendance(congress)
    rule_set = congress.rules
    return {
        "attendance": attendance,
        "rule_set": rule_set,
        "quorum_needed": rules.quorum_needed(attendance, rule_set),
        "quorum_reached": rules.quorum_reached(attendance, rule_set),
        "sentence": rules.attendance_sentence(attendance, congress.organisation.name, congress.kind),
    }
