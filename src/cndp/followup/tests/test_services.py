"""The services: tasks confirmed from a notice (one transaction), the units' obligations on the calendar,
progress reports only by the units assigned, the agency's confirmation (done on the day reported),
returns, extensions with reason and who agreed; the SQL status agrees with the plain rule."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from cndp.accounts.models import Unit
from cndp.core.services import ServiceError
from cndp.followup import selectors, services, statuses
from cndp.followup.models import Task
from cndp.followup.progress import KIND
from cndp.followup.tests import factories as f
from cndp.obligations import calendar
from cndp.obligations import services as calendar_services
from cndp.obligations.models import Obligation
from cndp.obligations.tasks import obligations_remind

pytestmark = pytest.mark.django_db
D = datetime.date


def _obligations(task):
    return {
        o.unit.code: o
        for o in Obligation.objects.filter(kind=KIND, object_id__in=task.assignments.values("pk"))
    }


def test_tasks_from_a_notice_owe_one_report_per_unit_on_the_calendar(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("arid", ["bct-vpc", "so-ct-01"], D(2026, 9, 30)))
    assert task.lead_unit.code == "arid" and task.leader == notice.session.leader
    assert task.province == notice.session.province and task.original_deadline == D(2026, 9, 30)
    owed = _obligations(task)
    assert sorted(owed) == ["arid", "bct-vpc", "so-ct-01"]
    assert {o.due_on for o in owed.values()} == {D(2026, 9, 30)}
    assert owed["so-ct-01"].province_id == task.province_id and owed["arid"].province_id is None
    assert owed["arid"].rule is not None and owed["arid"].rule.steps.count() == 3


def test_one_invalid_task_saves_nothing(demo):
    notice = f.notice()
    good = services.TaskInput(content="Rà soát", lead_unit=f.unit("arid"), deadline=D(2026, 9, 1))
    bad = services.TaskInput(content="Báo cáo", lead_unit=f.unit("arid"), deadline=None)  # dated, no date
    before = Task.objects.count(), Obligation.objects.count()
    with pytest.raises(ServiceError, match="Nhiệm vụ 2"):
        services.notice_tasks_create(notice=notice, tasks=[good, bad], user=f.agency())
    assert (Task.objects.count(), Obligation.objects.count()) == before


def test_a_province_officer_cannot_create_tasks(demo):
    notice = f.notice()
    with pytest.raises(PermissionDenied):
        f.tasks(notice, ("arid", [], D(2026, 9, 1)), user=demo["province_officer"])


def test_lead_reports_progress_then_done_and_the_agency_confirms(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", ["so-ct-01"], D(2026, 9, 30)))
    lead = task.assignments.get(role="lead")
    officer = f.member_of("bct-vpc", "phapche_test")
    services.report_submit(
        assignment=lead, user=officer, text="Đang soạn hướng dẫn", percent=40, on=D(2026, 7, 1)
    )
    task.refresh_from_db()
    assert (task.state, task.percent) == ("open", 40)
    assert _obligations(task)["bct-vpc"].state == "pending"  # progress alone does not submit
    services.report_submit(
        assignment=lead, user=officer, text="Đã ban hành", percent=90, done=True, on=D(2026, 9, 25)
    )
    task.refresh_from_db()
    assert (task.state, task.percent) == ("reported", 100)
    assert _obligations(task)["bct-vpc"].state == "submitted"
    with pytest.raises(ServiceError):  # no new report while waiting
        services.report_submit(assignment=lead, user=officer, text="Thêm", percent=100)
    services.task_confirm(task=task, user=f.agency())
    task.refresh_from_db()
    assert (task.state, task.completed_on, task.confirmed_by) == ("done", D(2026, 9, 25), f.agency())
    assert task.gov_status(D(2027, 1, 1)) == statuses.DONE_ON_TIME
    assert _obligations(task)["bct-vpc"].state == "accepted"
    assert lead.reports.get(done=True).verdict == "confirmed"


def test_a_done_task_owes_no_more_reports_on_the_home_counts(demo):
    """The units' obligations of a task are owed while it is not done (the kind's condition): `owed`
    follows the task's state as it is saved, and the home counts stay those of the condition."""
    from cndp.obligations import selectors as calendar_selectors
    from cndp.obligations.tests.test_counts import oracle

    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", ["so-ct-01"], D(2020, 9, 30)))  # long overdue
    today = datetime.date.today()
    before = calendar_selectors.counts(f.agency(), today)
    assert all(o.owed for o in _obligations(task).values())
    assert before == oracle(f.agency(), today)
    task.state, task.completed_on = "done", D(2020, 9, 25)
    task.save(update_fields=["state", "completed_on"])
    assert not any(o.owed for o in _obligations(task).values())
    after = calendar_selectors.counts(f.agency(), today)
    assert after["overdue"] == before["overdue"] - 2 and after == oracle(f.agency(), today)
    task.state, task.completed_on = "open", None
    task.save()
    assert calendar_selectors.counts(f.agency(), today) == before


def test_a_return_reopens_the_task_and_accepting_on_the_calendar_page_confirms_it(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", [], D(2026, 9, 30)))
    lead = task.assignments.get()
    officer = f.member_of("bct-vpc", "phapche_test")
    services.report_submit(
        assignment=lead, user=officer, text="Xong", percent=100, done=True, on=D(2026, 10, 3)
    )
    services.task_return(task=task, user=f.agency(), comment="Thiếu văn bản gửi tỉnh")
    task.refresh_from_db()
    assert task.state == "open" and lead.reports.get().verdict == "returned"
    services.report_submit(
        assignment=lead, user=officer, text="Bổ sung", percent=100, done=True, on=D(2026, 10, 8)
    )
    obligation = _obligations(task)["bct-vpc"]
    assert obligation.state == "submitted"
    calendar_services.obligation_accept(obligation=obligation, user=f.agency())  # the calendar's own page
    task.refresh_from_db()
    assert (task.state, task.completed_on) == ("done", D(2026, 10, 8))
    assert task.gov_status(D(2027, 1, 1)) == statuses.DONE_LATE


def test_a_unit_neither_lead_nor_coordinator_cannot_report(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", ["so-ct-01"], D(2026, 9, 30)))
    lead = task.assignments.get(role="lead")
    outsider = f.member_of("bct-cn", "congnghiep_test")
    for user in (outsider, f.agency(), demo["province_officer_2"], demo["leader"]):
        assert not services.may_report(user, lead)
        with pytest.raises((PermissionDenied, Exception)):
            services.report_submit(assignment=lead, user=user, text="Không được", percent=10)
    assert not lead.reports.exists()
    coordinating = task.assignments.get(role="coordinating")
    assert services.may_report(demo["province_officer"], coordinating)  # Hà Nội's Department
    services.report_submit(
        assignment=coordinating, user=demo["province_officer"], text="Đã phối hợp", percent=100, done=True
    )
    task.refresh_from_db()
    assert task.state == "open"  # a coordinating unit's "done" is its part, not the task


def test_an_extension_needs_reason_and_who_agreed_and_moves_the_calendar(demo):
    notice = f.notice()
    (task,) = f.tasks(notice, ("arid", ["bct-vpc"], D(2026, 9, 30)))
    Obligation.objects.filter(kind=KIND).filter(object_id__in=task.assignments.values("pk")).update(
        escalation=2, reminded_on=D(2026, 9, 23)
    )
    with pytest.raises(ServiceError):
        services.deadline_extend(
            task=task, user=f.agency(), new_deadline=D(2026, 12, 31), reason="", agreed_by="A"
        )
    with pytest.raises(PermissionDenied):
        services.deadline_extend(
            task=task, user=demo["province_officer"], new_deadline=D(2026, 12, 31), reason="x", agreed_by="A"
        )
    services.deadline_extend(
        task=task, user=f.agency(), new_deadline=D(2026, 12, 31), reason="Chờ ý kiến Bộ Tài chính",
        agreed_by="Thứ trưởng Đinh Văn Thành", agreed_on=D(2026, 9, 28),
    )  # fmt: skip
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline) == (D(2026, 12, 31), D(2026, 9, 30))
    extension = task.extensions.get()
    assert (extension.old_deadline, extension.agreed_by) == (D(2026, 9, 30), "Thứ trưởng Đinh Văn Thành")
    for obligation in _obligations(task).values():
        assert (obligation.due_on, obligation.escalation, obligation.reminded_on) == (
            D(2026, 12, 31),
            0,
            None,
        )
        assert obligation.steps.filter(action="reschedule", comment__contains="Chờ ý kiến").exists()
    assert task.history.filter(deadline=D(2026, 12, 31)).exists()  # the history shows it


def test_the_sql_status_agrees_with_the_plain_rule(demo):
    today = timezone.localdate()
    rows = selectors.task_list(today).values_list("deadline", "completed_on", "gov")[:2000]
    assert rows
    for deadline, completed_on, gov in rows:
        assert gov == statuses.gov_status(deadline, completed_on, today)


OFFICER, HEAD = "phapche@example.vn", "vutruong@example.vn"
LEADERS = {"lanhdao@cndp.local", "thutruong@moit.local"}  # the demo's leader role, agency-wide
DUE = D(2031, 3, 31)


def _late_unit_task():
    """A task led by Vụ Pháp chế due on DUE, with an officer of the unit and its head."""
    (task,) = f.tasks(f.notice(), ("bct-vpc", [], DUE))
    f.member_of("bct-vpc", "phapche_test", email=OFFICER)
    head = f.member_of("bct-vpc", "vutruong_test", email=HEAD)
    f.member_of("bct", "bo_test", email="bo@example.vn")  # the unit's superior unit: no longer told
    Unit.objects.filter(code="bct-vpc").update(head=head)
    return task


# whom the table watches: the unit's officer, its head, the leaders, its superior unit's officer and the
# agency's officer (the demo's other officers of the unit are told with the officer)
WATCHED = {OFFICER, HEAD, *LEADERS, "bo@example.vn", "chuyenvien@cndp.local"}


def _mailed(task, day) -> set[str]:
    """Who (of WATCHED) the worker's daily job e-mails about the task on `day` (mail.outbox)."""
    mail.outbox.clear()
    obligations_remind.enqueue(day.isoformat())
    return {to for m in mail.outbox if task.notice.number in m.body for to in m.to} & WATCHED


@pytest.mark.parametrize(
    ("days_late", "told"),
    [
        (-8, set()),
        (-7, {OFFICER}),  # the reminder, to the unit
        (0, {OFFICER}),
        (1, {OFFICER}),  # 1 day late: the unit
        (6, {OFFICER}),
        (7, {OFFICER, HEAD}),  # 7 days: the unit's head as well
        (14, {OFFICER, HEAD}),
        (15, {OFFICER, HEAD, *LEADERS}),  # 15 days: the agency's leaders (every step passed, at once)
        (40, {OFFICER, HEAD, *LEADERS}),
    ],
)
def test_days_late_decide_who_the_daily_job_emails_unit_then_head_then_leaders(demo, days_late, told):
    task = _late_unit_task()
    assert _mailed(task, DUE + datetime.timedelta(days=days_late)) == told


def test_each_notice_goes_once_unit_then_head_then_leaders_and_is_recorded(demo):
    task = _late_unit_task()
    runs = [(-7, {OFFICER}), (-6, set()), (1, {OFFICER}), (2, set()), (7, {OFFICER, HEAD}), (8, set())]
    runs += [(15, {OFFICER, *LEADERS}), (16, set())]
    subjects = {}
    for days, told in runs:
        assert _mailed(task, DUE + datetime.timedelta(days=days)) == told, days
        mine = [m for m in mail.outbox if task.notice.number in m.body]
        subjects.update({to: m.subject for m in mine for to in m.to if to in WATCHED - {OFFICER}})
    assert "do đồng chí phụ trách quá hạn" in subjects[HEAD]
    assert all("Báo cáo Lãnh đạo" in subjects[leader] for leader in LEADERS)
    obligation = _obligations(task)["bct-vpc"]
    steps = list(obligation.steps.order_by("pk").values_list("action", "level", "audience"))
    assert steps[1:] == [("remind", 0, ""), ("escalate", 1, "unit"), ("escalate", 2, "unit_head")] + [
        ("escalate", 3, "leaders")
    ]


def test_a_recurring_task_owes_one_report_per_half_year_until_it_is_done(demo):
    """Accepting a half-year's report schedules the next half-year's; the daily job schedules it too when
    a half-year ends unreported; twice is once; none after the task is done."""
    (task,) = f.tasks(f.notice(), ("bct-vpc", [], None))
    assert task.deadline_kind == "recurring"
    lead = task.assignments.get()
    officer = f.member_of("bct-vpc", "phapche_test")

    def mine():
        return Obligation.objects.filter(kind=KIND, object_id=lead.pk).order_by("period_end")

    (first,) = mine()
    assert first.recurring and first.due_on == services.undated_due(timezone.localdate())

    services.report_submit(assignment=lead, user=officer, text="Đã rà soát, đang triển khai", percent=40)
    first.refresh_from_db()
    assert first.state == "submitted"  # every report of a recurring task is the half-year's report
    calendar_services.obligation_accept(obligation=first, user=f.agency())
    second = mine().last()
    half = calendar.next_period("final", first.period_end, calendar.Rule(final_days=0))
    assert (second.period_end, second.due_on, second.state, second.recurring) == (*half, "pending", True)
    assert list(second.steps.values_list("action", flat=True)) == ["schedule"]
    assert calendar_services.obligation_schedule_next(obligation=first, user=f.agency()) == second
    assert mine().count() == 2  # idempotent

    # The second half-year ends unreported: the daily job owes the third, once however often it runs.
    after = second.period_end + datetime.timedelta(days=1)
    calendar_services.obligations_follow_up(today=after)
    calendar_services.obligations_follow_up(today=after)
    assert mine().count() == 3
    third = mine().last()
    assert third.period_end == calendar.next_period("final", second.period_end, calendar.Rule())[0]
    assert list(third.steps.values_list("action", flat=True)) == ["schedule"]

    # Done and confirmed: nothing more is owed, nothing more is scheduled.
    services.report_submit(assignment=lead, user=officer, text="Hoàn thành", percent=100, done=True)
    services.task_confirm(task=task, user=f.agency())
    task.refresh_from_db()
    assert task.state == "done"
    calendar_services.obligations_follow_up(today=third.period_end + datetime.timedelta(days=1))
    assert mine().count() == 3
    with pytest.raises(IntegrityError):  # one report per thing owed and period, kept by the database
        with transaction.atomic():
            Obligation.objects.create(
                kind=KIND, title="x", content_type=third.content_type, object_id=lead.pk,
                period_end=third.period_end, due_on=third.due_on,
            )  # fmt: skip
