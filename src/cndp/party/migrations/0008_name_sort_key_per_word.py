from django.db import migrations

from cndp.core.db import refresh_name_sort_keys


class Migration(migrations.Migration):
    dependencies = [
        ("party", "0007_member_search_trgm"),
    ]

    # The name sort key now decides word by word (letters, then tones) and ends the middle name: "Anh"
    # before "Ánh" whatever the family name (issue 13). Stored keys are recomputed; nothing else changes.
    operations = [
        migrations.RunPython(
            refresh_name_sort_keys("party.Member"), migrations.RunPython.noop, elidable=True
        ),
    ]
