"""The progress report keeps a copy of its obligation's due date, so an index serves the report list's
order (due date, project, sequence) without a join: the column is added, filled from each report's
obligation, then made required, and the list's index built."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

KIND = "extension.progress"


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Obligation = apps.get_model("obligations", "Obligation")
    Project = apps.get_model("extension", "Project")
    ProgressReport = apps.get_model("extension", "ProgressReport")
    content_type = ContentType.objects.filter(app_label="extension", model="progressreport").first()
    if content_type is None:  # a database with no report yet
        return
    due = (
        Obligation.objects.filter(kind=KIND, content_type=content_type, object_id=OuterRef("pk"))
        .order_by("pk")
        .values("due_on")[:1]
    )
    # Every report has its obligation (0007); a report without one would take its project's end date
    # rather than stop the migration.
    end = Project.objects.filter(pk=OuterRef("project_id")).values("end_date")[:1]
    ProgressReport.objects.update(obligation_due_on=Coalesce(Subquery(due), Subquery(end)))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("extension", "0008_move_report_calendar_to_obligations"),
        ("obligations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="obligation_due_on",
            field=models.DateField(editable=False, null=True, verbose_name="hạn nộp (bản sao để sắp xếp)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="progressreport",
            name="obligation_due_on",
            field=models.DateField(editable=False, verbose_name="hạn nộp (bản sao để sắp xếp)"),
        ),
        migrations.AlterModelOptions(
            name="progressreport",
            options={
                "ordering": ["obligation_due_on", "project_id", "sequence"],
                "verbose_name": "báo cáo tiến độ",
                "verbose_name_plural": "báo cáo tiến độ",
            },
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(
                fields=["obligation_due_on", "project", "sequence"], name="ext_report_list_order"
            ),
        ),
    ]
