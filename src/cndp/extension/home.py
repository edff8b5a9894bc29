"""What industrial extension adds to the home page (core.home): the proposals of the plan year now open
and the progress reports that need doing, within the user's scope."""

from django.utils.translation import gettext as _

from cndp.core.permissions import can
from cndp.extension.models import ProgressReport, Project
from cndp.extension.selectors import work_queue


def home_contributions(request, today) -> dict:
    user = request.user
    if not (can(user, "view", Project) and can(user, "view", ProgressReport)):
        return {}
    work = work_queue(user, today)
    cards = [
        {
            "label": _("Đề án đăng ký kế hoạch năm %(y)s") % {"y": work["open_year"]},
            "value": work["proposals"],
            "note": _("Khuyến công quốc gia"),
            "url": "extension:project_list",
            "query": f"?plan_year={work['open_year']}",
        },
        {
            "label": _("Báo cáo tiến độ quá hạn"),
            "value": work["overdue"],
            "note": _("%(n)s báo cáo đến hạn trong %(d)s ngày tới")
            % {"n": work["due_soon"], "d": work["remind_days"]},
            "url": "extension:progressreport_list",
            "query": "?standing=overdue",
            "alert": work["overdue"] > 0,
        },
    ]
    if can(user, "add", ProgressReport):  # the agency reviews
        cards.append(
            {
                "label": _("Báo cáo tiến độ chờ xem xét"),
                "value": work["waiting"],
                "note": "",
                "url": "extension:progressreport_list",
                "query": "?standing=waiting",
            }
        )
    return {"cards": cards}
