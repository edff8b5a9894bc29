import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable
from cndp.places.models import Province, Region


class ProvinceTable(BaseTable):
    code = tables.Column(verbose_name=_("Mã"))
    name = tables.Column(linkify=True, verbose_name=_("Tên"))
    successor = tables.Column(linkify=True, verbose_name=_("Đơn vị kế thừa (34)"))

    class Meta(BaseTable.Meta):
        model = Province
        fields = ("code", "name", "kind", "version", "valid_from", "valid_to", "successor")


class RegionTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên vùng"))
    member_count = tables.Column(verbose_name=_("Số tỉnh (63)"), accessor="member_count", orderable=False)

    class Meta(BaseTable.Meta):
        model = Region
        fields = ("name", "grouping", "member_count", "confirmed", "valid_from", "valid_to")
