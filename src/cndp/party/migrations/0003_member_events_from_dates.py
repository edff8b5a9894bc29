"""Give every member recorded before histories existed the events their dates imply: admitted (kết nạp)
into their cell on `admitted_on`, and recognised (công nhận chính thức) on `official_on` when set."""

from django.db import migrations


def seed_events(apps, schema_editor):
    Member = apps.get_model("party", "Member")
    MemberEvent = apps.get_model("party", "MemberEvent")
    events = []
    for member in Member.objects.filter(events__isnull=True).order_by("pk"):
        events.append(
            MemberEvent(member=member, kind="admitted", date=member.admitted_on, cell_id=member.cell_id)
        )
        if member.official_on is not None:
            events.append(MemberEvent(member=member, kind="official", date=member.official_on))
    MemberEvent.objects.bulk_create(events)


class Migration(migrations.Migration):
    dependencies = [("party", "0002_member_events")]

    operations = [migrations.RunPython(seed_events, migrations.RunPython.noop)]
