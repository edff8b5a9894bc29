import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit, User
from cndp.core.scoped_columns import ProvinceColumnsMixin
from cndp.core.tables import BaseTable


class UnitTable(ProvinceColumnsMixin, BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên đơn vị"))
    parent = tables.Column(linkify=True, verbose_name=_("Đơn vị cấp trên"))
    province = tables.Column(verbose_name=_("Tỉnh, thành phố"))

    class Meta(BaseTable.Meta):
        model = Unit
        fields = ("code", "name", "short_name", "kind", "parent", "province", "phone", "is_active")


class UserTable(BaseTable):
    full_name = tables.Column(linkify=True, verbose_name=_("Họ và tên"), order_by=("name_sort_key",))
    unit = tables.Column(verbose_name=_("Đơn vị"))
    roles = tables.Column(verbose_name=_("Vai trò"), accessor="role_labels", orderable=False)

    class Meta(BaseTable.Meta):
        model = User
        fields = ("full_name", "username", "email", "unit", "position", "roles", "is_active")
