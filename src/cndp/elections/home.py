"""What the elections add to the home page (core.home): for a member of a counting board (Ban Kiểm phiếu)
or a clerk, the elections being counted now, each a link to its page."""

from __future__ import annotations

from cndp.elections.selectors import elections_at_work


def home_contributions(request, today) -> dict:
    elections = elections_at_work(request.user)
    if not elections:
        return {}
    return {
        "panels": [{"template": "elections/includes/home_counting.html", "order": 5, "elections": elections}]
    }
