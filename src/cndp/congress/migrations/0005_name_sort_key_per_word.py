from django.db import migrations

from cndp.core.db import refresh_name_sort_keys


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0004_documents"),
    ]

    # The name sort key now decides word by word (letters, then tones) and ends the middle name: "Anh"
    # before "Ánh" whatever the family name (issue 13). Stored keys are recomputed; nothing else changes.
    operations = [
        migrations.RunPython(
            refresh_name_sort_keys("congress.Delegate"), migrations.RunPython.noop, elidable=True
        ),
    ]
