"""The weekly digest: what became overdue, was completed or extended in the week, by unit and province;
the page and the e-mail; its query count does not grow with the number of tasks."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cndp.followup import selectors, services
from cndp.followup.choices import State
from cndp.followup.models import Leader, Task
from cndp.followup.tasks import followup_weekly_digest
from cndp.followup.tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2031, 3, 3)  # a week with no demo data


def _leader(name="Lê Văn Thử"):
    return Leader.objects.create(full_name=name, position="Thứ trưởng", email="thu@example.vn", rank=9)


def test_the_week_holds_what_became_overdue_was_completed_or_extended(demo):
    leader = _leader()
    notice = f.notice(leader=leader, date=D(2031, 1, 10))
    overdue, done, extended, later, before = f.tasks(
        notice,
        ("arid", [], MONDAY + datetime.timedelta(days=2)),  # late from Thursday
        ("bct-vpc", [], D(2031, 3, 31)),
        ("arid", [], D(2031, 3, 20)),
        ("arid", [], MONDAY + datetime.timedelta(days=7)),  # late next week
        ("arid", [], MONDAY - datetime.timedelta(days=3)),  # late the week before
    )
    officer = f.member_of("bct-vpc", "phapche_test")
    services.report_submit(
        assignment=done.assignments.get(), user=officer, text="Xong", percent=100, done=True, on=MONDAY
    )
    services.task_confirm(task=done, user=f.agency())
    Task.objects.filter(pk=done.pk).update(confirmed_at=timezone.make_aware(datetime.datetime(2031, 3, 5, 9)))
    services.deadline_extend(
        task=extended,
        user=f.agency(),
        new_deadline=D(2031, 6, 30),
        reason="Chờ số liệu",
        agreed_by="Thứ trưởng",
        agreed_on=MONDAY,
    )
    digest = selectors.leader_digest(leader, MONDAY + datetime.timedelta(days=6))
    assert [t.pk for g in digest.overdue for t in g.rows] == [overdue.pk]
    assert [t.pk for g in digest.completed for t in g.rows] == [done.pk]
    assert [e.task_id for g in digest.extended for e in g.rows] == [extended.pk]
    assert (digest.overdue[0].unit, digest.overdue[0].province) == ("ARID", "Thành phố Hà Nội")
    midweek = selectors.leader_digest(
        leader, MONDAY, as_of=MONDAY + datetime.timedelta(days=1)
    )  # not yet late
    assert midweek.overdue == []
    assert later.pk and before.pk


def test_the_email_goes_to_each_leader_through_the_task_worker_and_the_page_shows_it(demo, client_for):
    leader = _leader()
    monday, _sunday = selectors.week_of(timezone.localdate() - datetime.timedelta(days=7))  # last week
    notice = f.notice(leader=leader, date=monday - datetime.timedelta(days=60))
    (task,) = f.tasks(notice, ("arid", ["so-ct-01"], monday))  # late from Tuesday
    mail.outbox.clear()
    followup_weekly_digest.enqueue()  # the Monday job: last week
    mine = [m for m in mail.outbox if m.to == ["thu@example.vn"]]
    assert len(mine) == 1 and "1 nhiệm vụ quá hạn" in mine[0].subject
    assert notice.number in mine[0].body and "ARID — Thành phố Hà Nội" in mine[0].body
    page = client_for("agency_officer").get(
        reverse("followup:digest"), {"leader": leader.pk, "day": monday.isoformat()}
    )
    assert page.status_code == 200 and notice.number in page.content.decode()
    assert client_for("province_officer").get(reverse("followup:digest")).status_code == 403


@pytest.mark.parametrize("n", [5, 5000])
def test_the_digest_query_count_does_not_depend_on_the_number_of_tasks(demo, n, django_assert_num_queries):
    leader = _leader(f"Lãnh đạo {n}")
    notice = f.notice(leader=leader, date=D(2031, 1, 10))
    base = Task.objects.filter(state=State.OPEN).select_related("lead_unit").first()
    Task.objects.bulk_create(
        [
            Task(
                notice=notice, place=f"II.{i}", content=f"Nhiệm vụ {i}", lead_unit=base.lead_unit, province=notice.session.province,
                leader=leader, deadline=MONDAY + datetime.timedelta(days=i % 4 - 1),
                state=State.DONE if i % 3 == 0 else State.OPEN,
                completed_on=MONDAY if i % 3 == 0 else None,
                confirmed_at=timezone.make_aware(datetime.datetime(2031, 3, 4, 9)) if i % 3 == 0 else None,
            )
            for i in range(n)
        ]
    )  # fmt: skip
    with django_assert_num_queries(3):
        digest = selectors.leader_digest(leader, MONDAY + datetime.timedelta(days=6))
    assert digest.count("overdue") + digest.count("completed") > n // 2
