"""Background tasks of industrial extension (tác vụ nền): the daily reminder and escalation of progress
reports (run by `manage.py extension_remind`, e.g. from cron, on the database-backed queue)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from cndp.extension.services.progress import reports_follow_up


@task()
def progress_reports_follow_up(today: str | None = None) -> int:
    """Nhắc hạn, báo trễ hạn báo cáo tiến độ. `today` (ISO date) is for tests; returns the number of
    e-mails sent."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for notice in reports_follow_up(today=day):
        body = "\n".join(
            [
                _("Danh sách báo cáo tiến độ đề án khuyến công (tại ngày %(d)s):") % {"d": f"{day:%d/%m/%Y}"},
                "",
                *(f"{i}. {line}" for i, line in enumerate(notice.lines, start=1)),
                "",
                _("Nộp báo cáo tại mục Khuyến công › Báo cáo tiến độ của hệ thống CNĐP."),
                _("Thư tự động của hệ thống CNĐP."),
            ]
        )
        sent += send_mail(notice.subject, body, settings.DEFAULT_FROM_EMAIL, notice.recipients)
    return sent
