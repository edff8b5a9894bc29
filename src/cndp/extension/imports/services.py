"""Importing a historical list of extension projects from Excel (nhập danh sách đề án khuyến công đã thực
hiện), with a dry run.

`importing.read_project_rows` parses the file; this service resolves every reference against the
database (programme, province in force at the plan date — old 63-unit codes and names included —,
implementing unit, activity type, trade), refuses duplicates (in the file and in the database) and the
rule violations of `project_problems`, and reports a funding cap exceeded as a warning only: these are
facts of the past. Nothing is written unless every row is valid; then every project is written in one
transaction with its status set directly and one transition record saying it was imported.
"""

from __future__ import annotations

import datetime
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit
from cndp.core.permissions import require, user_province_id
from cndp.core.text import fold, nfc
from cndp.extension.choices import ProgrammeScope
from cndp.extension.imports.reader import COLUMNS, ImportReport, RowIssue, read_project_rows
from cndp.extension.models import ActivityType, Programme, Project, ProjectTransition, Trade
from cndp.extension.projects import caps, lifecycle, selectors
from cndp.extension.projects.services import project_problems, user_roles
from cndp.places.choices import ProvinceVersion
from cndp.places.models import Province, ProvinceName

# The kinds of unit the project form offers as implementing unit (forms.IMPLEMENTING_KINDS).
IMPLEMENTING_KINDS = (UnitKind.DOIT, UnitKind.EXTENSION_CENTRE, UnitKind.AGENCY_CENTRE)
# Statuses that carry approved funds: the selection and everything after it in the plan.
WITH_APPROVED_FUNDS = frozenset({lifecycle.SELECTED, *lifecycle.APPROVED})
IMPORTERS = frozenset({lifecycle.ADMIN, lifecycle.AGENCY})
# Fields of project_problems already checked by the parser, and where each other problem is reported.
_PARSER_CHECKED = {"start_date", "end_date"}
_CAP_FIELD = "extension_funds"


def registration_opens(plan_year: int) -> datetime.date:
    """The first day proposals for `plan_year` may be registered: the day the previous plan year's
    registration closes (caps.first_open_plan_year gives `plan_year` from that day on)."""
    return caps.registration_deadline(plan_year - 1)


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def _short(words: str) -> str:
    for prefix in ("thanh pho ", "tinh ", "tp "):
        if words.startswith(prefix):
            return words[len(prefix) :]
    return words


class _References:
    """Every lookup table the rows need, read once (a constant number of queries whatever the rows)."""

    def __init__(self):
        self.programmes: dict[str, list[Programme]] = {}
        for programme in Programme.objects.select_related("province"):
            self._index(self.programmes, programme, programme.code.lower(), _words(programme.name))
        self.activities: dict[str, list[ActivityType]] = {}
        for activity in ActivityType.objects.all():
            self._index(self.activities, activity, activity.code.lower(), _words(activity.name))
        self.trades: dict[str, list[Trade]] = {}
        for trade in Trade.objects.all():
            self._index(self.trades, trade, trade.code.lower(), _words(trade.name))
        self.units: dict[str, list[Unit]] = {}
        for unit in Unit.objects.exclude(kind__in=(UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_CELL)):
            self._index(self.units, unit, unit.code.lower(), _words(unit.name))
        self.province_codes: dict[str, list[Province]] = {}
        self.province_names: dict[str, list[Province]] = {}
        provinces = {p.pk: p for p in Province.objects.select_related("successor")}
        for province in provinces.values():
            self.province_codes.setdefault(province.code, []).append(province)
            self._index(self.province_names, province, _words(province.name), _short(_words(province.name)))
        for entry in ProvinceName.objects.all():
            province = provinces[entry.province_id]
            self._index(self.province_names, province, _words(entry.name), _short(_words(entry.name)))
        self.national: dict[int, Programme | None] = {}

    @staticmethod
    def _index(table: dict, obj, *keys: str) -> None:
        for key in keys:
            if key and obj not in table.setdefault(key, []):
                table[key].append(obj)

    @staticmethod
    def find(table: dict, text: str) -> list:
        return table.get(text.lower()) or table.get(_words(text)) or []

    def national_programme(self, year: int) -> Programme | None:
        if year not in self.national:
            self.national[year] = selectors.programme_for_year(year)
        return self.national[year]

    def province_at(self, text: str, date: datetime.date) -> tuple[Province | None, str | None, str | None]:
        """(the unit in force on `date` that `text` names, error, note): a code or a name of either
        version; an old unit no longer in force on `date` is replaced by its 34-unit successor."""
        if text.isdigit():
            candidates = self.province_codes.get(text)
        else:
            candidates = self.find(self.province_names, text) or self.province_names.get(_short(_words(text)))
        if not candidates:
            return (
                None,
                _(
                    "không có tỉnh, thành phố «%(v)s»: ghi mã hoặc tên theo danh mục 63 hoặc 34 tỉnh, thành phố."
                )
                % {"v": text},
                None,
            )
        valid = {p for p in candidates if p.is_valid_at(date)}
        if len(valid) == 1:
            return valid.pop(), None, None
        successors = {
            p.successor
            for p in candidates
            if p.version == ProvinceVersion.V63 and p.successor is not None and p.successor.is_valid_at(date)
        }
        if not valid and len(successors) == 1:
            new = successors.pop()
            old = ", ".join(sorted(p.name for p in candidates))
            note = _("«%(old)s» không còn hiệu lực ngày %(d)s: ghi theo đơn vị kế thừa «%(new)s».") % {
                "old": old,
                "d": date.strftime("%d/%m/%Y"),
                "new": new.name,
            }
            return new, None, note
        if len(valid) > 1:
            names = ", ".join(sorted(f"{p.name} ({p.code})" for p in valid))
            return (
                None,
                _("«%(v)s» chỉ nhiều đơn vị: %(names)s — ghi mã.") % {"v": text, "names": names},
                None,
            )
        return (
            None,
            _(
                "«%(v)s» không phải đơn vị hành chính có hiệu lực ngày %(d)s (năm kế hoạch %(y)s): ghi theo "
                "danh mục có hiệu lực lúc đó (63 tỉnh, thành phố trước 01/07/2025)."
            )
            % {"v": text, "d": date.strftime("%d/%m/%Y"), "y": date.year},
            None,
        )


def _lookup(report: ImportReport, row, key: str, table: dict, missing: str):
    """The single record of `table` that the row's cell `key` names (by code or by name, accents
    ignored), or None: the cell is blank, or the error (`missing`, or a name shared by several) is
    reported."""
    text = row.values[key]
    if not text:
        return None
    found = _References.find(table, text)
    if len(found) == 1:
        return found[0]
    if not found:
        report.add(row.line, key, missing % {"v": text})
    else:
        report.add(row.line, key, _("«%(v)s» trùng tên nhiều bản ghi: ghi mã.") % {"v": text})
    return None


def require_importer(user) -> None:
    """Only the agency (its officers and the administrator) imports: a list of past projects spans every
    province, and the import writes lifecycle records directly."""
    require(user, "add", Project)
    require(user, "add", ProjectTransition)
    if not (user_roles(user) & IMPORTERS) or user_province_id(user) is not None:
        raise PermissionDenied(_("Chỉ chuyên viên Cục hoặc quản trị hệ thống được nhập danh sách đề án."))


def _file_label(file, filename: str) -> str:
    name = filename or str(getattr(file, "name", "") or "")
    name = nfc(os.path.basename(name.replace("\\", "/")))[:120]
    return name or _("không tên")


def _check_row(
    report: ImportReport, row, refs: _References, today: datetime.date, bad_lines: set[int]
) -> None:
    """Resolve the references of one parsed row and check what needs the database; build the project."""
    values, line = row.values, row.line
    errors_before = len(report.errors)
    year = values.get("plan_year")
    date = caps.plan_date(year) if year else None

    programme = _lookup(
        report, row, "programme", refs.programmes, _("không có chương trình «%(v)s» (xem mã trong tệp mẫu).")
    )
    if not values["programme"] and year:
        programme = refs.national_programme(year)
        if programme is None:
            report.add(line, "programme", _("chưa có chương trình khuyến công cho năm %(y)s.") % {"y": year})

    province = None
    if values["province"] and date:
        province, error, note = refs.province_at(values["province"], date)
        if error:
            report.add(line, "province", error)
        if note:
            report.warn(line, "province", note)

    unit = _lookup(
        report,
        row,
        "implementing_unit",
        refs.units,
        _("không có đơn vị «%(v)s» (ghi mã hoặc tên đơn vị như trong tệp mẫu)."),
    )
    if unit is not None and unit.kind not in IMPLEMENTING_KINDS:
        report.add(
            line,
            "implementing_unit",
            _("«%(v)s» không phải đơn vị thực hiện đề án (Sở Công Thương, Trung tâm Khuyến công).")
            % {"v": unit.name},
        )
        unit = None

    activity = _lookup(
        report,
        row,
        "activity_type",
        refs.activities,
        _("không có nội dung hoạt động «%(v)s» (xem mã trong tệp mẫu)."),
    )

    trade = _lookup(
        report, row, "trade", refs.trades, _("không có ngành nghề «%(v)s» (xem mã trong tệp mẫu).")
    )
    if trade is not None and date and not trade.is_valid_at(date):
        report.add(
            line,
            "trade",
            _("ngành nghề «%(t)s» không có hiệu lực trong năm kế hoạch %(y)s.") % {"t": trade, "y": year},
        )

    status = values.get("status")
    approved = values.get("approved_funds")
    if status in WITH_APPROVED_FUNDS:
        approved = approved if approved is not None else values.get("extension_funds")
    elif status is not None and status != lifecycle.WITHDRAWN and approved is not None:
        report.add(
            line,
            "approved_funds",
            _("chỉ ghi cho đề án đã được lựa chọn (từ trạng thái «%(s)s»), đề án này «%(this)s».")
            % {"s": lifecycle.label(lifecycle.SELECTED), "this": lifecycle.label(status)},
        )

    registered_on = values.get("registered_on")
    if registered_on and registered_on > today:
        report.add(line, "registered_on", _("không được sau ngày hôm nay."))
    elif registered_on and year and programme is not None and programme.scope == ProgrammeScope.NATIONAL:
        late = caps.deadline_problem(year, registered_on)
        if late:
            report.warn(line, "registered_on", late)

    if line in bad_lines or len(report.errors) > errors_before or year is None:
        return
    project = Project(
        code=values["code"],
        plan_year=year,
        name=values["name"],
        programme=programme,
        implementing_unit=unit,
        province=province,
        commune=values["commune"],
        craft_village=values["craft_village"],
        activity_type=activity,
        trade=trade,
        start_date=values["start_date"],
        end_date=values["end_date"],
        extension_funds=values["extension_funds"],
        counterpart_funds=values["counterpart_funds"],
        planned_trainees=values["planned_trainees"],
        planned_models=values["planned_models"],
        planned_machines=values["planned_machines"],
        planned_products=values["planned_products"],
        planned_jobs=values["planned_jobs"],
        status=status,
        approved_funds=approved,
        registered_on=registered_on or registration_opens(year),
    )
    project.derive()
    for key, message in project_problems(project).items():
        if key == _CAP_FIELD:
            report.warn(line, key, message)
        elif key not in _PARSER_CHECKED:
            report.add(line, key, message)
    try:
        project.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _report_errors(report, line, exc)
    if len(report.errors) == errors_before:
        row.project = project


def _report_errors(report: ImportReport, line: int, exc: ValidationError) -> None:
    for key, messages in exc.message_dict.items():
        for message in messages:
            report.add(line, key, message)


def _check_codes(report: ImportReport) -> None:
    """A code appears once in the file and is not in the database yet (case ignored)."""
    seen: dict[str, int] = {}
    for row in report.rows:
        code = row.values.get("code") or ""
        if not code:
            continue
        key = code.upper()
        if key in seen:
            report.add(row.line, "code", _("trùng mã đề án với dòng %(line)s.") % {"line": seen[key]})
        else:
            seen[key] = row.line
    existing = set(
        Project.objects.annotate(upper_code=Upper("code"))
        .filter(upper_code__in=list(seen))
        .values_list("upper_code", flat=True)
    )
    for key, line in seen.items():
        if key in existing:
            report.add(line, "code", _("đã có đề án mã này trong hệ thống."))


class _Rollback(Exception):
    """Undo every row written so far (a row refused at write time)."""


@transaction.atomic
def project_import(*, user, file, dry_run: bool, filename: str = "") -> ImportReport:
    """Nhập danh sách đề án khuyến công đã thực hiện từ Excel (`file`: an uploaded file, a file object or
    the bytes of the workbook). Every row and cell is checked first; a funding cap exceeded is a warning.
    Nothing is written unless every row is valid, and then all rows are written in one transaction, each
    with its status set directly and one transition from «Đăng ký» to it. `dry_run` checks only."""
    require_importer(user)
    report = read_project_rows(file)
    report.dry_run = dry_run
    report.filename = _file_label(file, filename or report.filename)
    if not report.rows:
        return report
    today = timezone.localdate()
    _check_codes(report)
    refs = _References()
    bad_lines = report.lines_with_errors()  # the parser's and the codes' errors
    for row in report.rows:
        _check_row(report, row, refs, today, bad_lines)
    report.errors.sort(key=_order)
    report.warnings.sort(key=_order)
    if report.errors or dry_run:
        return report

    at = timezone.now()
    comment = _("Nhập từ danh sách đề án đã thực hiện (tệp %(f)s).") % {"f": report.filename}
    try:
        with transaction.atomic():
            for row in report.rows:
                _write(row, user=user, at=at, comment=comment, report=report)
    except _Rollback:
        for row in report.rows:
            if row.project is not None:
                row.project.pk = None
        return report
    report.written = True
    return report


_COLUMN_ORDER = {title: index for index, (_key, title, _required) in enumerate(COLUMNS)}


def _order(issue: RowIssue) -> tuple[int, int]:
    """Row by row, and in a row from left to right (the whole row first)."""
    return (issue.line, _COLUMN_ORDER.get(issue.column, -1))


def _write(row, *, user, at, comment: str, report: ImportReport) -> None:
    project = row.project
    project.status_changed = at
    project._history_user = user
    try:
        project.full_clean()
    except ValidationError as exc:
        _report_errors(report, row.line, exc)
        raise _Rollback from exc
    project.save()
    if project.status == lifecycle.REGISTERED:
        return
    record = ProjectTransition(
        project=project,
        source=lifecycle.REGISTERED,
        target=project.status,
        actor=user,
        at=at,
        comment=comment,
    )
    record._history_user = user
    record.full_clean()
    record.save()
