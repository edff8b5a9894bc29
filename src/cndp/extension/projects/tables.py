"""Project tables: the registry's list (also its Excel columns), beneficiaries, transitions, the ledger; the
year and money columns every extension table uses."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cndp.core.links import pk_url_parts
from cndp.core.models import CndpModel
from cndp.core.tables import BaseTable, ChoiceColumn, body_language, escape_html, localize_int
from cndp.extension.models import Beneficiary, LedgerEntry, Project, ProjectTransition


class YearColumn(tables.Column):
    """A year: 2026, never 2.026."""

    def render(self, value):
        return str(value)

    def value(self, value):
        return value


class MoneyColumn(tables.Column):
    """VND shown as 1.234.567 (right-aligned); exported to Excel as the number itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value, table):
        return localize_int(value, body_language(table))

    def value(self, value):
        return value


class ProjectTable(BaseTable):
    code = tables.Column(linkify=True, verbose_name=_("Mã đề án"), attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name=_("Tên đề án"), attrs={"td": {"style": "min-width: 18rem"}})
    plan_year = YearColumn(verbose_name=_("Năm"))
    province = tables.Column(verbose_name=_("Tỉnh, thành phố"), order_by=("province__code",))
    # Shown under the project's name on screen (a narrow column of its own wrapped word by word); its own
    # column in the Excel file.
    activity_type = tables.Column(
        verbose_name=_("Nội dung"), order_by=("activity_type__order",), visible=False
    )
    extension_funds = MoneyColumn(verbose_name=_("Kinh phí khuyến công (đồng)"))
    total_funds = MoneyColumn(verbose_name=_("Tổng kinh phí (đồng)"))
    score = tables.Column(verbose_name=_("Điểm"), attrs={"td": {"class": "text-end"}})
    status = ChoiceColumn("status", verbose_name=_("Trạng thái"), attrs={"td": {"style": "min-width: 9rem"}})

    class Meta(BaseTable.Meta):
        model = Project
        fields = (
            "code",
            "name",
            "plan_year",
            "province",
            "activity_type",
            "extension_funds",
            "total_funds",
            "score",
            "status",
        )

    def render_province(self, record):
        return record.province.short_name

    def render_name(self, record):
        return SafeString(
            f'{escape_html(record.name)}<div class="small text-muted">{escape_html(record.activity_type.name)}</div>'
        )

    # ---- The list page's cells (`cell_<column>`, cndp_tables.table_body): the markup the columns' steps
    # above write, with what is the same for every row (labels, the number format, the URL of a project
    # page but for its number) worked out once per table and language, and nothing looked up twice a row.

    def _cells(self) -> _ProjectCells:
        # Looked up by every cell (`per_language` without its key tuple and default: a tenth of the body).
        cells = self.__dict__.get("_project_cells")
        if cells is None or cells.language != body_language(self):
            cells = self.__dict__["_project_cells"] = _ProjectCells(self)
        return cells

    def cell_code(self, record) -> str:
        code = record.code
        if code in (None, ""):
            return self._cells().default
        return f'<a href="{self._url(record)}">{escape_html(code)}</a>'

    def cell_name(self, record) -> str:
        name = record.name
        if name in (None, ""):
            return self._cells().default
        types = self._cells().activity_types
        activity = types.get(record.activity_type_id)
        if activity is None:
            activity = types[record.activity_type_id] = escape_html(record.activity_type.name)
        return f'{escape_html(name)}<div class="small text-muted">{activity}</div>'

    def cell_plan_year(self, record) -> str:
        year = record.plan_year
        return self._cells().default if year is None else str(year)

    def cell_province(self, record) -> str:
        provinces = self._cells().provinces
        name = provinces.get(record.province_id)
        if name is None:
            province = record.province
            if province is None:  # not with a record's province required; as the generic steps write it
                return self._cells().default
            name = provinces[record.province_id] = escape_html(province.short_name)
        return name

    def cell_extension_funds(self, record) -> str:
        return self._cells().money(record.extension_funds)

    def cell_total_funds(self, record) -> str:
        return self._cells().money(record.total_funds)

    def cell_score(self, record) -> str:
        score = record.score
        if score in (None, ""):
            return self._cells().default
        scores = self._cells().scores
        key = str(score)  # 8.5 and 8.50 are equal numbers, not the same text
        text = scores.get(key)
        if text is None:
            text = scores[key] = escape_html(localize(score))
        return text

    def cell_status(self, record) -> str:
        cells = self._cells()
        label = cells.statuses.get(record.status)
        if label is None:
            label = cells.statuses[record.status] = escape_html(
                self.columns["status"].column.label(record, cells.language)
            )
        return label

    def cell_actions(self, record) -> str:
        return f'<a class="btn btn-sm btn-outline-secondary py-0" href="{self._url(record)}">{self._cells().view}</a>'

    def _url(self, record) -> str:
        """The project's page, escaped (its code and its «Xem» button link there): the URL of the first
        row's project with the number changed, as `reverse_pk` writes it."""
        last = self.__dict__.get("_last_url")
        if last is not None and last[0] is record:
            return last[1]
        parts = self._cells().url_parts
        if parts is not None and type(record.pk) is int and record.pk >= 0:
            url = f"{parts[0]}{record.pk}{parts[1]}"
        else:
            url = escape_html(record.get_absolute_url())
        self.__dict__["_last_url"] = (record, url)
        return url

    def value_name(self, record):
        return record.name

    def value_province(self, record):
        return record.province.name


class _ProjectCells:
    """What the project list's cells share within a table and a language."""

    def __init__(self, table: ProjectTable):
        self.language = language = body_language(table)
        self.default = escape_html(table.default)
        self.view = escape_html(_("Xem"))
        self.statuses: dict[str, str] = {}
        self.activity_types: dict[int, str] = {}
        self.provinces: dict[int, str] = {}
        self.scores: dict = {}
        parts = pk_url_parts(f"{Project._meta.app_label}:{Project._meta.model_name}_detail")
        # Only where a project's URL is the registry's (`CndpModel.get_absolute_url`).
        generic = Project.get_absolute_url is CndpModel.get_absolute_url
        self.url_parts = (escape_html(parts[0]), escape_html(parts[1])) if parts and generic else None
        # Digits and the language's separator: nothing to escape.
        self.money = lambda value: self.default if value is None else localize_int(value, language)


class BeneficiaryTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("Tên cơ sở"))
    project = tables.Column(
        verbose_name=_("Đề án"),
        accessor="project__code",
        linkify=lambda record: record.project.get_absolute_url(),
    )

    class Meta(BaseTable.Meta):
        model = Beneficiary
        fields = ("name", "project", "kind", "tax_code", "labour", "women_owned", "ethnic_minority_owned")


class TransitionTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = ProjectTransition
        fields = ("at", "source", "target", "actor", "decision_number", "decision_date", "comment")
        exclude = ("actions",)


class LedgerTable(BaseTable):
    amount = MoneyColumn(verbose_name=_("Số tiền (đồng)"))

    class Meta(BaseTable.Meta):
        model = LedgerEntry
        fields = ("on", "kind", "amount", "document_number", "note", "recorded_by")
        exclude = ("actions",)
