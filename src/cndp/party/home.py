"""What the party registry adds to the home page (core.home): the Party Committee's counts at a date."""

from cndp.core.numbers import percent_of
from cndp.core.permissions import can
from cndp.core.text import parse_day
from cndp.party.models import Member
from cndp.party.selectors import member_counts


def home_contributions(request, today) -> dict:
    if not can(request.user, "view", Member):
        return {}
    at = parse_day(request.GET.get("at")) or today
    counts = member_counts(at)
    return {
        "panels": [
            {
                "template": "party/includes/home_counts.html",
                "order": 10,
                "party": counts,
                "at": at,
                "ratio": percent_of(counts.members, counts.staff),
            }
        ]
    }
