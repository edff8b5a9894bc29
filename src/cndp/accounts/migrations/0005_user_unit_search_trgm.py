from django.db import migrations

from cndp.core.db import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_dated_units_and_staff"),
    ]

    # PostgreSQL only: the user and unit lists' accent-insensitive search (search_folded LIKE '%…%') by
    # trigram indexes instead of scans (the units hold every Party cell of the country).
    operations = [
        TrigramIndex(model_name="user", name="accounts_user_search_trgm"),
        TrigramIndex(model_name="unit", name="accounts_unit_search_trgm"),
    ]
