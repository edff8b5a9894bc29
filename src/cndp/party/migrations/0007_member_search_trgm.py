from django.db import migrations

from cndp.core.db import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("party", "0006_member_period_cell_index"),
    ]

    # PostgreSQL only: the member list's accent-insensitive search (search_folded LIKE '%…%') by a
    # trigram index instead of a scan of the whole registry.
    operations = [
        TrigramIndex(model_name="member", name="party_member_search_trgm"),
    ]
