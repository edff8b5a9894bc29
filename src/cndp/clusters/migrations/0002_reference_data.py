"""The dated Decree 32/2024 conditions and the Circular 14/2024 calendar rules (clusters.reference)."""

from django.db import migrations


def load(apps, schema_editor):
    from cndp.clusters.reference import load_with

    load_with(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0001_initial"),
        ("obligations", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
