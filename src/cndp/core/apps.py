from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _said_goodbye(sender, request, user, **kwargs):
    """After a logout the login page says so (the session is new, the message goes with it)."""
    from django.contrib import messages

    if request is not None:
        messages.info(request, _("Bạn đã đăng xuất."))


class CoreConfig(AppConfig):
    name = "cndp.core"
    label = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(_said_goodbye, dispatch_uid="cndp.core.logout_message")
        from django.conf import settings

        import cndp.core.jobs.exports  # noqa: F401 — registers the list export job
        from cndp.core import data_version

        data_version.install()  # always: a process that writes must raise the version others read

        if settings.CNDP_SQL_CACHE:
            from cndp.core import compiled_sql

            compiled_sql.install(settings.CNDP_SQL_CACHE_SIZE, verify=settings.CNDP_SQL_CACHE_VERIFY)
