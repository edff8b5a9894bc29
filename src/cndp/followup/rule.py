"""The reporting calendar's rule for the units' reports on leaders' conclusions (followup.progress): due
on the task's deadline (a final report, 0 days after), a reminder 7 days before, and escalation — 1 day
late to the unit, 7 days to the unit's head, 15 days to the agency's leaders. The Ministry's own
follow-up regulation was not found: the rule is marked not checked against a text (UNCONFIRMED).

`ensure_rule` takes the model classes, so the data migration (historical models) and the demo (which
runs again after a browser test has flushed the database) share it."""

from __future__ import annotations

import datetime

KIND = "followup.progress"
NAME = "Báo cáo thực hiện kết luận của Lãnh đạo Bộ"
STEPS = ((1, "unit"), (7, "unit_head"), (15, "leaders"))


def ensure_rule(CalendarRule, EscalationStep):  # noqa: N803 - model classes
    """The rule governing KIND, made if no rule lists the kind."""
    for rule in CalendarRule.objects.all():
        if KIND in (rule.kinds or []):
            return rule
    rule = CalendarRule.objects.create(
        name=NAME,
        kinds=[KIND],
        period_type="half_year",
        due_day=20,
        due_month_offset=0,
        cutoff_day=14,
        final_days=0,
        remind_days=7,
        valid_from=datetime.date(2020, 1, 1),
        legal_basis=(
            "QĐ 42/2014/QĐ-TTg, sửa đổi bởi QĐ 23/2018/QĐ-TTg (văn bản hợp nhất 01/VBHN-VPCP); "
            "Quy chế làm việc của Bộ Công Thương (QĐ 1617/QĐ-BCT) — thời hạn báo cáo theo thực tiễn"
        ),
        confirmed=False,
    )
    for days, audience in STEPS:
        EscalationStep.objects.create(rule=rule, days_late=days, audience=audience)
    return rule
