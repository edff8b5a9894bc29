from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


def _sync_roles(sender, app_config=None, **kwargs):
    # Permissions of every app exist only once the last app has migrated.
    from django.apps import apps

    last = [c for c in apps.get_app_configs() if c.models_module is not None][-1]
    if app_config is not None and app_config.label != last.label:
        return
    from cndp.accounts.services import roles_sync

    roles_sync()


def _update_last_login(sender, user, **kwargs):
    from django.utils import timezone

    type(user).objects.filter(pk=user.pk).update(last_login=timezone.now())


class AccountsConfig(AppConfig):
    name = "cndp.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và đơn vị")
    home = "cndp.accounts.home.home_contributions"  # its cards and panels on the home page (core.home)
    search = "cndp.accounts.search.search_hits"  # its hits in the global search (core.search)
    menu = (
        MenuGroup(
            _("Tổ chức"),
            "people",
            (
                MenuItem(_("Đơn vị"), "accounts:unit_list", "accounts.view_unit"),
                MenuItem(_("Người dùng"), "accounts:user_list", "accounts.view_user"),
            ),
            order=70,
        ),
    )

    def ready(self):
        from django.contrib.auth import models as auth_models
        from django.contrib.auth.signals import user_logged_in

        post_migrate.connect(_sync_roles, dispatch_uid="cndp_roles_sync")
        # A login is not a change to the user's record: update last_login without an audit entry.
        user_logged_in.disconnect(auth_models.update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_update_last_login, dispatch_uid="cndp_update_last_login")
