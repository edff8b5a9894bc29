"""The follow-up rule's escalation becomes the unit, then the unit's head, then the agency's leaders (the
calendar's audiences "unit", "unit_head" and "leaders"). Under the old audiences its steps were written
"province" (a Ministry unit has no province: in effect the unit itself, told at every step), "superiors"
(the unit's superior unit, standing in for its head) and "agency"; each is mapped to what it stood for.
Other rules keep their steps: their audiences keep their values and their meaning."""

from django.db import migrations

from cndp.followup.rule import KIND

FORWARD = {"province": "unit", "superiors": "unit_head", "agency": "leaders"}
BACKWARD = {new: old for old, new in FORWARD.items()}


def _remap(apps, mapping):
    CalendarRule = apps.get_model("obligations", "CalendarRule")  # noqa: N806
    EscalationStep = apps.get_model("obligations", "EscalationStep")  # noqa: N806
    rules = [r.pk for r in CalendarRule.objects.all() if KIND in (r.kinds or [])]
    for step in EscalationStep.objects.filter(rule_id__in=rules):
        if step.audience in mapping:
            step.audience = mapping[step.audience]
            step.save(update_fields=["audience"])


def forward(apps, schema_editor):
    _remap(apps, FORWARD)


def backward(apps, schema_editor):
    _remap(apps, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_calendar_rule"),
        ("obligations", "0002_escalation_audiences"),
    ]

    operations = [migrations.RunPython(forward, backward)]
