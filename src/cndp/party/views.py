"""Registry of party members (danh sách đảng viên)."""

from cndp.core import generic
from cndp.party import filtersets, forms, tables
from cndp.party.models import Member


class MemberViews(generic.Registry):
    model = Member
    queryset = Member.objects.select_related("cell", "staff")
    table = tables.MemberTable
    filterset = filtersets.MemberFilterSet
    form = forms.MemberForm
    detail_fields = [
        "full_name",
        "gender",
        "birth_date",
        "cell",
        "staff",
        "admitted_on",
        "official_on",
        "status_label",
        "card_number",
    ]
