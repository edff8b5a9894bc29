"""Bulk import of the exchange format (nạp số liệu hàng loạt) — `cndp indicators import`, the web
upload and the API call this. All or nothing: every row is checked; when any has an error (or on a dry
run) nothing is written. Streams: the file is read row by row and valid rows are written in batches
inside one transaction, rolled back at the end if any error was found — memory does not grow with the
rows beyond one key per row for the duplicate check.

Error codes (the contract's): missing_column, unknown_indicator, bad_period, period_type,
unknown_province, bad_value, out_of_range, duplicate; and, for a user confined to a province (the web
upload), out_of_scope (another province) and locked (a value already submitted or approved); bad_file
when the file cannot be read at all.

Values imported by the agency or the command line are official figures (state approved); a province's
upload saves drafts. A key already stored is replaced and the history keeps the old value."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core.permissions import can, user_province_id
from cndp.core.text import nfc
from cndp.indicators import periods
from cndp.indicators.choices import ValueState
from cndp.indicators.exchange import ExchangeFile, FileProblem
from cndp.indicators.models import VALUE_PLACES, DataValue, Indicator
from cndp.places.choices import ProvinceVersion
from cndp.places.models import Province

BATCH = 5000
PROGRESS_EVERY = 1000  # rows between two calls of the progress callback (the job throttles its writes)
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
LIMIT = Decimal(10) ** 18
QUANTUM = Decimal(1).scaleb(-VALUE_PLACES)


@dataclass
class ImportResult:
    rows: int = 0
    valid: int = 0
    written: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"rows": self.rows, "valid": self.valid, "written": self.written, "errors": self.errors}


class _Catalogue:
    """The lookups a row needs, each cached: indicators by code, periods by code, units by (code, day)."""

    def __init__(self):
        self.indicators = {
            i.code: i for i in Indicator.objects.only("pk", "code", "period_type", "min_value", "max_value")
        }
        self.units: dict[str, list[Province]] = {}
        self.current: dict[int, int] = {}  # a unit → today's unit (of the 34) that covers it
        for p in Province.objects.only("pk", "code", "version", "valid_from", "valid_to", "successor_id"):
            self.units.setdefault(p.code, []).append(p)
            self.current[p.pk] = (
                p.successor_id if p.version == ProvinceVersion.V63 and p.successor_id else p.pk
            )
        self._periods: dict[str, periods.Period | None] = {}
        self._unit_at: dict[tuple[str, datetime.date], int | None] = {}

    def period(self, text: str) -> periods.Period | None:
        if text not in self._periods:
            try:
                self._periods[text] = periods.parse(text)
            except ValueError:
                self._periods[text] = None
        return self._periods[text]

    def unit(self, code: str, day: datetime.date) -> int | None:
        key = (code, day)
        if key not in self._unit_at:
            self._unit_at[key] = next((p.pk for p in self.units.get(code, ()) if p.is_valid_at(day)), None)
        return self._unit_at[key]


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _province_text(cell) -> str:
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return f"{int(cell):02d}"  # a numeric cell lost its leading zero
    return _text(cell)


def _number(cell) -> Decimal | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        number = Decimal(cell)
    elif isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            return None
        number = Decimal(repr(cell))
    else:
        text = str(cell).strip() if cell is not None else ""
        if not NUMBER.match(text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if abs(number) >= LIMIT:
        return None
    if number.as_tuple().exponent < -VALUE_PLACES:
        number = number.quantize(QUANTUM, rounding=ROUND_HALF_EVEN)
    return number


class _Writer:
    """Batches of valid rows written with one statement each; existing keys replaced with history."""

    def __init__(self, *, user, state: str, now, province_only: bool):
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.state = state
        self.now = now
        self.province_only = province_only
        self.written = 0
        self.batch: list[
            tuple
        ] = []  # (line, indicator id, province id, today's unit, period, value, comment)
        self.any_stored = DataValue.objects.exists()
        ops = connection.ops
        self.stamp = ops.adapt_datetimefield_value(now)
        self._dates: dict[datetime.date, object] = {}
        table = connection.ops.quote_name(DataValue._meta.db_table)
        columns = (
            "created", "updated", "search_folded", "indicator_id", "province_id", "province_current_id",
            "period_type", "period_start", "value", "comment", "state",
        )  # fmt: skip
        self.insert = "INSERT INTO {} ({}) VALUES ({})".format(
            table, ", ".join(ops.quote_name(c) for c in columns), ", ".join(["%s"] * len(columns))
        )

    def _date(self, day):
        if day not in self._dates:
            self._dates[day] = connection.ops.adapt_datefield_value(day)
        return self._dates[day]

    def flush(self, *, write: bool, errors: list[dict]) -> None:
        """Check the batch against what is stored (locked values for a province's upload) and, when
        `write`, store it."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        existing = {}
        if self.any_stored:
            stored = DataValue.objects.filter(
                indicator_id__in={r[1] for r in batch},
                province_id__in={r[2] for r in batch},
                period_start__in={r[4].start for r in batch},
            )
            existing = {(v.indicator_id, v.province_id, v.period_start): v for v in stored}
        inserts, changes = [], []
        for line, indicator_id, province_id, current_id, period, value, comment in batch:
            old = existing.get((indicator_id, province_id, period.start))
            if old is None:
                inserts.append(
                    (self.stamp, self.stamp, "", indicator_id, province_id, current_id, period.type,
                     self._date(period.start), value, comment, self.state)
                )  # fmt: skip
            elif self.province_only and old.state != ValueState.DRAFT:
                errors.append(
                    {"row": line, "column": "value", "code": "locked",
                     "message": _("Số liệu đã gửi hoặc đã duyệt, không thay được.")}
                )  # fmt: skip
            elif old.value != value or old.comment != comment:
                old.value, old.comment, old.state, old.updated = value, comment, self.state, self.now
                changes.append(old)
        if not write or errors:
            return
        with connection.cursor() as cursor:
            if inserts:
                cursor.executemany(self.insert, inserts)
        if changes:
            DataValue.objects.bulk_update(changes, ["value", "comment", "state", "updated"])
            DataValue.history.bulk_history_create(
                changes, update=True, default_user=self.user, default_date=self.now
            )
        self.written += len(inserts) + len(changes)

    def history_of_inserts(self) -> None:
        """One history row ('+', who, when) for every value this import inserted: INSERT … SELECT."""
        History = DataValue.history.model  # noqa: N806
        ops = connection.ops
        own = [f.column for f in DataValue._meta.concrete_fields]
        extra = ["history_date", "history_type", "history_user_id", "history_change_reason"]
        sql = "INSERT INTO {} ({}) SELECT {}, %s, %s, %s, NULL FROM {} WHERE {} = %s".format(
            ops.quote_name(History._meta.db_table),
            ", ".join(ops.quote_name(c) for c in own + extra),
            ", ".join(ops.quote_name(c) for c in own),
            ops.quote_name(DataValue._meta.db_table),
            ops.quote_name("created"),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.stamp, "+", self.user.pk if self.user else None, self.stamp])


def values_import(*, path, user=None, dry_run: bool = False, progress=None) -> ImportResult:
    """Nạp tệp trao đổi — check every row, and unless a row has an error or `dry_run`, write them all
    (one transaction). `user` None is the command line (the data manager); a user confined to a province
    may load only its province's values, as drafts. `progress(checked=, written=, total=)`, when given,
    is called every PROGRESS_EVERY rows and at the end (the web upload's job: it must not write through
    this transaction's connection — see core.jobs.progress)."""
    if user is not None and not (can(user, "add", DataValue) and can(user, "change", DataValue)):
        raise PermissionDenied
    province_only = user is not None and user_province_id(user) is not None
    own_province = user_province_id(user) if province_only else None
    state = ValueState.DRAFT if province_only else ValueState.APPROVED
    result = ImportResult()
    try:
        source = ExchangeFile(path)
    except FileProblem as exc:
        result.errors.append({"row": 1, "column": "", "code": "bad_file", "message": str(exc)})
        return result
    if progress is not None:
        progress(checked=0, written=0, total=source.estimated_rows)
    with source, transaction.atomic():
        for column in source.missing:
            result.errors.append(
                {"row": 1, "column": column, "code": "missing_column",
                 "message": _("Thiếu cột «%(column)s».") % {"column": column}}
            )  # fmt: skip
        try:
            if result.errors:
                result.rows = sum(1 for _row in source.rows())
                return result
            _check_rows(source, result, user, state, province_only, own_province, dry_run, progress)
        except FileProblem as exc:
            result.errors.append({"row": 1, "column": "", "code": "bad_file", "message": str(exc)})
        if result.errors or dry_run:
            transaction.set_rollback(True)
            result.written = 0
        result.errors.sort(key=lambda e: e["row"])
    if progress is not None:
        progress(checked=result.rows, written=result.written, total=result.rows)
    return result


def _check_rows(source, result, user, state, province_only, own_province, dry_run, progress=None) -> None:
    catalogue = _Catalogue()
    writer = _Writer(user=user, state=state, now=timezone.now(), province_only=province_only)
    at = source.header
    i_ind, i_per, i_prov, i_val = at["indicator"], at["period"], at["province"], at["value"]
    i_com = at.get("comment")
    need = max(i for i in (i_ind, i_per, i_prov, i_val, i_com) if i is not None) + 1
    seen: set[int] = set()
    errors = result.errors
    rows = valid = 0
    # Lookups cached on the raw cells: a file holds few distinct indicators, periods and provinces.
    pairs: dict[tuple, tuple] = {}  # (indicator cell, period cell) → (indicator, period, problems)
    units: dict[tuple, tuple] = {}  # (province cell, period) → (province id, problems)

    def pair(raw_indicator, raw_period) -> tuple:
        code = _text(raw_indicator)
        indicator = catalogue.indicators.get(code)
        problems = []
        if indicator is None:
            problems.append(
                ("indicator", "unknown_indicator", _("Không có chỉ tiêu «%(code)s».") % {"code": code})
            )
        text = _text(raw_period)
        period = catalogue.period(text)
        if period is None:
            problems.append(("period", "bad_period", _("Kỳ «%(period)s» không hợp lệ.") % {"period": text}))
        elif indicator is not None and period.type != indicator.period_type:
            problems.append(
                ("period", "period_type", _("Kỳ %(period)s không phải kỳ số liệu của chỉ tiêu %(code)s.")
                 % {"period": text, "code": code})
            )  # fmt: skip
        return indicator, period, problems

    def unit(raw_province, period) -> tuple:
        text = _province_text(raw_province)
        province_id = catalogue.unit(text, period.end)
        if province_id is None:
            message = _("Không có tỉnh mã «%(code)s» vào ngày %(day)s.") % {
                "code": text,
                "day": period.end.strftime("%d/%m/%Y"),
            }
            return None, [("province", "unknown_province", message)]
        if province_only and catalogue.current[province_id] != own_province:
            return province_id, [("province", "out_of_scope", _("Bạn chỉ được nạp số liệu của tỉnh mình."))]
        return province_id, []

    for line, cells in source.rows():
        rows += 1
        if progress is not None and not rows % PROGRESS_EVERY:
            progress(checked=rows, written=writer.written)
        if len(cells) < need:
            cells = tuple(cells) + (None,) * (need - len(cells))
        raw = (cells[i_ind], cells[i_per])
        found = pairs.get(raw)
        if found is None:
            found = pairs[raw] = pair(*raw)
        indicator, period, problems = found
        province_id = None
        if period is not None:
            raw_unit = (cells[i_prov], period)
            found = units.get(raw_unit)
            if found is None:
                found = units[raw_unit] = unit(*raw_unit)
            province_id, more = found
            if more:
                problems = problems + more
        value = _number(cells[i_val])
        if value is None:
            problems = problems + [
                (
                    "value",
                    "bad_value",
                    _("Giá trị «%(value)s» không phải là số.") % {"value": _text(cells[i_val])},
                )
            ]
        elif indicator is not None and (
            (indicator.min_value is not None and value < indicator.min_value)
            or (indicator.max_value is not None and value > indicator.max_value)
        ):
            problems = problems + [
                ("value", "out_of_range", _("Giá trị %(value)s ngoài khoảng hợp lệ của chỉ tiêu %(code)s.")
                 % {"value": value, "code": indicator.code})
            ]  # fmt: skip
        if province_id is not None and indicator is not None and period.type == indicator.period_type:
            key = (((indicator.pk << 32) | province_id) << 20) | (period.start.year * 12 + period.start.month)
            if key in seen:
                problems = problems + [
                    ("", "duplicate", _("Chỉ tiêu, kỳ và tỉnh này đã có ở một dòng trước."))
                ]
            else:
                seen.add(key)
        if problems:
            errors.extend({"row": line, "column": c, "code": k, "message": m} for c, k, m in problems)
            writer.batch = []  # nothing will be written: stop writing, keep checking
            continue
        valid += 1
        if not dry_run and not errors:
            comment = cells[i_com] if i_com is not None else None
            writer.batch.append(
                (
                    line,
                    indicator.pk,
                    province_id,
                    catalogue.current[province_id],
                    period,
                    value,
                    nfc(comment) if comment else "",
                )
            )
            if len(writer.batch) >= BATCH:
                writer.flush(write=True, errors=errors)
    writer.flush(write=not errors and not dry_run, errors=errors)
    if not errors and not dry_run:
        writer.history_of_inserts()
    result.rows, result.valid, result.written = rows, valid, writer.written
