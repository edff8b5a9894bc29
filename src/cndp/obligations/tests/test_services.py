"""The reporting calendar through its services, screens and API: schedule, submit only by the owing
side, return with a comment and resubmit, accept, each step recorded; a rule changed in the admin moves
the due dates and the reminder days of every kind it governs; the daily job reminds and escalates once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.core.services import ScopeViolation, ServiceError
from cndp.obligations import services
from cndp.obligations.models import CalendarRule, Obligation, ObligationStep
from cndp.obligations.tasks import obligations_remind

from .factories import ALPHA, BETA, agency, bulk, danang_officer, hanoi_officer, make_rule

pytestmark = pytest.mark.django_db
D = datetime.date
JUNE_20 = D(2026, 6, 20)


@pytest.fixture
def rule(demo):
    return make_rule()


@pytest.fixture
def hanoi(demo):
    return hanoi_officer().unit.province


def _one(rule, province, kind=ALPHA, due_on=JUNE_20, start=0):
    bulk(1, rule=rule, province=province, kind=kind, due_on=due_on, start=start)
    return Obligation.objects.filter(kind=kind).latest("pk")


def test_schedule_is_idempotent_and_recorded(rule, hanoi):
    unit = hanoi_officer().unit
    made = services.obligation_schedule(
        kind=ALPHA, subject=unit, title="Báo cáo A kỳ 1", period_end=D(2026, 6, 14), due_on=D(2026, 6, 20),
        province=hanoi, rule=rule, user=agency(),
    )  # fmt: skip
    again = services.obligation_schedule(
        kind=ALPHA, subject=unit, title="x", period_end=D(2026, 6, 14), due_on=D(2026, 6, 20)
    )
    assert again.pk == made.pk and made.subject == unit and made.state == "pending"
    assert list(made.steps.values_list("action", "by__username")) == [("schedule", "chuyenvien")]


def test_only_the_owing_side_submits_then_a_return_needs_a_comment_and_a_resubmission_is_recorded(
    rule, hanoi
):
    obligation = _one(rule, hanoi)
    with pytest.raises(ScopeViolation):
        services.obligation_submit(obligation=obligation, user=danang_officer())
    with pytest.raises(PermissionDenied):  # the agency does not report for the owing side of this kind
        services.obligation_submit(obligation=obligation, user=agency())
    services.obligation_submit(obligation=obligation, user=hanoi_officer())
    with pytest.raises(ServiceError):
        services.obligation_submit(obligation=obligation, user=hanoi_officer())
    with pytest.raises(PermissionDenied):  # reviewing is the agency's
        services.obligation_accept(obligation=obligation, user=hanoi_officer())
    with pytest.raises(ServiceError):
        services.obligation_return(obligation=obligation, user=agency(), comment="  ")
    services.obligation_return(obligation=obligation, user=agency(), comment="Bổ sung số liệu quý II")
    obligation.refresh_from_db()
    assert obligation.state == "needs_revision"
    services.obligation_submit(obligation=obligation, user=hanoi_officer())
    services.obligation_accept(obligation=obligation, user=agency())
    obligation.refresh_from_db()
    assert (obligation.state, obligation.submissions) == ("accepted", 2)
    steps = list(obligation.steps.order_by("pk").values_list("action", "by__username", "comment"))
    assert steps == [
        ("submit", "sohanoi", ""),
        ("return", "chuyenvien", "Bổ sung số liệu quý II"),
        ("resubmit", "sohanoi", ""),
        ("accept", "chuyenvien", ""),
    ]


def test_the_submit_button_and_post_are_the_owing_sides_only(rule, hanoi, client_for):
    obligation = _one(rule, hanoi)
    url = obligation.get_absolute_url()
    submit = reverse("obligations:obligation_submit", args=[obligation.pk])
    assert 'id="obligation-submit-form"' in client_for("province_officer").get(url).content.decode()
    assert 'id="obligation-submit-form"' not in client_for("agency_officer").get(url).content.decode()
    assert client_for("province_officer_2").get(url).status_code == 404
    assert client_for("province_officer_2").post(submit).status_code == 404
    assert client_for("agency_officer").post(submit).status_code == 403
    assert client_for("leader").post(submit).status_code == 403
    obligation.refresh_from_db()
    assert obligation.state == "pending"
    assert client_for("province_officer").post(submit).status_code == 302
    obligation.refresh_from_db()
    assert obligation.state == "submitted"


def test_the_api_submits_only_for_the_owing_side(rule, hanoi, demo):
    obligation = _one(rule, hanoi)
    url = reverse("obligations-api:obligation-submit", args=[obligation.pk])

    def post(role):
        client = APIClient()
        client.force_authenticate(demo[role])
        return client.post(url)

    assert post("province_officer_2").status_code == 404  # another province's: not even disclosed
    assert post("agency_officer").status_code == 403
    assert post("leader").status_code == 403
    response = post("province_officer")
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    assert post("province_officer").status_code == 400  # already submitted


def test_the_service_refuses_another_province_by_the_scope_policy(rule, hanoi):
    obligation = _one(rule, hanoi)
    with pytest.raises(ScopeViolation) as refused:
        services.obligation_submit(obligation=obligation, user=danang_officer())
    assert "__all__" in refused.value.problems


def test_a_rule_changed_in_the_admin_moves_the_due_dates_and_reminder_days_of_every_kind_it_governs(
    rule, hanoi, client_for
):
    alpha = _one(rule, hanoi, ALPHA)
    beta = _one(rule, hanoi, BETA, start=1)
    done = _one(rule, hanoi, ALPHA, start=2)
    services.obligation_submit(obligation=done, user=hanoi_officer())
    other_rule = make_rule(kinds_=(ALPHA,))
    untouched = _one(other_rule, hanoi, ALPHA, start=3)
    steps = list(rule.steps.order_by("days_late"))
    data = {
        "name": rule.name, "kinds": [ALPHA, BETA], "period_type": "half_year", "due_day": 25,
        "due_month_offset": 0, "cutoff_day": 15, "final_days": 30, "remind_days": 10,
        "valid_from": "01/01/2020", "valid_to": "", "legal_basis": "Thông tư thử (sửa đổi)",
        "steps-TOTAL_FORMS": 2, "steps-INITIAL_FORMS": 2, "steps-MIN_NUM_FORMS": 0, "steps-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, step in enumerate(steps):
        data |= {f"steps-{i}-id": step.pk, f"steps-{i}-rule": rule.pk}
        data |= {f"steps-{i}-days_late": step.days_late, f"steps-{i}-audience": step.audience}
    response = client_for("admin").post(
        reverse("admin:obligations_calendarrule_change", args=[rule.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    for obligation in (alpha, beta, done, untouched):
        obligation.refresh_from_db()
    assert (alpha.period_end, alpha.due_on) == (D(2026, 6, 15), D(2026, 6, 25))
    assert (beta.period_end, beta.due_on) == (D(2026, 6, 15), D(2026, 6, 25))
    assert done.due_on == untouched.due_on == D(2026, 6, 20)  # submitted; governed by another rule
    assert alpha.steps.filter(action="reschedule").exists()
    # The reminder window is now 10 days before the new due date, for both kinds.
    services.obligations_follow_up(today=D(2026, 6, 14))
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert alpha.reminded_on is None and beta.reminded_on is None
    services.obligations_follow_up(today=D(2026, 6, 15))
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert alpha.reminded_on == beta.reminded_on == D(2026, 6, 15)


def _mail(user, address):
    user.email = address
    user.save(update_fields=["email"])


def test_the_daily_job_reminds_then_escalates_each_step_once_and_records_it(rule, hanoi):
    _mail(hanoi_officer(), "so.hanoi@example.vn")
    _mail(danang_officer(), "so.danang@example.vn")
    _mail(agency(), "cuc@example.vn")
    obligation = _one(rule, hanoi)
    cancelled = _one(rule, hanoi, BETA, start=1)
    Obligation.objects.filter(pk=cancelled.pk).update(
        title="ĐÃ HỦY báo cáo"
    )  # no longer owed (its kind says)
    due = obligation.due_on

    def run(day):
        mail.outbox.clear()
        obligations_remind.enqueue(day.isoformat())
        return [m for m in mail.outbox if "Báo cáo thử số 0" in m.body]

    assert run(due - datetime.timedelta(days=8)) == []
    reminder = run(due - datetime.timedelta(days=7))
    assert len(reminder) == 1 and reminder[0].to == ["so.hanoi@example.vn"]
    assert "sắp đến hạn" in reminder[0].subject and "20/06/2026" in reminder[0].body
    assert "Thử › A" in reminder[0].body
    assert run(due - datetime.timedelta(days=6)) == []  # once
    late = run(due + datetime.timedelta(days=1))
    assert [m.to for m in late] == [["so.hanoi@example.vn"]] and "quá hạn 1 ngày" in late[0].body
    assert run(due + datetime.timedelta(days=2)) == []
    late = run(due + datetime.timedelta(days=15))
    assert sorted(m.to[0] for m in late) == ["cuc@example.vn", "so.hanoi@example.vn"]
    assert any("đã báo Sở Công Thương" in m.subject and "báo cáo A" in m.subject for m in late)
    obligation.refresh_from_db()
    assert (obligation.reminded_on, obligation.escalation) == (due - datetime.timedelta(days=7), 2)
    assert obligation.escalated_on == due + datetime.timedelta(days=15)
    steps = list(obligation.steps.order_by("pk").values_list("action", "level", "audience"))
    assert steps == [("remind", 0, ""), ("escalate", 1, "province"), ("escalate", 2, "agency")]
    assert not ObligationStep.objects.filter(obligation=cancelled).exists()


def test_the_remind_command_queues_the_job(rule, hanoi, capsys):
    obligation = _one(rule, hanoi)
    call_command("remind", "--date", (obligation.due_on - datetime.timedelta(days=3)).isoformat())
    obligation.refresh_from_db()
    assert obligation.reminded_on == obligation.due_on - datetime.timedelta(days=3)
    assert "Đã xếp hàng" in capsys.readouterr().out


@pytest.mark.parametrize("n", [50, 2_000])
def test_the_daily_job_keeps_its_query_count_whatever_the_number_of_obligations(
    rule, hanoi, n, django_assert_max_num_queries
):
    """Two sizes, one bound: every obligation is in the reminder window, late ones at each step."""
    # The job reads each rule's steps: the other rules' share of the queries comes on top of the bound —
    # per escalation step and for the reminders a select, and when the demo's obligations of that rule
    # (extension's progress reports) are due that day, the insert of their steps and their update.
    others = sum(3 * (r.steps.count() + 1) for r in CalendarRule.objects.exclude(pk=rule.pk))
    bulk(n, rule=rule, province=hanoi, due_on=D(2026, 6, 20))
    bulk(n, rule=rule, province=hanoi, due_on=D(2026, 6, 1), start=n)
    bulk(n, rule=rule, province=hanoi, due_on=D(2026, 5, 1), start=2 * n)
    with django_assert_max_num_queries(30 + others):
        services.obligations_follow_up(today=D(2026, 6, 15))
    assert Obligation.objects.filter(kind=ALPHA, reminded_on=D(2026, 6, 15)).count() == n
    assert Obligation.objects.filter(kind=ALPHA, escalation=1).count() == n
    assert Obligation.objects.filter(kind=ALPHA, escalation=2).count() == n
    assert ObligationStep.objects.filter(obligation__kind=ALPHA).count() == 3 * n


def test_the_todo_page_home_cards_and_the_overdue_list_stay_within_the_scope(rule, hanoi, client_for, demo):
    late = _one(rule, hanoi, due_on=D(2020, 6, 20))
    danang = danang_officer().unit.province
    other = _one(rule, danang, due_on=D(2020, 6, 20), start=1)
    own = client_for("province_officer").get(reverse("obligations:todo")).content.decode()
    assert late.title in own and other.title not in own
    everyone = client_for("agency_officer").get(reverse("obligations:todo")).content.decode()
    assert late.title in everyone and other.title in everyone
    home = client_for("province_officer").get("/").content.decode()
    assert "Việc cần làm: báo cáo quá hạn" in home
    listing = client_for("province_officer").get(reverse("obligations:obligation_list"), {"kind": ALPHA})
    assert listing.status_code == 200 and late.title in listing.content.decode()
    assert other.title not in listing.content.decode()
    xlsx = client_for("agency_officer").get(reverse("obligations:obligation_list"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    services.obligation_submit(obligation=late, user=hanoi_officer())
    listing = client_for("province_officer").get(reverse("obligations:obligation_list")).content.decode()
    assert late.title not in listing  # submitted: no longer overdue
