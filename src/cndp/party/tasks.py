"""Background tasks of the party module (tác vụ nền): the daily reminder of probations about to end."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cndp.accounts.models import Unit
from cndp.party import rules
from cndp.party.selectors import ProbationDue, probation_due

OFFICER_GROUP = "party_officer"


def officer_emails() -> list[str]:
    """E-mail addresses of the active party officers (cán bộ Đảng ủy)."""
    group = Group.objects.filter(name=OFFICER_GROUP).first()
    if group is None:
        return []
    return sorted(
        set(group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )


def reminder_text(due: list[ProbationDue], today: datetime.date) -> tuple[str, str]:
    """(subject, body) of the reminder, in Vietnamese."""
    cells = dict(Unit.objects.filter(pk__in={d.cell_id for d in due}).values_list("pk", "name"))
    subject = _("[CNĐP] %(n)s đảng viên dự bị sắp đủ hoặc đã đủ 12 tháng") % {"n": len(due)}
    lines = [
        _("Danh sách đảng viên dự bị cần xem xét công nhận chính thức (tại ngày %(day)s):")
        % {"day": rules.format_day(today)},
        "",
    ]
    for number, item in enumerate(due, start=1):
        if item.overdue:
            when = _("đã đủ 12 tháng từ %(day)s (quá %(n)s ngày)") % {
                "day": rules.format_day(item.ends_on),
                "n": -item.days_left,
            }
        else:
            when = _("đủ 12 tháng ngày %(day)s (còn %(n)s ngày)") % {
                "day": rules.format_day(item.ends_on),
                "n": item.days_left,
            }
        lines.append(
            _("%(number)s. %(name)s — %(cell)s — kết nạp %(admitted)s — %(when)s")
            % {
                "number": number,
                "name": item.member.full_name,
                "cell": cells.get(item.cell_id, ""),
                "admitted": rules.format_day(item.admitted_on),
                "when": when,
            }
        )
    lines += ["", _("Thư tự động của hệ thống CNĐP.")]
    return subject, "\n".join(lines)


@task()
def probation_reminders_send(today: str | None = None) -> int:
    """Gửi thư nhắc các đảng viên sắp hết thời gian dự bị to the party officers. `today` (ISO date) is
    for tests; returns the number of messages sent (0 when nobody is due or there is nobody to tell)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        due = probation_due(day)
        recipients = officer_emails()
        if not due or not recipients:
            return 0
        subject, body = reminder_text(due, day)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
