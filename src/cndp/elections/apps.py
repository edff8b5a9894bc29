from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class ElectionsConfig(AppConfig):
    name = "cndp.elections"
    label = "elections"
    verbose_name = _("Bầu cử")
    home = "cndp.elections.home.home_contributions"  # the elections a counting board is counting (core.home)
    menu = (
        MenuGroup(
            _("Đại hội"),
            "podium",
            (MenuItem(_("Các cuộc bầu cử"), "elections:election_list", "elections.view_election"),),
            order=21,
        ),
    )
