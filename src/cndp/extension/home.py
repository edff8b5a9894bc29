"""What industrial extension adds to the home page (core.home): the proposals of the plan year now open,
within the user's scope. (Its progress reports overdue, due soon and waiting for review are counted by
the reporting calendar's cards with every other kind of report: obligations.home.)"""

from django.utils.translation import gettext as _

from cndp.core.permissions import can
from cndp.extension.models import Project
from cndp.extension.projects.selectors import work_queue


def home_contributions(request, today) -> dict:
    user = request.user
    if not can(user, "view", Project):
        return {}
    work = work_queue(user, today)
    return {
        "cards": [
            {
                "label": _("Đề án đăng ký kế hoạch năm %(y)s") % {"y": work["open_year"]},
                "value": work["proposals"],
                "note": _("Khuyến công quốc gia"),
                "url": "extension:project_list",
                "query": f"?plan_year={work['open_year']}",
            }
        ]
    }
