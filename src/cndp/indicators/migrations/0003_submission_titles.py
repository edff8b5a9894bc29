"""The calendar's titles of the data-set submissions with the period as people read it ("tháng 7/2030",
"quý II/2026", "năm 2026") instead of its code ("kỳ 203007"): the to-do list, the reminders and the
e-mails show the obligation's stored title."""

import datetime

from django.db import migrations

from cndp.core.text import fold
from cndp.indicators import periods


def retitle(apps, schema_editor):
    Submission = apps.get_model("indicators", "Submission")  # noqa: N806
    Obligation = apps.get_model("obligations", "Obligation")  # noqa: N806
    changed = []
    rows = Submission.objects.exclude(obligation=None).select_related("dataset", "province", "obligation")
    for submission in rows.iterator(chunk_size=2000):
        start = submission.period_start
        period = periods.Period(submission.dataset.period_type, datetime.date(start.year, start.month, 1))
        obligation = submission.obligation
        title = "%(dataset)s, %(period)s — %(province)s" % {  # noqa: UP031 (the service's message)
            "dataset": submission.dataset.name,
            "period": period.label,
            "province": submission.province.name,
        }
        if obligation.title != title:
            obligation.title = title
            obligation.search_folded = fold(title)[:500]
            changed.append(obligation)
    Obligation.objects.bulk_update(changed, ["title", "search_folded"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_catalogue"), ("obligations", "0001_initial")]
    operations = [migrations.RunPython(retitle, migrations.RunPython.noop)]
