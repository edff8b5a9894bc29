"""Writes of the party module (dịch vụ ghi): members, the events of their history, the Excel import.

Every write: keyword-only arguments, inside a transaction, role checked with `core.permissions.require`,
`full_clean()` before `save()`, the acting user recorded in the audit history. The history of a member is
always checked whole by `rules.replay`, and the member's denormalised cell and dates are refreshed from
it here and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core.permissions import require
from cndp.core.text import fold, nfc
from cndp.party import rules
from cndp.party.importing import ImportReport, RowIssue, read_member_rows
from cndp.party.models import Member, MemberEvent, MemberPeriod

__all__ = [
    "ImportReport",
    "RowIssue",
    "member_create",
    "member_event_delete",
    "member_event_record",
    "member_import",
    "member_periods_rebuild",
    "member_sync",
]


def _day(value: datetime.date) -> str:
    return rules.format_day(value)


def _sequence_message(error: rules.SequenceError) -> str:
    return error.render(_)


def _not_in_future(errors: dict, field: str, value: datetime.date | None, today: datetime.date) -> None:
    if value is not None and value > today:
        errors.setdefault(field, []).append(
            _("Ngày không được sau ngày hôm nay (%(today)s).") % {"today": _day(today)}
        )


def _member_prepare(
    *,
    full_name: str,
    gender: str,
    birth_date: datetime.date | None,
    cell,
    admitted_on: datetime.date,
    official_on: datetime.date | None,
    staff,
    card_number: str,
    transferred_in_on: datetime.date | None,
    today: datetime.date,
) -> tuple[Member, list[tuple[str, rules.EventData]]]:
    """Build (unsaved) a new member and its first events, or raise ValidationError naming the fields.
    Shared by `member_create` and the dry run of `member_import`, so both refuse the same things."""
    member = Member(
        full_name=nfc(full_name),
        gender=gender,
        birth_date=birth_date,
        cell=cell,
        staff=staff,
        admitted_on=admitted_on,
        official_on=official_on,
        card_number=nfc(card_number),
    )
    errors: dict[str, list] = {}
    if cell is not None and getattr(cell, "kind", None) != "party_cell":
        errors.setdefault("cell", []).append(_("Hãy chọn một chi bộ."))
    for field, value in (
        ("birth_date", birth_date),
        ("admitted_on", admitted_on),
        ("official_on", official_on),
        ("transferred_in_on", transferred_in_on),
    ):
        _not_in_future(errors, field, value, today)
    if admitted_on is not None and admitted_on < rules.PARTY_FOUNDED:
        errors.setdefault("admitted_on", []).append(
            _("Ngày vào Đảng không thể trước ngày thành lập Đảng (%(day)s).")
            % {"day": _day(rules.PARTY_FOUNDED)}
        )
    if (
        birth_date is not None
        and admitted_on is not None
        and admitted_on < rules.earliest_admission(birth_date)
    ):
        errors.setdefault("admitted_on", []).append(
            _(
                "Người vào Đảng phải đủ %(age)s tuổi: sinh ngày %(birth)s thì chỉ được kết nạp từ ngày %(from)s."
            )
            % {
                "age": rules.MIN_ADMISSION_AGE,
                "birth": _day(birth_date),
                "from": _day(rules.earliest_admission(birth_date)),
            }
        )
    if member.card_number and Member.objects.filter(card_number=member.card_number).exists():
        errors.setdefault("card_number", []).append(_("Số thẻ đảng viên này đã có trong danh sách."))
    try:
        member.full_clean(validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)

    events: list[tuple[str, rules.EventData]] = []
    if admitted_on is not None and cell is not None:
        cell_id = cell.pk
        if transferred_in_on is None:
            events.append(("admitted_on", rules.EventData(rules.Kind.ADMITTED, admitted_on, cell_id)))
        else:
            events.append(("admitted_on", rules.EventData(rules.Kind.ADMITTED, admitted_on, None)))
            events.append(
                ("transferred_in_on", rules.EventData(rules.Kind.TRANSFER_IN, transferred_in_on, cell_id))
            )
        if official_on is not None:
            events.append(("official_on", rules.EventData(rules.Kind.OFFICIAL, official_on)))
        try:
            rules.replay([event for _field, event in events])
        except rules.SequenceError as exc:
            errors.setdefault(events[exc.index][0], []).append(_sequence_message(exc))
    if errors:
        raise ValidationError(errors)
    return member, events


@transaction.atomic
def member_create(
    *,
    user,
    full_name: str,
    gender: str,
    birth_date: datetime.date | None,
    cell,
    admitted_on: datetime.date,
    official_on: datetime.date | None = None,
    staff=None,
    card_number: str = "",
    transferred_in_on: datetime.date | None = None,
) -> Member:
    """Thêm đảng viên: the member and their first events — admitted (kết nạp) into `cell`, or, with
    `transferred_in_on`, admitted elsewhere and transferred in (chuyển đến) into `cell` on that date —
    and the recognition (công nhận chính thức) when `official_on` is given."""
    require(user, "add", Member)
    member, events = _member_prepare(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        cell=cell,
        admitted_on=admitted_on,
        official_on=official_on,
        staff=staff,
        card_number=card_number,
        transferred_in_on=transferred_in_on,
        today=timezone.localdate(),
    )
    member._history_user = user
    member.validate_constraints()
    member.save()
    for _field, data in events:
        event = MemberEvent(member=member, kind=data.kind, date=data.date, cell_id=data.cell_id)
        event._history_user = user
        event.full_clean()
        event.save()
    member_sync(member=member, user=user)
    return member


def _periods_write(member_id: int, data: Sequence[rules.EventData]) -> None:
    """Replace the member's dated periods (giai đoạn sinh hoạt) by those their events give."""
    MemberPeriod.objects.filter(member_id=member_id).delete()
    MemberPeriod.objects.bulk_create(MemberPeriod.from_rule(member_id, p) for p in rules.periods(data))


def member_sync(*, member: Member, user) -> Member:
    """Refresh the member's denormalised cell and dates, and their dated periods, from their events
    (called by the services after every change of a history)."""
    events = list(MemberEvent.objects.filter(member=member).order_by("date", "pk"))
    data = [e.as_data() for e in events] or member.event_data()
    _periods_write(member.pk, data)
    final = rules.final_state(data)
    if final is None:
        return member
    cell_id = rules.last_cell(data) or member.cell_id
    values = {"admitted_on": final.admitted_on, "official_on": final.official_on, "cell_id": cell_id}
    if any(getattr(member, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(member, key, value)
        member._history_user = user
        member.full_clean()
        member.save()
    return member


def _check_history(member: Member, events: Sequence[rules.EventData], new_index: int | None) -> None:
    """Raise ValidationError if the history cannot happen: on the new event's field when it is the
    one refused, else as a general error naming the event that no longer fits."""
    try:
        rules.replay(events)
    except rules.SequenceError as exc:
        message = _sequence_message(exc)
        if new_index is not None and exc.index == new_index:
            raise ValidationError({exc.field: [message]}) from exc
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Lịch sử của đảng viên sẽ không hợp lệ: %(reason)s") % {"reason": message}]}
        ) from exc


@transaction.atomic
def member_event_record(
    *,
    user,
    member: Member,
    kind: str,
    date: datetime.date,
    cell=None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    note: str = "",
) -> MemberEvent:
    """Ghi một sự kiện vào lịch sử sinh hoạt đảng. The whole resulting history is replayed: an event that
    cannot happen (official before 12 months, anything after death, a transfer out of a member who is
    not here …) is refused with the reason; the member's cell and dates follow."""
    require(user, "change", member)
    member = Member.objects.select_for_update().get(pk=member.pk)
    event = MemberEvent(
        member=member,
        kind=kind,
        date=date,
        cell=cell,
        decision_number=nfc(decision_number),
        decision_date=decision_date,
        note=(note or "").strip(),
    )
    event.full_clean(validate_constraints=False)
    errors: dict[str, list] = {}
    today = timezone.localdate()
    _not_in_future(errors, "date", date, today)
    _not_in_future(errors, "decision_date", decision_date, today)
    if errors:
        raise ValidationError(errors)
    existing = [e.as_data() for e in member.events.all()]
    if not existing:  # a record created outside the services: its dates stand for its history
        existing = member.event_data()
        for data in existing:
            seeded = MemberEvent(member=member, kind=data.kind, date=data.date, cell_id=data.cell_id)
            seeded._history_user = user
            seeded.full_clean()
            seeded.save()
    _check_history(member, [*existing, event.as_data()], new_index=len(existing))
    event.validate_constraints()
    event._history_user = user
    event.save()
    member_sync(member=member, user=user)
    return event


@transaction.atomic
def member_event_delete(*, user, event: MemberEvent) -> None:
    """Xóa một sự kiện ghi nhầm, if the history without it still holds (the first admission stays:
    delete the member instead). The deletion stays in the audit history."""
    member = Member.objects.select_for_update().get(pk=event.member_id)
    require(user, "change", member)
    others = [e for e in member.events.all() if e.pk != event.pk]
    if not others:
        raise ValidationError(
            _("Không thể xóa sự kiện duy nhất trong lịch sử; hãy xóa đảng viên nếu ghi nhầm.")
        )
    _check_history(member, [e.as_data() for e in others], new_index=None)
    event._history_user = user
    event.delete()
    member_sync(member=member, user=user)


def member_periods_rebuild(*, batch_size: int = 2000) -> int:
    """Rebuild every member's dated periods from their events (a record without events: from the
    history its dates imply), batch by batch, each batch in its own transaction. Returns the number of
    members. A maintenance operation with no acting user (`cndp manage party_rebuild_states`, like the
    data migration that built them first); each batch's members are locked as `member_event_record`
    locks them, so a history recorded meanwhile is not overwritten by a stale replay."""
    done = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            members = list(
                Member.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "admitted_on", "official_on", "cell_id")
                .prefetch_related("events")[:batch_size]
            )
            if not members:
                return done
            ids = [m.pk for m in members]
            MemberPeriod.objects.filter(member_id__in=ids).delete()
            rows = []
            for member in members:
                periods = rules.periods(member.event_data())
                rows.extend(MemberPeriod.from_rule(member.pk, p) for p in periods)
            MemberPeriod.objects.bulk_create(rows, batch_size=1000)
        done += len(members)
        last_pk = ids[-1]


# ---- Excel import --------------------------------------------------------------------------------------


def _cell_lookup() -> dict[str, object]:
    from cndp.accounts.models import Unit

    lookup: dict[str, object] = {}
    for unit in Unit.objects.filter(kind="party_cell"):
        lookup[unit.code.lower()] = unit
        lookup[fold(unit.name)] = unit
        short = fold(unit.name)
        if short.startswith("chi bo "):
            lookup.setdefault(short[len("chi bo ") :], unit)
    return lookup


class _Rollback(Exception):
    """Undo every row written so far (a row refused at write time)."""


def _report_errors(report: ImportReport, line: int, exc: ValidationError) -> None:
    for key, messages in exc.message_dict.items():
        for message in messages:
            report.add(line, key, message)


@transaction.atomic
def member_import(*, user, file, dry_run: bool) -> ImportReport:
    """Nhập danh sách đảng viên từ Excel. Every row and cell is checked first; nothing is written unless
    every row is valid, and then all rows are written in one transaction. A member already in the list
    (same card number, else same full name and birth date) is not added again. `dry_run` checks only."""
    require(user, "add", Member)
    report = read_member_rows(file)
    report.dry_run = dry_run
    if not report.rows:
        return report
    today = timezone.localdate()
    cells = _cell_lookup()
    by_card = {m.card_number: m for m in Member.objects.exclude(card_number="")}
    by_identity = {(fold(m.full_name), m.birth_date): m for m in Member.objects.all()}
    seen_cards: dict[str, int] = {}
    seen_identity: dict[tuple, int] = {}
    parse_issues = report.lines_with_issues()

    for row in report.rows:
        values = row.values
        name = values.get("full_name") or ""
        card = values.get("card_number") or ""
        identity = (fold(name), values.get("birth_date"))
        cell = None
        if values.get("cell"):
            cell = cells.get(values["cell"].lower()) or cells.get(fold(values["cell"]))
            if cell is None:
                report.add(
                    row.line,
                    "cell",
                    _("không có chi bộ «%(value)s» (ghi tên hoặc mã chi bộ như trong tệp mẫu).")
                    % {"value": values["cell"]},
                )
        values["cell_unit"] = cell
        if card and card in seen_cards:
            report.add(
                row.line, "card_number", _("trùng số thẻ với dòng %(line)s.") % {"line": seen_cards[card]}
            )
        elif name and identity in seen_identity:
            report.add(
                row.line,
                "full_name",
                _("trùng họ tên và ngày sinh với dòng %(line)s.") % {"line": seen_identity[identity]},
            )
        if card:
            seen_cards.setdefault(card, row.line)
        if name:
            seen_identity.setdefault(identity, row.line)

        existing = by_card.get(card) if card else None
        if existing is not None and fold(existing.full_name) != identity[0]:
            report.add(
                row.line,
                "card_number",
                _("số thẻ này đã cấp cho đảng viên «%(name)s».") % {"name": existing.full_name},
            )
            continue
        existing = existing or by_identity.get(identity)
        if existing is not None:
            row.member = existing
            row.action = ImportReport.EXISTS
            differs = (cell is not None and existing.cell_id != cell.pk) or (
                existing.admitted_on != values.get("admitted_on")
            )
            row.note = (
                _(
                    "Đã có trong danh sách, khác dữ liệu hiện có: không thay đổi (ghi sự kiện ở trang đảng viên)."
                )
                if differs
                else _("Đã có trong danh sách: bỏ qua.")
            )
            continue
        if row.line in parse_issues or cell is None:
            continue
        try:
            _member_prepare(
                full_name=name,
                gender=values["gender"],
                birth_date=values.get("birth_date"),
                cell=cell,
                admitted_on=values["admitted_on"],
                official_on=values.get("official_on"),
                staff=None,
                card_number=card,
                transferred_in_on=None,
                today=today,
            )
        except ValidationError as exc:
            _report_errors(report, row.line, exc)
            continue
        row.action = ImportReport.CREATE

    if report.issues or dry_run:
        return report
    rows = report.to_create
    try:
        with transaction.atomic():
            for row in rows:
                values = row.values
                try:
                    row.member = member_create(
                        user=user,
                        full_name=values["full_name"],
                        gender=values["gender"],
                        birth_date=values.get("birth_date"),
                        cell=values["cell_unit"],
                        admitted_on=values["admitted_on"],
                        official_on=values.get("official_on"),
                        card_number=values.get("card_number") or "",
                    )
                except ValidationError as exc:
                    _report_errors(report, row.line, exc)
                    raise _Rollback from exc
    except _Rollback:
        for row in rows:
            row.member = None
        return report
    report.written = True
    return report
