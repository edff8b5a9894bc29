import importlib

from django.apps import AppConfig
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Theo dõi công nghiệp địa phương. Its menu is declared by the screens, in `indicators/menu.py`
    (`MENU`, a tuple of core.navigation.MenuGroup): the menu appears with them."""

    name = "cndp.indicators"
    label = "indicators"
    verbose_name = _("Công nghiệp địa phương")

    @classproperty
    def menu(cls):  # noqa: N805 (read on the instance by core.navigation)
        try:
            return importlib.import_module("cndp.indicators.menu").MENU
        except ModuleNotFoundError:
            return ()

    def ready(self):
        from cndp.core.jobs import kinds as job_kinds
        from cndp.indicators.jobs import KIND as EXCHANGE_JOB
        from cndp.indicators.models import SUBMISSION_KIND
        from cndp.obligations import kinds

        job_kinds.register(EXCHANGE_JOB)

        kinds.register(
            kinds.Kind(
                SUBMISSION_KIND,
                # plain strings: the calendar joins its kinds' labels
                str(_("báo cáo số liệu công nghiệp địa phương")),
                short=str(_("báo cáo số liệu")),
                where=str(_("Công nghiệp địa phương › Nhập số liệu")),
            )
        )
