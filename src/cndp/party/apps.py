from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class PartyConfig(AppConfig):
    name = "cndp.party"
    label = "party"
    verbose_name = _("Đảng bộ")
    home = "cndp.party.home.home_contributions"  # its cards and panels on the home page (core.home)
    search = "cndp.party.search.search_hits"  # its hits in the global search (core.search)
    menu = (
        MenuGroup(
            _("Đảng bộ"),
            "flag",
            (
                MenuItem(_("Đảng viên"), "party:member_list", "party.view_member"),
                MenuItem(_("Số lượng đảng viên"), "party:member_counts", "party.view_member"),
                MenuItem(_("Sắp hết thời gian dự bị"), "party:probation_due", "party.view_member"),
                MenuItem(_("Nhập danh sách đảng viên"), "party:member_import", "party.add_member"),
            ),
            order=10,
        ),
    )
