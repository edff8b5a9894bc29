"""The daily reminder of probations about to end: the task e-mails the party officers, the command queues
it (the immediate backend runs it at once in the tests)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cndp.accounts.models import User
from cndp.party.selectors import probation_due
from cndp.party.tasks import probation_reminders_send

from .factories import make_member

pytestmark = pytest.mark.django_db


def test_reminder_goes_to_the_party_officers_with_the_due_list(demo):
    today = timezone.localdate()
    overdue = make_member(
        admitted_on=today - datetime.timedelta(days=400), birth_date=datetime.date(1995, 1, 1)
    )
    result = probation_reminders_send.enqueue()
    assert result.return_value == 1
    [message] = mail.outbox
    assert message.to == ["danguy@cndp.local"]
    due = probation_due(today)
    assert message.subject == f"[CNĐP] {len(due)} đảng viên dự bị sắp đủ hoặc đã đủ 12 tháng"
    assert overdue.full_name in message.body
    assert "(quá 35 ngày)" in message.body
    # The demo's recent admission: 345 days before the day the demo was loaded — today, or yesterday when
    # the suite has crossed midnight in Hà Nội since.
    soon = [d.days_left for d in due if d.days_left > 0]
    assert soon and soon[0] in (20, 19)
    assert f"(còn {soon[0]} ngày)" in message.body


def test_no_mail_when_nobody_is_due_or_nobody_to_tell(demo):
    assert probation_reminders_send.enqueue(today="2018-01-01").return_value == 0  # all official then
    assert mail.outbox == []
    User.objects.filter(groups__name="party_officer").update(email="")
    assert probation_reminders_send.enqueue().return_value == 0
    assert mail.outbox == []


def test_party_remind_command_queues_the_task(demo):
    out = io.StringIO()
    call_command("party_remind", stdout=out)
    assert "Đã xếp hàng tác vụ nhắc hết thời gian dự bị" in out.getvalue()
    assert len(mail.outbox) == 1
