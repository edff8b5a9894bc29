"""What the follow-up adds to the home page (core.home): the tasks overdue and due soon, within the
user's scope, and for the agency the done reports waiting for confirmation."""

from django.utils.translation import gettext as _

from cndp.core.permissions import can
from cndp.followup import selectors
from cndp.followup.models import Task


def home_contributions(request, today) -> dict:
    user = request.user
    if not can(user, "view", Task):
        return {}
    counts = selectors.task_counts(user, today)
    cards = [
        {
            "label": _("Nhiệm vụ theo kết luận quá hạn"),
            "value": counts["overdue"],
            "note": _("%(n)s nhiệm vụ đến hạn trong %(d)s ngày tới") % {"n": counts["due_soon"], "d": 7},
            "url": "followup:task_list",
            "query": "?flag=overdue",
            "alert": counts["overdue"] > 0,
        },
        {
            "label": _("Nhiệm vụ chờ xác nhận hoàn thành"),
            "value": counts["reported"],
            "note": _("Đơn vị chủ trì đã báo cáo hoàn thành"),
            "url": "followup:task_list",
            "query": "?state=reported",
        },
    ]
    return {"cards": cards}
