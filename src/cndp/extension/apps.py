from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class ExtensionConfig(AppConfig):
    name = "cndp.extension"
    label = "extension"
    verbose_name = _("Khuyến công")
    home = "cndp.extension.home.home_contributions"  # its cards and panels on the home page (core.home)
    menu = (
        MenuGroup(
            _("Khuyến công"),
            "tools",
            (
                MenuItem(_("Đề án khuyến công"), "extension:project_list", "extension.view_project"),
                MenuItem(
                    _("Nhập đề án từ Excel"), "extension:project_import", "extension.add_projecttransition"
                ),
                MenuItem(
                    _("Báo cáo tiến độ"), "extension:progressreport_list", "extension.view_progressreport"
                ),
                MenuItem(
                    _("Lựa chọn trong nguồn kinh phí"), "extension:selection", "extension.add_appraisal"
                ),
                MenuItem(_("Báo cáo, thống kê"), "extension:report", "extension.view_project"),
                MenuItem(_("Chương trình"), "extension:programme_list", "extension.view_programme"),
                MenuItem(_("Kinh phí năm"), "extension:annualfund_list", "extension.view_annualfund"),
                MenuItem(
                    _("Nội dung hoạt động"), "extension:activitytype_list", "extension.view_activitytype"
                ),
                MenuItem(_("Mức hỗ trợ tối đa"), "extension:fundingcap_list", "extension.view_fundingcap"),
                MenuItem(_("Ngành nghề"), "extension:trade_list", "extension.view_trade"),
                MenuItem(_("Tiêu chí ưu tiên"), "extension:priorityarea_list", "extension.view_priorityarea"),
                MenuItem(_("Bộ tiêu chí thẩm định"), "extension:rubric_list", "extension.view_rubric"),
                MenuItem(
                    _("Thời hạn đăng ký, báo cáo"),
                    "extension:schedulerule_list",
                    "extension.view_schedulerule",
                ),
            ),
            order=30,
        ),
    )
