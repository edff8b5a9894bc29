"""Build the dated periods (giai đoạn sinh hoạt) of the members already in the registry from their events
(a member without events: the history its dates imply), with the plain rules."""

from django.db import migrations

from cndp.party import rules


def build(apps, schema_editor):
    Member = apps.get_model("party", "Member")
    MemberEvent = apps.get_model("party", "MemberEvent")
    MemberPeriod = apps.get_model("party", "MemberPeriod")
    last_pk = 0
    while True:
        members = list(
            Member.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "admitted_on", "official_on", "cell_id")[:2000]
        )
        if not members:
            return
        by_member: dict[int, list] = {}
        for member_id, kind, date, cell_id in (
            MemberEvent.objects.filter(member_id__in=[m[0] for m in members])
            .order_by("date", "pk")
            .values_list("member_id", "kind", "date", "cell_id")
        ):
            by_member.setdefault(member_id, []).append(rules.EventData(kind, date, cell_id))
        rows = []
        for pk, admitted_on, official_on, cell_id in members:
            events = by_member.get(pk) or rules.events_from_dates(admitted_on, official_on, cell_id)
            for period in rules.periods(events):
                state = period.state
                rows.append(
                    MemberPeriod(
                        member_id=pk,
                        valid_from=period.valid_from,
                        valid_to=period.valid_to,
                        in_organisation=state.in_organisation,
                        cell_id=state.cell_id if state.in_organisation else None,
                        status=state.status,
                        temporary_away=state.temporary_away,
                        exempted=state.exempted,
                        suspended=state.suspended,
                        has_left=state.left_on is not None,
                    )
                )
        MemberPeriod.objects.bulk_create(rows, batch_size=1000)
        last_pk = members[-1][0]


class Migration(migrations.Migration):
    dependencies = [("party", "0004_member_periods")]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
