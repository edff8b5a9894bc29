import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.accounts.models import Unit
from cndp.core.tables import BaseTable
from cndp.core.text import parse_day
from cndp.party.models import Member, standing_label


class MemberTable(BaseTable):
    """Đảng viên. With the «Tại ngày» filter, «Chi bộ» and «Tình trạng» are those of that date (the
    current ones without it)."""

    full_name = tables.Column(linkify=True, verbose_name=_("Họ và tên"), order_by=("name_sort_key",))
    cell = tables.Column(verbose_name=_("Chi bộ"))
    status = tables.Column(verbose_name=_("Tình trạng"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = Member
        fields = ("full_name", "gender", "birth_date", "cell", "admitted_on", "official_on", "status")

    def _asked_day(self):
        request = getattr(self, "request", None)
        return parse_day(request.GET.get("at")) if request is not None else None

    def _at(self):
        return self._asked_day() or timezone.localdate()

    def render_cell(self, value, record):
        if self._asked_day() is None:
            return str(value)
        state = record.state_at(self._at())
        if state is None or not state.in_organisation:
            return str(value)
        if not hasattr(self, "_cell_names"):  # one query per table: the cells of the page's rows only
            page = getattr(self, "page", None)
            records = list(page.object_list) if page is not None else [record]
            states = (getattr(r, "record", r).state_at(self._at()) for r in records)
            ids = {s.cell_id for s in states if s is not None and s.in_organisation} | {state.cell_id}
            self._cell_names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
        return self._cell_names.get(state.cell_id, str(value))

    def value_cell(self, value, record):
        return self.render_cell(value, record)

    def render_status(self, record):
        return standing_label(record.state_at(self._at()))

    def value_status(self, record):
        return self.render_status(record)
