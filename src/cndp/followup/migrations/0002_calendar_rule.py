"""The reporting calendar's rule for the units' reports on leaders' conclusions (see followup.rule)."""

from django.db import migrations

from cndp.followup.rule import ensure_rule


def create_rule(apps, schema_editor):
    ensure_rule(apps.get_model("obligations", "CalendarRule"), apps.get_model("obligations", "EscalationStep"))


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
        ("obligations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_rule, migrations.RunPython.noop)]
