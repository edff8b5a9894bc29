"""Load the provinces (63 + 34), their mapping, dated names and regions shipped in places/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from cndp.places.reference import load_reference_data

    load_reference_data(apps.get_model("places", "Province"), apps.get_model("places", "ProvinceName"), apps.get_model("places", "Region"))


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
