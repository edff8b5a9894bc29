from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class ClustersConfig(AppConfig):
    name = "cndp.clusters"
    label = "clusters"
    verbose_name = _("Cụm công nghiệp")
    home = "cndp.clusters.home.home_contributions"  # its cards on the home page (core.home)
    menu = (
        MenuGroup(
            _("Cụm công nghiệp"),
            "buildings",
            (
                MenuItem(
                    _("Cơ sở dữ liệu cụm công nghiệp"), "clusters:cluster_list", "clusters.view_cluster"
                ),
                MenuItem(
                    _("Cụm chưa đáp ứng Nghị định 32"), "clusters:cluster_flagged", "clusters.view_cluster"
                ),
                MenuItem(
                    _("Dự án trong cụm"), "clusters:secondaryproject_list", "clusters.view_secondaryproject"
                ),
                MenuItem(_("Tình hình cả nước"), "clusters:picture", "clusters.view_cluster"),
                MenuItem(_("Nhập từ Excel"), "clusters:cluster_import", "clusters.add_clusterdecision"),
                MenuItem(_("Báo cáo định kỳ"), "clusters:clusterreport_list", "clusters.view_clusterreport"),
                MenuItem(_("Lập lịch báo cáo"), "clusters:report_schedule", "clusters.add_clusterreport"),
                MenuItem(
                    _("Điều kiện theo Nghị định 32"),
                    "clusters:clustercondition_list",
                    "clusters.view_clustercondition",
                ),
            ),
            order=35,
        ),
    )

    def ready(self):
        from cndp.clusters import signals  # noqa: F401 (an accepted report updates the register)
        from cndp.clusters.kinds import register_kinds

        register_kinds()
