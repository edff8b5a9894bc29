import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.congress.models import Congress, Delegate
from cndp.core.tables import BaseTable


class CongressTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Đại hội"), accessor="pk", order_by=("opens_on",))

    class Meta(BaseTable.Meta):
        model = Congress
        fields = ("name", "kind", "opens_on", "venue", "rule_set", "status")

    def render_name(self, record):
        return str(record)

    def value_name(self, record):
        return str(record)


class DelegateTable(BaseTable):
    full_name = tables.Column(linkify=True, verbose_name=_("Họ và tên"), order_by=("name_sort_key",))
    cell = tables.Column(verbose_name=_("Chi bộ"))

    class Meta(BaseTable.Meta):
        model = Delegate
        fields = ("code", "full_name", "cell", "is_official", "exclusion", "present", "checked_in_at")
