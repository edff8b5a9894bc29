from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class PlacesConfig(AppConfig):
    name = "cndp.places"
    label = "places"
    verbose_name = _("Đơn vị hành chính")
    home = "cndp.places.home.home_contributions"  # its cards and panels on the home page (core.home)
    search = "cndp.places.search.search_hits"  # its hits in the global search (core.search)
    menu = (
        MenuGroup(
            _("Danh mục"),
            "map",
            (
                MenuItem(_("Tỉnh, thành phố"), "places:province_list", "places.view_province"),
                MenuItem(_("Vùng"), "places:region_list", "places.view_region"),
                MenuItem(
                    _("Bản đồ sắp xếp đơn vị hành chính"), "places:province_map", "places.view_province"
                ),
            ),
            order=80,
        ),
    )
