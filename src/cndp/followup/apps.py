from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class FollowupConfig(AppConfig):
    name = "cndp.followup"
    label = "followup"
    verbose_name = _("Theo dõi kết luận của Lãnh đạo Bộ")
    home = "cndp.followup.home.home_contributions"  # its cards on the home page (core.home)
    search = "cndp.followup.search.search_hits"  # its hits in the global search (core.search)
    menu = (
        MenuGroup(
            _("Kết luận của Lãnh đạo"),
            "clipboard-check",
            (
                MenuItem(_("Nhiệm vụ"), "followup:task_list", "followup.view_task"),
                MenuItem(_("Thông báo kết luận"), "followup:notice_list", "followup.view_notice"),
                MenuItem(_("Buổi làm việc"), "followup:workingsession_list", "followup.view_workingsession"),
                MenuItem(
                    _("Báo cáo tiến độ"), "followup:progressreport_list", "followup.view_progressreport"
                ),
                MenuItem(_("Gia hạn"), "followup:deadlineextension_list", "followup.view_deadlineextension"),
                MenuItem(_("Tổng hợp, báo cáo"), "followup:report", "followup.view_task"),
                MenuItem(_("Bản tin tuần của lãnh đạo"), "followup:digest", "followup.view_leader"),
                MenuItem(_("Lãnh đạo Bộ"), "followup:leader_list", "followup.view_leader"),
            ),
            order=35,
        ),
    )

    def ready(self):
        from cndp.followup import progress  # noqa: F401  (registers the obligation kind and its hook)
