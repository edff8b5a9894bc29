from __future__ import annotations

import html

import django_tables2 as tables
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext_lazy as _

from cndp.core.links import pk_url_parts
from cndp.core.tables import BaseTable, body_language, escape_html, record_url
from cndp.core.text import parse_day
from cndp.party.choices import Gender
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

    # ---- the list page's cells, written straight (cndp_tables.table_body): the markup the steps above
    # give through django-tables2's generic cell (the tests compare both), with what every row shares —
    # the labels of the language, the day format, the cells' and standings' words — worked out once a
    # table.

    def _cells(self) -> _Cells:
        language = body_language(self)
        cells = self.__dict__.get("_cells_of")
        if cells is None or cells.language != language:
            cells = self.__dict__["_cells_of"] = _Cells(self, language)
        return cells

    def cell_full_name(self, record) -> str:
        name = record.full_name
        if name is None or name == "":
            return self._cells().default
        return f'<a href="{self._cells().url(self, record)}">{html.escape(name)}</a>'

    def cell_gender(self, record) -> str:
        value = record.gender
        if value is None or value == "":
            return self._cells().default
        label = self._cells().genders.get(value)
        return html.escape(str(value)) if label is None else label

    def cell_birth_date(self, record) -> str:
        return self._cells().day(record.birth_date)

    def cell_admitted_on(self, record) -> str:
        return self._cells().day(record.admitted_on)

    def cell_official_on(self, record) -> str:
        return self._cells().day(record.official_on)

    def cell_cell(self, record) -> str:
        cells = self._cells()
        name = None
        if self.asked_day is not None and getattr(record, "at_in_organisation", False):
            name = record.at_cell_name
        if not name:
            unit = record.cell
            if unit is None:
                return cells.default
            name = str(unit)
        known = cells.names.get(name)
        if known is None:
            known = cells.names[name] = html.escape(name)
        return known

    def cell_status(self, record) -> str:
        if not hasattr(record, "at_status"):
            return html.escape(self.render_status(record))
        key = (
            record.at_status,
            record.at_in_organisation,
            record.at_temporary_away,
            record.at_exempted,
            record.at_suspended,
            record.at_ended,
        )
        cells = self._cells()
        label = cells.standings.get(key)
        if label is None:
            label = cells.standings[key] = html.escape(standing_label(standing_on(record)))
        return label

    def cell_actions(self, record) -> str:
        cells = self._cells()
        url = cells.url(self, record)
        return f'<a class="btn btn-sm btn-outline-secondary py-0" href="{url}">{cells.view}</a>'


class _Cells:
    """What every cell of a member table's body in one language shares, escaped as the cells write it."""

    def __init__(self, table: MemberTable, language: str):
        self.language = language
        self.default = escape_html(table.default)
        self.view = escape_html(_("Xem"))
        self.genders = {value: html.escape(str(label)) for value, label in Gender.choices}
        self.names: dict[str, str] = {}  # a cell's name → escaped
        self.standings: dict[tuple, str] = {}  # a standing (STANDING_FIELDS) → its words, escaped
        # DateColumn's short format: "d/m/Y" in both languages (cndp.formats), written here with no
        # format read and parsed per cell; any other format as Django writes it (as DateColumn does).
        self.day_first = get_format("SHORT_DATE_FORMAT") == "d/m/Y"
        # A member's page (Member.get_absolute_url, the registry's rule): its URL around the number.
        parts = pk_url_parts("party:member_detail")
        self.url_parts = None if parts is None else (html.escape(parts[0]), html.escape(parts[1]))

    def url(self, table: MemberTable, record) -> str:
        pk = record.pk
        if self.url_parts is None or type(pk) is not int:
            return html.escape(record_url(table, record))
        return f"{self.url_parts[0]}{pk}{self.url_parts[1]}"

    def day(self, value) -> str:
        if value is None or value == "":
            return self.default
        if self.day_first:
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return html.escape(date_format(value, "SHORT_DATE_FORMAT") or self.default)
