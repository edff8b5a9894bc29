"""The menu of local-industry monitoring (read by IndicatorsConfig.menu)."""

from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem

MENU = (
    MenuGroup(
        _("Công nghiệp địa phương"),
        "bar-chart",
        (
            MenuItem(_("Bảng theo dõi trong ngày"), "indicators:dashboard", "indicators.view_submission"),
            MenuItem(_("Nhập số liệu"), "indicators:entry", "indicators.view_submission"),
            MenuItem(_("Nạp tệp trao đổi"), "indicators:exchange_upload", "indicators.add_datavalue"),
            MenuItem(_("Tình hình nộp báo cáo"), "indicators:completeness", "indicators.view_submission"),
            MenuItem(_("Xếp hạng và bản đồ"), "indicators:analysis", "indicators.view_datavalue"),
            MenuItem(_("Diễn biến theo kỳ"), "indicators:series", "indicators.view_datavalue"),
            MenuItem(_("Báo cáo Ban Chỉ đạo vùng"), "indicators:brief", "indicators.view_datavalue"),
            MenuItem(_("Số liệu"), "indicators:datavalue_list", "indicators.view_datavalue"),
            MenuItem(_("Báo cáo số liệu"), "indicators:submission_list", "indicators.view_submission"),
            MenuItem(_("Chỉ tiêu"), "indicators:indicator_list", "indicators.view_indicator"),
            MenuItem(_("Bộ chỉ tiêu báo cáo"), "indicators:dataset_list", "indicators.view_dataset"),
        ),
        order=45,
    ),
)
