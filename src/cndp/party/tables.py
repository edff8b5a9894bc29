import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable
from cndp.party.models import Member


class MemberTable(BaseTable):
    full_name = tables.Column(linkify=True, verbose_name=_("Họ và tên"), order_by=("name_sort_key",))
    cell = tables.Column(verbose_name=_("Chi bộ"))
    status = tables.Column(verbose_name=_("Loại đảng viên"), accessor="status_label", orderable=False)

    class Meta(BaseTable.Meta):
        model = Member
        fields = ("full_name", "gender", "birth_date", "cell", "admitted_on", "official_on", "status")
