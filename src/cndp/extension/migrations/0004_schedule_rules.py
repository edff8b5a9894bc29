"""Load the registration deadline and the progress-report calendar (extension/reference.py), dated, with
their legal bases."""

from django.db import migrations


def load(apps, schema_editor):
    from cndp.extension.reference import load_schedule_rules

    load_schedule_rules(apps.get_model("extension", "ScheduleRule"))


class Migration(migrations.Migration):
    dependencies = [("extension", "0003_progress_reports_documents")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
