"""Load the indicator catalogue of the exchange contract (GTSX, IIP, CSCNNT, …), its data sets and their
rules on the shared reporting calendar (indicators/catalogue.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from cndp.indicators.catalogue import load_catalogue

    load_catalogue(
        apps.get_model("indicators", "Indicator"),
        apps.get_model("indicators", "DataSet"),
        apps.get_model("indicators", "DataSetIndicator"),
        apps.get_model("indicators", "ValidationRule"),
        apps.get_model("obligations", "CalendarRule"),
        apps.get_model("obligations", "EscalationStep"),
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("obligations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
