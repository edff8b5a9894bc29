"""Reads of the follow-up (tra cứu): the task lists with the Government's status computed in the query,
the home cards, the weekly digest of a leader, the summary by status / unit / province / leader and the
province's open tasks — each a constant number of queries whatever the number of tasks."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Prefetch, Q, QuerySet, Value, When

from cndp.followup import statuses
from cndp.followup.choices import Role, State
from cndp.followup.models import Assignment, DeadlineExtension, Leader, ProgressReport, Task


def gov_status_expression(today: datetime.date) -> Case:
    """statuses.gov_status as SQL (the same table; tested to agree)."""
    done = Q(completed_on__isnull=False)
    return Case(
        When(done & Q(deadline__isnull=True), then=Value(statuses.DONE_ON_TIME)),
        When(done & Q(completed_on__lte=F("deadline")), then=Value(statuses.DONE_ON_TIME)),
        When(done, then=Value(statuses.DONE_LATE)),
        When(Q(deadline__isnull=True) | Q(deadline__gte=today), then=Value(statuses.NOT_DONE_IN_TIME)),
        default=Value(statuses.NOT_DONE_OVERDUE),
        output_field=CharField(),
    )


def task_list(today: datetime.date | None = None) -> QuerySet[Task]:
    """The lists' queryset: every column shown comes with it (two queries for a page of any size)."""
    today = today or datetime.date.today()
    coordinating = Assignment.objects.filter(role=Role.COORDINATING).select_related("unit").order_by("pk")
    return (
        Task.objects.select_related("notice", "notice__session", "lead_unit", "province", "leader")
        .prefetch_related(Prefetch("assignments", queryset=coordinating, to_attr="coordinating_list"))
        .annotate(gov=gov_status_expression(today))
    )


def open_filter() -> Q:
    return ~Q(state=State.DONE)


def task_counts(user, today: datetime.date, soon_days: int = statuses.DUE_SOON_DAYS) -> dict[str, int]:
    """The home cards (one query): overdue, due soon, waiting for the agency's confirmation."""
    horizon = today + datetime.timedelta(days=soon_days)
    not_done = Q(completed_on__isnull=True)
    return Task.objects.restrict(user).aggregate(
        overdue=Count("pk", filter=not_done & Q(deadline__lt=today)),
        due_soon=Count("pk", filter=not_done & Q(deadline__gte=today, deadline__lte=horizon)),
        reported=Count("pk", filter=Q(state=State.REPORTED)),
    )


def task_detail(task: Task) -> dict:
    """A task's page: its units with their latest reports, the reports, the extensions (four queries)."""
    assignments = list(Assignment.objects.filter(task=task).select_related("unit").order_by("role", "pk"))
    reports = list(
        ProgressReport.objects.filter(assignment__task=task)
        .select_related("assignment__unit", "by")
        .order_by("-reported_on", "-pk")
    )
    extensions = list(task.extensions.select_related("by").order_by("agreed_on", "pk"))
    return {"assignments": assignments, "reports": reports, "extensions": extensions}


# ---- the weekly digest ------------------------------------------------------------------------------------


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and Sunday of the week holding `day`."""
    start = day - datetime.timedelta(days=day.weekday())
    return start, start + datetime.timedelta(days=6)


@dataclass
class DigestGroup:
    unit: str
    province: str
    rows: list = field(default_factory=list)


@dataclass
class Digest:
    leader: Leader
    start: datetime.date
    end: datetime.date
    overdue: list[DigestGroup]
    completed: list[DigestGroup]
    extended: list[DigestGroup]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.completed or self.extended)

    def count(self, part: str) -> int:
        return sum(len(g.rows) for g in getattr(self, part))


def _grouped(rows, key) -> list[DigestGroup]:
    groups: dict[tuple, DigestGroup] = {}
    for row in rows:
        unit, province = key(row)
        groups.setdefault((unit, province), DigestGroup(unit, province)).rows.append(row)
    return sorted(groups.values(), key=lambda g: (g.unit, g.province))


_DIGEST_FIELDS = ("notice", "lead_unit", "province")
# What the page and the e-mail show of a task: read only these (the digest of a busy week lists thousands).
_DIGEST_COLUMNS = (
    "place",
    "content",
    "deadline",
    "deadline_kind",
    "state",
    "completed_on",
    "confirmed_at",
    "notice__number",
    "notice__date",
    "lead_unit__name",
    "lead_unit__short_name",
    "province__name",
)


def leader_digest(leader: Leader, day: datetime.date, as_of: datetime.date | None = None) -> Digest:
    """Bản tin tuần — the leader's tasks that became overdue (the day after their deadline fell in the
    week and they were not done by it), were confirmed done, or had their deadline extended in the week
    of `day` (up to `as_of`, the week's end by default: the page of the current week passes today), by
    unit and province. Three queries whatever the number of tasks."""
    start, end = week_of(day)
    until = min(end, as_of) if as_of else end
    mine = (
        Task.objects.filter(leader=leader)
        .select_related(*_DIGEST_FIELDS)
        .only(*_DIGEST_COLUMNS)
        .order_by("lead_unit__name", "pk")
    )
    overdue = mine.filter(deadline__gte=start - datetime.timedelta(days=1), deadline__lt=until).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=F("deadline"))
    )
    completed = mine.filter(state=State.DONE, confirmed_at__date__gte=start, confirmed_at__date__lte=end)
    extended = (
        DeadlineExtension.objects.filter(task__leader=leader, agreed_on__gte=start, agreed_on__lte=end)
        .select_related(*(f"task__{f}" for f in _DIGEST_FIELDS))
        .only("new_deadline", "reason", "agreed_by", "agreed_on", *(f"task__{c}" for c in _DIGEST_COLUMNS))
        .order_by("task__lead_unit__name", "pk")
    )

    def by_task(task):
        return task.lead_unit.short_name or task.lead_unit.name, task.province.name

    return Digest(
        leader=leader,
        start=start,
        end=end,
        overdue=_grouped(list(overdue), by_task),
        completed=_grouped(list(completed), by_task),
        extended=_grouped(list(extended), lambda e: by_task(e.task)),
    )


# ---- reports ----------------------------------------------------------------------------------------------

DIMENSIONS = {
    "status": None,
    "unit": ("lead_unit", "lead_unit__name"),
    "province": ("province", "province__name"),
    "leader": ("leader", "leader__full_name"),
}


def summary(queryset: QuerySet[Task], by: str, today: datetime.date) -> list[dict]:
    """Tasks by Government status per unit / province / leader (one grouped query), each row with its
    total and the share done on time; the last row is the total."""
    counts = {s: Count("pk", filter=Q(gov=s)) for s in statuses.GOV_STATUSES}
    base = queryset.annotate(gov=gov_status_expression(today)).order_by()
    rows = []
    if DIMENSIONS.get(by):
        key, label = DIMENSIONS[by]
        for row in base.values(key, label).annotate(**counts).order_by(label):
            rows.append({"key": row[key], "label": row[label], **{s: row[s] for s in statuses.GOV_STATUSES}})
    total = base.aggregate(**counts)
    rows.append({"key": None, "label": None, "total_row": True, **total})
    for row in rows:
        row["total"] = sum(row[s] for s in statuses.GOV_STATUSES)
        row["share"] = statuses.share_on_time(row)
    return rows


def province_open_tasks(province_id: int, today: datetime.date) -> QuerySet[Task]:
    """Every open task that concerns the province, across notices, latest notice first."""
    return (
        task_list(today)
        .filter(open_filter(), province_id=province_id)
        .order_by("-notice__date", "notice", "pk")
    )


def leaders_with_email() -> list[Leader]:
    return list(Leader.objects.filter(is_active=True).exclude(email="").order_by("rank", "pk"))


def group_by_notice(tasks) -> list[tuple]:
    groups: dict[int, list] = defaultdict(list)
    notices = {}
    for task in tasks:
        groups[task.notice_id].append(task)
        notices[task.notice_id] = task.notice
    return [(notices[k], v) for k, v in groups.items()]
