"""Reads for congresses: attendance and quorum (số liệu tham dự), summons per cell."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from cndp.congress import rules
from cndp.congress.models import Congress, Delegate
from cndp.core.text import fold, nfc


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


CHECKIN_LIMIT = 12


@dataclass(frozen=True)
class CheckinLookup:
    """What the check-in desk found for what was typed (tra cứu khi điểm danh).

    results   the delegates to list, the exact matches first, then in Vietnamese name order
    pick      the one Enter checks in without a choice: the card code typed, else the only person whose
              folded full name is exactly what was typed ("do minh an" → Đỗ Minh An, not Đỗ Minh Oanh),
              else the only match; None when the desk must choose
    by_code   the pick is a card code (a scan)
    total     how many match in all (results holds at most CHECKIN_LIMIT)
    """

    results: list[Delegate]
    pick: Delegate | None = None
    by_code: bool = False
    total: int = 0


def checkin_lookup(congress: Congress, query: str) -> CheckinLookup:
    """Find delegates by card code or accent-insensitive name, in at most four queries whatever the size."""
    query = nfc(query)
    if not query:
        return CheckinLookup(results=[])
    qs = Delegate.objects.filter(congress=congress).select_related("cell")
    by_code = qs.filter(code__iexact=query).first()
    if by_code is not None:
        return CheckinLookup(results=[by_code], pick=by_code, by_code=True, total=1)
    folded = fold(query)
    # The folded column starts with the folded full name and a space (then the code and the cell).
    exact = [d for d in qs.filter(search_folded__startswith=folded + " ") if fold(d.full_name) == folded]
    matches = qs.search(query).exclude(pk__in=[d.pk for d in exact]).order_by("name_sort_key", "pk")
    total = len(exact) + matches.count()
    results = (exact + list(matches[:CHECKIN_LIMIT]))[: max(CHECKIN_LIMIT, len(exact))]
    if len(exact) == 1:
        pick = exact[0]
    elif not exact and total == 1:
        pick = results[0]
    else:
        pick = None
    return CheckinLookup(results=results, pick=pick, total=total)
