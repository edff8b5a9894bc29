import secrets

from django.db import migrations, models


def first_row(apps, schema_editor):
    model = apps.get_model("core", "DataVersion")
    model.objects.using(schema_editor.connection.alias).create(id=1, number=0, epoch=secrets.token_hex(8))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_jobs")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0, verbose_name="phiên bản")),
                ("epoch", models.CharField(default="", max_length=32, verbose_name="kỳ")),
            ],
            options={"verbose_name": "phiên bản dữ liệu", "verbose_name_plural": "phiên bản dữ liệu"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
