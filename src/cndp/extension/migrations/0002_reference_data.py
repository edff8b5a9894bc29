"""Load the reference data of industrial extension (programmes, activity types, funding caps, trades,
priorities, the appraisal rubric) from extension/reference.py, with their legal bases."""

from django.db import migrations


def load(apps, schema_editor):
    from cndp.extension.reference import load_with

    load_with(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("extension", "0001_initial"), ("places", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
