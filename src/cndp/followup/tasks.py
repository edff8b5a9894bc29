"""The weekly digest to each leader (bản tin tuần gửi lãnh đạo Bộ), sent by the task worker: their
notices' tasks that became overdue, were completed or were extended that week, by unit and province.
Queued by `cndp manage followup_digest` (e.g. from cron every Monday morning, for the week before)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cndp.followup import selectors


def _section(title: str, groups, line) -> list[str]:
    if not groups:
        return []
    out = [title, ""]
    for group in groups:
        out.append(f"* {group.unit} — {group.province}")
        out.extend(f"   - {line(row)}" for row in group.rows)
    out.append("")
    return out


def digest_body(result) -> str:
    def task_line(task) -> str:
        deadline = f"{task.deadline:%d/%m/%Y}" if task.deadline else task.get_deadline_kind_display()
        return _("%(place)s TB %(n)s: %(text)s (hạn %(d)s)") % {
            "place": task.place,
            "n": task.notice.number,
            "text": task.content[:200],
            "d": deadline,
        }

    def extension_line(extension) -> str:
        return _("%(task)s — gia hạn đến %(d)s, lý do: %(r)s (%(who)s đồng ý)") % {
            "task": task_line(extension.task),
            "d": f"{extension.new_deadline:%d/%m/%Y}",
            "r": extension.reason,
            "who": extension.agreed_by,
        }

    lines = [
        _("Kính gửi %(leader)s,") % {"leader": result.leader},
        "",
        _("Tình hình thực hiện các nhiệm vụ theo kết luận của đồng chí trong tuần %(a)s – %(b)s:")
        % {"a": f"{result.start:%d/%m/%Y}", "b": f"{result.end:%d/%m/%Y}"},
        "",
        *_section(
            _("1. Nhiệm vụ trở thành quá hạn (%(n)s)") % {"n": result.count("overdue")},
            result.overdue,
            task_line,
        ),
        *_section(
            _("2. Nhiệm vụ đã hoàn thành (%(n)s)") % {"n": result.count("completed")},
            result.completed,
            task_line,
        ),
        *_section(
            _("3. Nhiệm vụ được gia hạn (%(n)s)") % {"n": result.count("extended")},
            result.extended,
            extension_line,
        ),
    ]
    if result.empty:
        lines += [_("Không có nhiệm vụ nào quá hạn, hoàn thành hoặc gia hạn trong tuần."), ""]
    url = reverse("followup:digest") + f"?leader={result.leader.pk}&day={result.start.isoformat()}"
    lines += [
        _("Xem chi tiết tại mục %(where)s của hệ thống CNĐP (%(url)s).")
        % {"where": _("Kết luận của Lãnh đạo › Bản tin tuần"), "url": url}
    ]
    lines.append(_("Thư tự động của hệ thống CNĐP."))
    return "\n".join(lines)


def weekly_digest(day: datetime.date | None = None) -> int:
    """Send each active leader with an e-mail the digest of the week holding `day` (default: last week).
    Returns the number of e-mails sent."""
    day = day or timezone.localdate() - datetime.timedelta(days=7)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for leader in selectors.leaders_with_email():
            result = selectors.leader_digest(leader, day)
            subject = _(
                "[CNĐP] Bản tin tuần %(a)s – %(b)s: %(o)s nhiệm vụ quá hạn, %(c)s hoàn thành, %(e)s gia hạn"
            ) % {
                "a": f"{result.start:%d/%m}",
                "b": f"{result.end:%d/%m/%Y}",
                "o": result.count("overdue"),
                "c": result.count("completed"),
                "e": result.count("extended"),
            }
            sent += send_mail(subject, digest_body(result), settings.DEFAULT_FROM_EMAIL, [leader.email])
    return sent


@task()
def followup_weekly_digest(day: str | None = None) -> int:
    """Bản tin tuần gửi lãnh đạo Bộ. `day` (ISO date, a day of the week to report) is for tests."""
    return weekly_digest(datetime.date.fromisoformat(day) if day else None)
