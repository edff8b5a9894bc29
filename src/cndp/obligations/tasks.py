"""The daily job of the reporting calendar (tác vụ nền hằng ngày): remind and escalate every kind of
obligation and send the e-mails (queued by `cndp manage remind`, run by the worker)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cndp.obligations import kinds
from cndp.obligations.services import obligations_follow_up, obligations_owed_refresh


def remind(today: datetime.date | None = None) -> int:
    """Run the follow-up for `today` and send its notices; returns the number of e-mails sent."""
    day = today or timezone.localdate()
    sent = 0
    # `owed` is kept by the services as things change; once a day it is checked against the kinds'
    # conditions (a change made outside them, e.g. loaded in bulk, is caught up by the next morning)
    obligations_owed_refresh()
    notices = obligations_follow_up(today=day)
    with translation.override(settings.LANGUAGE_CODE):
        for notice in notices:
            kind = kinds.get(notice.kind)
            body = [
                _("Danh sách %(what)s (tại ngày %(d)s):") % {"what": kind.label, "d": f"{day:%d/%m/%Y}"},
                "",
                *(f"{i}. {line}" for i, line in enumerate(notice.lines, start=1)),
                "",
            ]
            if kind.where:
                body.append(_("Nộp báo cáo tại mục %(where)s của hệ thống CNĐP.") % {"where": kind.where})
            body.append(_("Thư tự động của hệ thống CNĐP."))
            sent += send_mail(notice.subject, "\n".join(body), settings.DEFAULT_FROM_EMAIL, notice.recipients)
    return sent


@task()
def obligations_remind(today: str | None = None) -> int:
    """Nhắc hạn, báo trễ hạn mọi loại nghĩa vụ báo cáo. `today` (ISO date) is for tests."""
    return remind(datetime.date.fromisoformat(today) if today else None)
