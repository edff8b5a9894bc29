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
        if request is None:
            return None
        asked = getattr(self, "_asked", None)
        if asked is None or asked[0] is not request:  # read once per request, not once per cell
            asked = self._asked = (request, parse_day(request.GET.get("at")))
        return asked[1]

    def _at(self):
        return self._asked_day() or timezone.localdate()

    def _state(self, record):
        """The record's state on the asked day, replayed once per row: the cell and the status of a row
        read it one after the other (only the last row's is kept: an export streams every member)."""
        at = self._at()
        key = (at, type(record), record.pk)
        last = getattr(self, "_last_state", None)
        if last is None or last[0] != key:
            last = self._last_state = (key, record.state_at(at))
        return last[1]

    def render_cell(self, value, record):
        if self._asked_day() is None:
            return str(value)
        state = self._state(record)
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
        return standing_label(self._state(record))

    def value_status(self, record):
        return self.render_status(record)
