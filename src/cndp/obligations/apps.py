from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class ObligationsConfig(AppConfig):
    name = "cndp.obligations"
    label = "obligations"
    verbose_name = _("Lịch báo cáo")
    home = "cndp.obligations.home.home_contributions"  # its cards on the home page (core.home)
    menu = (
        MenuGroup(
            _("Lịch báo cáo"),
            "calendar-check",
            (
                MenuItem(_("Việc cần làm"), "obligations:todo", "obligations.view_obligation"),
                MenuItem(_("Báo cáo quá hạn"), "obligations:obligation_list", "obligations.view_obligation"),
                MenuItem(
                    _("Quy định lịch báo cáo"),
                    "obligations:calendarrule_list",
                    "obligations.view_calendarrule",
                ),
            ),
            order=25,
        ),
    )
