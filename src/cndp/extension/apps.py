from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


def _reports_redated(obligations) -> None:
    """The calendar re-dated progress-report obligations: the reports' copies follow (progress.services)."""
    from cndp.extension.progress.services import reports_redated

    reports_redated(obligations)


def _project_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """A project's status decides whether its progress reports are still owed on the calendar: the
    obligations' `owed` follows every save that may change it (progress.services)."""
    if raw or (update_fields is not None and "status" not in update_fields):
        return
    from cndp.extension.progress.services import project_obligations_follow

    project_obligations_follow(instance)


class ExtensionConfig(AppConfig):
    name = "cndp.extension"
    label = "extension"
    verbose_name = _("Khuyến công")
    home = "cndp.extension.home.home_contributions"  # its cards and panels on the home page (core.home)
    search = "cndp.extension.search.search_hits"  # its hits in the global search (core.search)
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
                    _("Thời hạn đăng ký"),
                    "extension:schedulerule_list",
                    "extension.view_schedulerule",
                ),
            ),
            order=30,
        ),
    )

    def ready(self):
        from django.db.models import Q
        from django.db.models.signals import post_save

        from cndp.extension.progress import rules as reporting
        from cndp.extension.projects import lifecycle
        from cndp.obligations import kinds

        # A progress report is owed on the shared calendar while its project still reports (not
        # suspended, withdrawn or ended); submitted and reviewed on the report's own page, with its
        # content (the agency may submit for the province, as it always could). The labels are those of
        # the source language (the calendar joins them as text; its e-mails are in Vietnamese).
        kinds.register(
            kinds.Kind(
                reporting.OBLIGATION_KIND,
                str(_("báo cáo tiến độ đề án khuyến công")),
                short=str(_("báo cáo tiến độ")),
                still_owed=lambda: Q(
                    extension_progress_report__project__status__in=sorted(lifecycle.REPORTING)
                ),
                where=str(_("Khuyến công › Báo cáo tiến độ")),
                agency_may_submit=True,
                own_page=True,
                redated=_reports_redated,
            )
        )
        post_save.connect(_project_saved, sender="extension.Project", dispatch_uid="extension_project_owed")
