"""Writes of the reporting calendar (lịch báo cáo): schedule, submit, return, accept, remind and escalate
obligations, and save a calendar rule (which moves the due dates it governs). Each in a transaction,
the role and province scope checked, each step recorded with who and when; the rules are the plain
module `calendar`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cndp.accounts.choices import PROVINCIAL_KINDS, Role, UnitKind
from cndp.accounts.models import Unit
from cndp.core.permissions import can, require, user_province_id
from cndp.core.services import ScopeViolation, ServiceError, scope_check
from cndp.core.text import nfc
from cndp.obligations import calendar, kinds, selectors
from cndp.obligations.choices import Action
from cndp.obligations.models import CalendarRule, Obligation, ObligationStep


def _step(
    obligation: Obligation, action: str, user=None, at=None, comment: str = "", **extra
) -> ObligationStep:
    step = ObligationStep(
        obligation=obligation,
        action=action,
        at=at or timezone.now(),
        by=user if getattr(user, "is_authenticated", False) else None,
        comment=comment,
        **extra,
    )
    step._history_user = step.by
    step.save()
    return step


@transaction.atomic
def obligation_schedule(
    *,
    kind: str,
    subject: models.Model,
    title: str,
    period_end: datetime.date,
    due_on: datetime.date,
    basis: str = calendar.PERIODIC,
    unit=None,
    province=None,
    rule: CalendarRule | None = None,
    recurring: bool = False,
    user=None,
) -> Obligation:
    """Lập lịch — one obligation owed for `subject` (idempotent: the one already scheduled is returned).
    Called by the domain services that decide what is owed; their own permission check comes first.
    A `recurring` one is owed every period of its rule: the calendar schedules the next period's
    (`obligation_schedule_next`) while the kind says it is still owed."""
    content_type = ContentType.objects.get_for_model(subject)
    existing = Obligation.objects.filter(kind=kind, content_type=content_type, object_id=subject.pk).first()
    if existing is not None:
        return existing
    obligation = Obligation(
        kind=kind,
        title=nfc(title)[:300],
        content_type=content_type,
        object_id=subject.pk,
        unit=unit,
        province=province,
        rule=rule,
        basis=basis,
        period_end=period_end,
        due_on=due_on,
        recurring=recurring,
    )
    obligation._history_user = user
    obligation.full_clean()
    obligation.save()
    _step(obligation, Action.SCHEDULE, user)
    if kinds.get(kind).still_owed is not None:  # scheduled for a thing that no longer reports?
        obligations_owed_refresh(obligations=Obligation.objects.filter(pk=obligation.pk))
        obligation.refresh_from_db(fields=["owed"])
    return obligation


def obligations_owed_refresh(*, kind: str | None = None, object_ids=None, obligations=None) -> int:
    """Còn phải báo cáo: sets `owed` of the obligations (of `kind`, for the things `object_ids` — ids or
    a queryset of ids —, or those of the queryset `obligations`; all of them by default) from their
    kinds' conditions (`selectors.still_owed`), so the home page counts them by an index. Called by the
    domains when what decides it changes (a project's status, a task's state) and after loading data
    in bulk. Two UPDATEs of the rows that differ; returns their number. Derived data: no audit step."""
    qs = Obligation.objects.all() if obligations is None else obligations
    if kind is not None:
        qs = qs.filter(kind=kind)
    if object_ids is not None:
        qs = qs.filter(object_id__in=object_ids)
    owed = qs.filter(selectors.still_owed()).values("pk")
    changed = Obligation.objects.filter(pk__in=qs.filter(owed=False).filter(pk__in=owed).values("pk")).update(
        owed=True
    )
    changed += Obligation.objects.filter(
        pk__in=qs.filter(owed=True).exclude(pk__in=owed).values("pk")
    ).update(owed=False)
    return changed


def may_submit(user, obligation: Obligation) -> bool:
    """Only the owing side submits: an officer of the owing province (or of the owing unit), or an
    agency-wide officer when the kind lets the agency report for the owing side."""
    if not can(user, "change", Obligation):
        return False
    province_id = user_province_id(user)
    if province_id is None:
        return kinds.get(obligation.kind).agency_may_submit or (
            obligation.unit_id is not None and getattr(user, "unit_id", None) == obligation.unit_id
        )
    return obligation.province_id == province_id


def _check_submitter(user, obligation: Obligation) -> None:
    scope_check(user=user, instance=obligation, original=obligation)  # another province: ScopeViolation
    if not may_submit(user, obligation):
        raise PermissionDenied(_("Chỉ đơn vị phải báo cáo được nộp báo cáo này."))


@transaction.atomic
def obligation_submit(*, obligation: Obligation, user, at: datetime.datetime | None = None) -> Obligation:
    """Nộp (or nộp lại after a return) — only by the owing side."""
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    _check_submitter(user, obligation)
    problem = calendar.submit_problem(obligation.state)
    if problem:
        raise ServiceError(_(problem))
    action = Action.RESUBMIT if obligation.state == calendar.RETURNED else Action.SUBMIT
    obligation.state = calendar.SUBMITTED
    obligation.submissions += 1
    obligation._history_user = user
    obligation.save(update_fields=["state", "submissions", "updated"])
    _step(obligation, action, user, at)
    return obligation


@transaction.atomic
def obligation_review(
    *, obligation: Obligation, user, verdict: str, comment: str = "", at: datetime.datetime | None = None
) -> Obligation:
    """Chấp nhận (ACCEPTED) or trả lại (RETURNED, with what to add) a submitted obligation — the
    reviewer's right (add on Obligation: the agency)."""
    require(user, "add", Obligation)
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    require(user, "view", obligation)
    comment = nfc(comment or "").strip()
    problem = calendar.review_problem(obligation.state, verdict, comment)
    if problem:
        raise ServiceError(_(problem))
    obligation.state = verdict
    fields = ["state", "updated"]
    if verdict == calendar.RETURNED:
        obligation.reminded_on = None  # the reminder goes again for the revision
        fields.append("reminded_on")
    obligation._history_user = user
    obligation.save(update_fields=fields)
    _step(obligation, Action.ACCEPT if verdict == calendar.ACCEPTED else Action.RETURN, user, at, comment)
    if verdict == calendar.ACCEPTED:
        obligation_schedule_next(obligation=obligation, user=user)  # after the kind's hooks ran
    return obligation


def _plain_rule(rule_id: int | None) -> calendar.Rule:
    if rule_id is None:
        return calendar.Rule()
    return CalendarRule.objects.prefetch_related("steps").get(pk=rule_id).as_rule()


@transaction.atomic
def obligation_schedule_next(*, obligation: Obligation, user=None) -> Obligation | None:
    """Lập lịch kỳ sau — the next period's obligation of a recurring one (its period after this one's,
    under its rule), while its kind says the thing is still owed (e.g. the task is not done). Idempotent:
    the one already scheduled for that period is returned (one per thing owed and period, a constraint
    of the database)."""
    if not obligation.recurring:
        return None
    if not Obligation.objects.filter(selectors.still_owed(), pk=obligation.pk).exists():
        return None
    period_end, due_on = calendar.next_period(
        obligation.basis, obligation.period_end, _plain_rule(obligation.rule_id)
    )
    found = Obligation.objects.filter(
        kind=obligation.kind,
        content_type_id=obligation.content_type_id,
        object_id=obligation.object_id,
        period_end=period_end,
    ).first()
    if found is not None:
        return found
    following = Obligation(
        kind=obligation.kind,
        title=obligation.title,
        content_type_id=obligation.content_type_id,
        object_id=obligation.object_id,
        unit_id=obligation.unit_id,
        province_id=obligation.province_id,
        rule_id=obligation.rule_id,
        basis=obligation.basis,
        period_end=period_end,
        due_on=due_on,
        recurring=True,
    )
    following._history_user = user
    following.full_clean()
    following.save()
    _step(following, Action.SCHEDULE, user)
    return following


def _schedule_ended_periods(today: datetime.date, now, rules: dict) -> int:
    """The daily job's part of recurrence: every recurring obligation still owed whose period has ended
    and that has no later period yet gets the next one (whatever its own state: a period unreported is
    still owed, and so is the next). A constant number of queries; the database's constraint keeps it to
    one per period even when two jobs run at once."""
    later = Obligation.objects.filter(
        kind=OuterRef("kind"),
        content_type_id=OuterRef("content_type_id"),
        object_id=OuterRef("object_id"),
        period_end__gt=OuterRef("period_end"),
    )
    ended = (
        Obligation.objects.filter(selectors.still_owed(), recurring=True, period_end__lt=today)
        .exclude(Exists(later))
        .order_by("pk")
    )
    made = []
    for o in ended:
        period_end, due_on = calendar.next_period(
            o.basis, o.period_end, rules.get(o.rule_id) or calendar.Rule()
        )
        made.append(
            Obligation(
                kind=o.kind,
                title=o.title,
                content_type_id=o.content_type_id,
                object_id=o.object_id,
                unit_id=o.unit_id,
                province_id=o.province_id,
                rule_id=o.rule_id,
                basis=o.basis,
                period_end=period_end,
                due_on=due_on,
                recurring=True,
            )
        )
    if not made:
        return 0
    Obligation.objects.bulk_create(made, batch_size=500, ignore_conflicts=True)
    steps = ObligationStep.objects.filter(obligation=OuterRef("pk"))
    _insert_steps(Obligation.objects.filter(recurring=True).exclude(Exists(steps)), Action.SCHEDULE, now)
    return len(made)


def obligation_accept(*, obligation: Obligation, user, at=None) -> Obligation:
    return obligation_review(obligation=obligation, user=user, verdict=calendar.ACCEPTED, at=at)


def obligation_return(*, obligation: Obligation, user, comment: str, at=None) -> Obligation:
    return obligation_review(
        obligation=obligation, user=user, verdict=calendar.RETURNED, comment=comment, at=at
    )


@transaction.atomic
def rule_save(*, rule: CalendarRule, user) -> int:
    """Lưu quy định lịch báo cáo — and move the due dates of the open obligations it governs (a pending
    or returned report takes the new due and cut-off days; one already submitted or accepted keeps its
    record). Returns how many obligations moved; each move is a step."""
    require(user, "change" if rule.pk else "add", CalendarRule)
    rule._history_user = user
    rule.full_clean()
    rule.save()
    return rule_apply(rule=rule, user=user)


@transaction.atomic
def rule_apply(*, rule: CalendarRule, user=None) -> int:
    """Re-date the open obligations governed by `rule` (after it or its steps changed); each kind's
    `redated` hook then brings the domain's copies along in the same transaction."""
    plain = rule.as_rule()
    moved = []
    for obligation in Obligation.objects.filter(rule=rule, state__in=sorted(calendar.OPEN)):
        period_end, due_on = calendar.redate(obligation.basis, obligation.period_end, plain)
        if (period_end, due_on) == (obligation.period_end, obligation.due_on):
            continue
        obligation.period_end, obligation.due_on, obligation.reminded_on = period_end, due_on, None
        moved.append(obligation)
    Obligation.objects.bulk_update(moved, ["period_end", "due_on", "reminded_on"], batch_size=500)
    by_kind = defaultdict(list)
    for obligation in moved:
        by_kind[obligation.kind].append(obligation)
    for key, of_kind in by_kind.items():
        hook = kinds.get(key).redated
        if hook is not None:
            hook(of_kind)
    now = timezone.now()
    by = user if getattr(user, "is_authenticated", False) else None
    ObligationStep.objects.bulk_create(
        [ObligationStep(obligation=o, action=Action.RESCHEDULE, at=now, by=by) for o in moved], batch_size=500
    )
    return len(moved)


# ---- the daily job: remind and escalate every kind ------------------------------------------------------


@dataclass
class Notice:
    """One e-mail to send: who, about which kind, and the lines it lists."""

    recipients: list[str]
    subject: str
    kind: str
    lines: list[str] = field(default_factory=list)


def _emails(users) -> list[str]:
    return sorted({u.email for u in users if u.email})


class _Audiences:
    """Who hears of a late obligation, read once per run whatever the number of obligations (three
    queries): active officers by province, by unit, the provinces' Departments and the agency; the units'
    heads; the agency's leaders (the leader role, not confined to a province)."""

    OFFICERS = (Role.PROVINCE_OFFICER, Role.AGENCY_OFFICER, Role.MINISTRY_UNIT_OFFICER)

    def __init__(self):
        users = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[*self.OFFICERS, Role.LEADER])
            .select_related("unit")
            .prefetch_related("groups")
            .distinct()
        )
        self.by_province: dict[int, list] = defaultdict(list)
        self.by_unit: dict[int, list] = defaultdict(list)
        self.department: dict[int, list] = defaultdict(list)  # the province's Department's officers
        self.agency: list = []
        self.leaders: list = []
        for user in users:
            names = {g.name for g in user.groups.all()}
            provincial = bool(user.unit and user.unit.kind in PROVINCIAL_KINDS)
            if Role.LEADER in names and not provincial:
                self.leaders.append(user)
            if Role.AGENCY_OFFICER in names:
                self.agency.append(user)
            if Role.PROVINCE_OFFICER in names and user.unit and user.unit.province_id:
                self.by_province[user.unit.province_id].append(user)
                if user.unit.kind == UnitKind.DOIT:
                    self.department[user.unit.province_id].append(user)
            if user.unit_id and names & set(self.OFFICERS):
                self.by_unit[user.unit_id].append(user)
        self.heads: dict[int, str] = dict(
            Unit.objects.filter(head__is_active=True).exclude(head__email="").values_list("pk", "head__email")
        )

    def owing_side(self, province_id, unit_id, *, without_head: bool = False) -> list:
        """The owing province's officers (or the owing unit's); under a rule that escalates to the
        unit's head, the head is left out of the unit's routine notices and told at that step."""
        users = self.by_province[province_id] if province_id else self.by_unit.get(unit_id, [])
        head = self.heads.get(unit_id) if without_head else None
        return [u for u in users if u.email != head] if head else users

    def of(self, audience: str, row, owing: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
        """The addresses a step's audience adds for an obligation row (those the owing side's notice
        already reaches left out), and the key that groups its lines into one e-mail."""
        if audience == calendar.UNIT_HEAD:
            head = self.heads.get(row["unit_id"])
            found, key = ([head] if head else []), row["unit_id"] or 0
        elif audience == calendar.SUPERIORS:
            parent = row["unit__parent_id"]
            found, key = (_emails(self.by_unit.get(parent, [])) if parent else []), parent or 0
        elif audience == calendar.PROVINCE:
            found, key = _emails(self.department.get(row["province_id"], [])), row["province_id"] or 0
        elif audience == calendar.AGENCY:
            found, key = _emails(self.agency), 0
        elif audience == calendar.LEADERS:
            found, key = _emails(self.leaders), 0
        else:  # UNIT: the owing side, told at every step anyway
            found, key = [], 0
        return tuple(sorted(set(found) - set(owing))), key


_ROW = (
    "pk",
    "kind",
    "title",
    "due_on",
    "province_id",
    "province__name",
    "unit_id",
    "unit__name",
    "unit__parent_id",
)


def _insert_steps(queryset, action: str, now, level: int = 0, audience: str = "") -> None:
    """INSERT … SELECT: one step row for each obligation of `queryset`, in one query whatever their
    number."""
    values = queryset.order_by().annotate(
        _created=Value(now, output_field=models.DateTimeField()),
        _action=Value(action, output_field=models.CharField()),
        _level=Value(level, output_field=models.IntegerField()),
        _audience=Value(audience, output_field=models.CharField()),
        _blank=Value("", output_field=models.CharField()),
    )
    select, params = values.values_list(
        "pk", "_created", "_created", "_blank", "_action", "_created", "_level", "_audience", "_blank"
    ).query.sql_with_params()
    table = connection.ops.quote_name(ObligationStep._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in (
            "obligation_id",
            "created",
            "updated",
            "search_folded",
            "action",
            "at",
            "level",
            "audience",
            "comment",
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)


@transaction.atomic
def obligations_follow_up(*, today: datetime.date | None = None) -> list[Notice]:
    """Nhắc hạn và báo trễ hạn — for every kind of obligation still owed: a reminder to the owing side
    when it enters its rule's reminder window; when late, at each escalation step reached, a notice to
    the owing side and to the step's audience (the owing unit's superiors, the province's Department,
    the agency). Each notice is recorded (a step row, reminded_on / escalation on the obligation) so it
    goes once. The number of queries depends on the rules, not on the number of obligations."""
    today = today or timezone.localdate()
    now = timezone.now()
    rules = [(r.pk, r.as_rule(list(r.steps.all()))) for r in CalendarRule.objects.prefetch_related("steps")]
    _schedule_ended_periods(today, now, dict(rules))  # recurring obligations: the next period's
    rules.append((None, calendar.Rule()))  # obligations scheduled without a rule: the defaults
    audiences = _Audiences()
    owed = Obligation.objects.filter(selectors.still_owed(), state__in=sorted(calendar.OPEN))
    # (kind, event, recipients) → lines; events: "remind", "late", and an audience for escalations
    groups: dict[tuple, list[str]] = defaultdict(list)

    def line(row) -> str:
        return _("%(title)s, hạn %(due)s") % {
            "title": row["title"],
            "due": row["due_on"].strftime("%d/%m/%Y"),
        }

    for rule_id, rule in rules:
        head = calendar.UNIT_HEAD in {s.audience for s in rule.steps}
        mine = owed.filter(rule_id=rule_id) if rule_id else owed.filter(rule__isnull=True)
        # Escalations, highest step first (the due-date ranges of the steps do not overlap).
        for level in range(len(rule.steps), 0, -1):
            step = rule.steps[level - 1]
            due = Q(due_on__lt=today, due_on__lte=today - datetime.timedelta(days=step.days_late))
            if level < len(rule.steps):
                due &= Q(due_on__gt=today - datetime.timedelta(days=rule.steps[level].days_late))
            late = mine.filter(due, escalation__lt=level)
            rows = list(
                late.select_for_update(of=("self",)).values(*_ROW, "escalation").order_by("due_on", "pk")
            )
            if not rows:
                continue
            for row in rows:
                days = (today - row["due_on"]).days
                text = _("%(line)s (quá hạn %(d)s ngày)") % {"line": line(row), "d": days}
                owing = tuple(
                    _emails(audiences.owing_side(row["province_id"], row["unit_id"], without_head=head))
                )
                groups[(row["kind"], "late", owing, row["province_id"] or 0)].append(text)
                # the agency's lines name the province, the leaders' the owing unit (or the province)
                where = {
                    calendar.AGENCY: row["province__name"] or "",
                    calendar.LEADERS: row["unit__name"] or row["province__name"] or "",
                }
                for audience in dict.fromkeys(s.audience for s in rule.steps[row["escalation"] : level]):
                    recipients, key = audiences.of(audience, row, owing)
                    if recipients:
                        place = where.get(audience)
                        groups[(row["kind"], audience, recipients, key)].append(
                            f"{text} — {place}" if place else text
                        )
            _insert_steps(late, Action.ESCALATE, now, level, step.audience)
            late.update(escalation=level, escalated_on=today)
        # Reminders: entering the window, once.
        window = Q(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=rule.remind_days))
        remind = mine.filter(window, reminded_on__isnull=True)
        rows = list(remind.select_for_update(of=("self",)).values(*_ROW).order_by("due_on", "pk"))
        if rows:
            for row in rows:
                owing = tuple(
                    _emails(audiences.owing_side(row["province_id"], row["unit_id"], without_head=head))
                )
                groups[(row["kind"], "remind", owing, row["province_id"] or 0)].append(line(row))
            _insert_steps(remind, Action.REMIND, now)
            remind.update(reminded_on=today)
    return _notices(groups)


def _notices(groups) -> list[Notice]:
    order = {"remind": 0, "late": 1, **{a: i for i, a in enumerate(calendar.AUDIENCES, start=2)}}
    notices = []
    with translation.override(settings.LANGUAGE_CODE):
        for (kind_key, event, recipients, _place), lines in sorted(
            groups.items(), key=lambda item: (item[0][0], order[item[0][1]], item[0][3])
        ):
            if not recipients:
                continue
            kind = kinds.get(kind_key)
            what = {"n": len(lines), "what": str(kind.label)}
            if event == "remind":
                subject = _("[CNĐP] %(n)s %(what)s sắp đến hạn") % what
            elif event == "late":
                subject = _("[CNĐP] %(n)s %(what)s quá hạn") % what
            elif event == calendar.SUPERIORS:
                subject = _("[CNĐP] %(n)s %(what)s của đơn vị cấp dưới quá hạn") % what
            elif event == calendar.UNIT_HEAD:
                subject = _("[CNĐP] %(n)s %(what)s của đơn vị do đồng chí phụ trách quá hạn") % what
            elif event == calendar.PROVINCE:
                subject = _("[CNĐP] %(n)s %(what)s của đơn vị trong tỉnh quá hạn") % what
            elif event == calendar.LEADERS:
                subject = _("[CNĐP] Báo cáo Lãnh đạo: %(n)s %(what)s quá hạn") % what
            else:
                what["what"] = str(kind.short or kind.label)
                subject = _("[CNĐP] %(n)s %(what)s quá hạn đã báo Sở Công Thương nhưng chưa nộp") % what
            notices.append(Notice(list(recipients), subject, kind_key, lines))
    return notices


__all__ = [
    "Notice",
    "ScopeViolation",
    "may_submit",
    "obligation_accept",
    "obligation_return",
    "obligation_review",
    "obligation_schedule",
    "obligation_schedule_next",
    "obligation_submit",
    "obligations_follow_up",
    "rule_apply",
    "rule_save",
]
