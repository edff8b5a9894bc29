"""The reporting calendar's rule for the units' reports on leaders' conclusions (followup.progress): due
on the task's deadline (final report, 0 days after), a reminder 7 days before, and escalation — 1 day
late to the unit, 7 days to its superior unit (the unit's head), 15 days to the agency. The Ministry's
own follow-up regulation was not found: the rule is marked not checked against a text (UNCONFIRMED)."""

import datetime

from django.db import migrations

KIND = "followup.progress"


def create_rule(apps, schema_editor):
    CalendarRule = apps.get_model("obligations", "CalendarRule")
    EscalationStep = apps.get_model("obligations", "EscalationStep")
    if any(KIND in (rule.kinds or []) for rule in CalendarRule.objects.all()):
        return
    rule = CalendarRule.objects.create(
        name="Báo cáo thực hiện kết luận của Lãnh đạo Bộ",
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
    for days, audience in ((1, "province"), (7, "superiors"), (15, "agency")):
        EscalationStep.objects.create(rule=rule, days_late=days, audience=audience)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
        ("obligations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_rule, migrations.RunPython.noop)]
