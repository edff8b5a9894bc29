"""Values and submissions keep, next to the unit as it was on the period's last day, today's unit (of the
34) that covers it — by which a province officer sees them: Hà Nội's officer sees what was filed under
the Hà Nội of the 63, Đà Nẵng's what Quảng Nam filed before 1/7/2025. The column is added, filled from
the unit's successor (the unit itself when it is one of the 34 or was never merged), then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

MODELS = ("DataValue", "Submission", "HistoricalDataValue", "HistoricalSubmission")


def backfill_province_current(apps, schema_editor):
    """`province_current` of every value and submission (and of their history rows) from `province`:
    its successor when it is a unit of the 63 that merged, else the unit itself. One UPDATE per table."""
    Province = apps.get_model("places", "Province")  # noqa: N806
    successor = Province.objects.filter(pk=OuterRef("province_id"), version="63").values("successor_id")[:1]
    for name in MODELS:
        model = apps.get_model("indicators", name)
        model._base_manager.filter(province__isnull=False).update(
            province_current_id=Coalesce(Subquery(successor), F("province_id"))
        )


def _current(**kwargs):
    return models.ForeignKey(
        editable=False,
        related_name="+",
        to="places.province",
        verbose_name="tỉnh, thành phố (danh mục 34)",
        **kwargs,
    )


def _history_current():
    return _current(
        blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING
    )


def _province(help_text, history=False):
    extra = (
        {
            "blank": True,
            "db_constraint": False,
            "null": True,
            "on_delete": django.db.models.deletion.DO_NOTHING,
        }
        if history
        else {"on_delete": django.db.models.deletion.PROTECT}
    )
    return models.ForeignKey(
        help_text=help_text, related_name="+", to="places.province", verbose_name="tỉnh, thành phố", **extra
    )


VALUE_HELP = "Đơn vị hành chính vào ngày cuối kỳ số liệu"
SUBMISSION_HELP = "Đơn vị hành chính vào ngày cuối kỳ báo cáo"


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_submission_titles"),
        ("places", "0002_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="datavalue",
            name="province_current",
            field=_current(null=True, on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AddField(
            model_name="submission",
            name="province_current",
            field=_current(null=True, on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AddField(
            model_name="historicaldatavalue", name="province_current", field=_history_current()
        ),
        migrations.AddField(
            model_name="historicalsubmission", name="province_current", field=_history_current()
        ),
        migrations.RunPython(backfill_province_current, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="datavalue",
            name="province_current",
            field=_current(on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AlterField(
            model_name="submission",
            name="province_current",
            field=_current(on_delete=django.db.models.deletion.PROTECT),
        ),
        migrations.AlterField(model_name="datavalue", name="province", field=_province(VALUE_HELP)),
        migrations.AlterField(model_name="submission", name="province", field=_province(SUBMISSION_HELP)),
        migrations.AlterField(
            model_name="historicaldatavalue", name="province", field=_province(VALUE_HELP, history=True)
        ),
        migrations.AlterField(
            model_name="historicalsubmission", name="province", field=_province(SUBMISSION_HELP, history=True)
        ),
    ]
