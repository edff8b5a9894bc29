from django.db import migrations

from cndp.core.db import refresh_name_sort_keys


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0002_chain_seals"),
    ]

    # The name sort key now decides word by word (letters, then tones) and ends the middle name: "Anh"
    # before "Ánh" whatever the family name (issue 13). Stored keys are recomputed; nothing else changes.
    operations = [
        migrations.RunPython(
            refresh_name_sort_keys("elections.Candidate"), migrations.RunPython.noop, elidable=True
        ),
    ]
