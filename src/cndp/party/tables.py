import django_tables2 as tables
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cndp.core.tables import BaseTable
from cndp.core.text import parse_day
from cndp.party.models import Member, standing_label
from cndp.party.selectors import standing_on, with_standing_at

STANDING_FIELDS = (
    "at_status",
    "at_in_organisation",
    "at_temporary_away",
    "at_exempted",
    "at_suspended",
    "at_ended",
)


class MemberTable(BaseTable):
    """Đảng viên. With the «Tại ngày» filter, «Chi bộ» and «Tình trạng» are those of that date (the
    current ones without it), read with the rows from the member's period covering the day
    (`selectors.with_standing_at`): no history replayed per row, no query per row or per table."""

    full_name = tables.Column(linkify=True, verbose_name=_("Họ và tên"), order_by=("name_sort_key",))
    cell = tables.Column(verbose_name=_("Chi bộ"))
    status = tables.Column(verbose_name=_("Tình trạng"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = Member
        fields = ("full_name", "gender", "birth_date", "cell", "admitted_on", "official_on", "status")

    def __init__(self, data=None, *args, request=None, **kwargs):
        self.asked_day = parse_day(request.GET.get("at")) if request is not None else None
        if isinstance(data, QuerySet):
            data = with_standing_at(data, self.asked_day or timezone.localdate())
        super().__init__(data, *args, request=request, **kwargs)

    def render_cell(self, value, record):
        if self.asked_day is None or not getattr(record, "at_in_organisation", False):
            return str(value)
        return record.at_cell_name or str(value)

    def value_cell(self, value, record):
        return self.render_cell(value, record)

    def render_status(self, record):
        if not hasattr(record, "at_status"):  # a table of records not read by with_standing_at
            return standing_label(record.state_at(self.asked_day))
        # a handful of distinct standings on a page: each put in words once per table
        key = tuple(getattr(record, name) for name in STANDING_FIELDS)
        labels = self.__dict__.setdefault("_status_labels", {})
        if key not in labels:
            labels[key] = standing_label(standing_on(record))
        return labels[key]

    def value_status(self, record):
        return self.render_status(record)
