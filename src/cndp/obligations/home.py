"""What the reporting calendar adds to the home page (core.home): the user's reports overdue, due soon
and (for the reviewer) waiting for review, of every kind, within the user's scope."""

from django.utils.translation import gettext as _

from cndp.core.permissions import can
from cndp.obligations import selectors
from cndp.obligations.models import Obligation

REMIND_DAYS = 7


def home_contributions(request, today) -> dict:
    user = request.user
    if not can(user, "view", Obligation):
        return {}
    counts = selectors.counts(user, today, REMIND_DAYS)
    cards = [
        {
            "label": _("Việc cần làm: báo cáo quá hạn"),
            "value": counts["overdue"],
            "note": _("%(n)s báo cáo đến hạn trong %(d)s ngày tới")
            % {"n": counts["due_soon"], "d": REMIND_DAYS},
            "url": "obligations:todo",
            "alert": counts["overdue"] > 0,
        }
    ]
    if can(user, "add", Obligation):
        cards.append(
            {
                "label": _("Việc cần làm: báo cáo chờ xem xét"),
                "value": counts["waiting"],
                "note": _("Mọi loại báo cáo"),
                "url": "obligations:todo",
            }
        )
    return {"cards": cards}
