"""The services: tasks confirmed from a notice (one transaction), the units' obligations on the calendar,
progress reports only by the units assigned, the agency's confirmation (done on the day reported),
returns, extensions with reason and who agreed; the SQL status agrees with the plain rule."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cndp.core.services import ServiceError
from cndp.followup import selectors, services, statuses
from cndp.followup.models import Task
from cndp.followup.progress import KIND
from cndp.followup.tests import factories as f
from cndp.obligations import services as calendar_services
from cndp.obligations.models import Obligation

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


def test_the_daily_job_reminds_then_escalates_a_unit_then_its_head_then_the_agency(demo, mailoutbox):
    from cndp.obligations.services import obligations_follow_up

    notice = f.notice()
    (task,) = f.tasks(notice, ("bct-vpc", [], D(2031, 3, 31)))
    officer = f.member_of("bct-vpc", "phapche_test")
    officer.email = "phapche@example.vn"
    officer.save()
    head = f.member_of("bct", "vanphongbo_test")  # the Ministry, the unit's superior
    head.email = "bo@example.vn"
    head.save()

    def mails(day):
        return [
            (n.subject, n.recipients)
            for n in obligations_follow_up(today=day)
            if any(notice.number in x for x in n.lines)
        ]

    assert any("phapche@example.vn" in r and "sắp đến hạn" in s for s, r in mails(D(2031, 3, 25)))
    assert any("phapche@example.vn" in r and "quá hạn" in s for s, r in mails(D(2031, 4, 1)))
    assert any("bo@example.vn" in r for s, r in mails(D(2031, 4, 7)))
    assert any("chuyenvien@cndp.local" in r for s, r in mails(D(2031, 4, 15)))
