"""A recurring or undated task owes one report per half-year until it is done: its units' obligations on
the calendar are marked recurring, so the calendar schedules the next half-year's (obligations 0003)."""

from django.db import migrations

KIND = "followup.progress"


def forward(apps, schema_editor):
    Obligation = apps.get_model("obligations", "Obligation")  # noqa: N806
    Assignment = apps.get_model("followup", "Assignment")  # noqa: N806
    undated = Assignment.objects.exclude(task__deadline_kind="date").values("pk")
    Obligation.objects.filter(kind=KIND, object_id__in=undated).update(recurring=True)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0003_escalation_unit_head_leaders"),
        ("obligations", "0003_recurring"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
