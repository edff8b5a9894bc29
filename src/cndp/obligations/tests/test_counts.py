"""The home page's to-do counts (selectors.counts): read from the obligations' own `owed` by an index,
they are those the kinds' conditions give (the oracle below: the count over `still_owed()`, as it was
computed before), within the user's scope; `owed` is caught up by `obligations_owed_refresh` (the
services, the daily job) after a change made outside the services; the agency's home page keeps its
query count whatever the number of obligations."""

import datetime

import pytest
from django.db.models import Count, Q

from cndp.obligations import calendar, selectors, services
from cndp.obligations.models import Obligation
from cndp.obligations.tasks import remind

from .factories import ALPHA, BETA, agency, bulk, danang_officer, hanoi_officer, make_rule

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 6, 15)


def oracle(user, today: datetime.date, remind_days: int = 7) -> dict[str, int]:
    """The counts with the kinds' conditions joined in (the former query)."""
    owed = Q(state__in=sorted(calendar.OPEN)) & selectors.still_owed()
    horizon = today + datetime.timedelta(days=remind_days)
    return Obligation.objects.restrict(user).aggregate(
        overdue=Count("pk", filter=owed & Q(due_on__lt=today)),
        due_soon=Count("pk", filter=owed & Q(due_on__gte=today, due_on__lte=horizon)),
        waiting=Count("pk", filter=Q(state=calendar.SUBMITTED)),
    )


@pytest.fixture
def owed(demo):
    """Obligations of both test kinds in two provinces: late, due soon, later, submitted, accepted,
    and some of kind B cancelled (no longer owed by their kind's condition)."""
    rule = make_rule()
    hanoi, danang = hanoi_officer().unit.province, danang_officer().unit.province
    start = 0
    for province in (hanoi, danang):
        for kind in (ALPHA, BETA):
            for due_on, n in ((D(2026, 5, 20), 4), (D(2026, 6, 20), 3), (D(2026, 12, 20), 2)):
                bulk(n, rule=rule, province=province, kind=kind, due_on=due_on, start=start)
                start += n
    ids = list(Obligation.objects.filter(kind__in=[ALPHA, BETA]).order_by("pk").values_list("pk", flat=True))
    Obligation.objects.filter(pk__in=ids[::5]).update(state=calendar.SUBMITTED)
    Obligation.objects.filter(pk__in=ids[1::7]).update(state=calendar.ACCEPTED)
    Obligation.objects.filter(pk__in=ids[2::6]).update(state=calendar.RETURNED)
    return rule


USERS = (agency, hanoi_officer, danang_officer)


def test_the_counts_are_those_of_the_kinds_conditions_within_the_scope(owed):
    cancelled = Obligation.objects.filter(kind=BETA).order_by("pk")[::3]
    # cancelled outside any service (a change the daily job catches up): counted until then
    Obligation.objects.filter(pk__in=[o.pk for o in cancelled]).update(title="ĐÃ HỦY báo cáo")
    assert selectors.counts(agency(), TODAY) != oracle(agency(), TODAY)
    assert services.obligations_owed_refresh() == len(cancelled)
    assert services.obligations_owed_refresh() == 0  # only the rows that differ are written
    for user in USERS:
        counts = selectors.counts(user(), TODAY)
        assert counts == oracle(user(), TODAY), user
        assert counts["overdue"] and counts["due_soon"] and counts["waiting"]
    mine, theirs = selectors.counts(hanoi_officer(), TODAY), selectors.counts(danang_officer(), TODAY)
    everyone = selectors.counts(agency(), TODAY)
    assert all(everyone[k] >= mine[k] + theirs[k] for k in everyone)
    # owed again (the kind says so): counted again after the refresh
    Obligation.objects.filter(kind=BETA).update(title="Báo cáo")
    services.obligations_owed_refresh(kind=BETA)
    assert selectors.counts(agency(), TODAY) == oracle(agency(), TODAY)
    assert not Obligation.objects.filter(kind=BETA, owed=False).exists()


def test_the_daily_job_catches_up_what_changed_outside_the_services(owed):
    Obligation.objects.filter(kind=BETA).update(title="ĐÃ HỦY báo cáo")
    remind(TODAY)
    assert selectors.counts(agency(), TODAY) == oracle(agency(), TODAY)
    assert (
        Obligation.objects.filter(kind=BETA, owed=False).count()
        == Obligation.objects.filter(kind=BETA).count()
    )


def test_an_obligation_scheduled_for_a_thing_no_longer_owed_is_not_counted(owed, demo):
    from cndp.accounts.models import Unit

    subject = Unit.objects.order_by("pk").first()
    obligation = services.obligation_schedule(
        kind=BETA,
        subject=subject,
        title="ĐÃ HỦY trước khi lập lịch",
        period_end=D(2026, 5, 14),
        due_on=D(2026, 5, 20),
        province=hanoi_officer().unit.province,
    )
    assert obligation.owed is False
    assert selectors.counts(agency(), TODAY) == oracle(agency(), TODAY)


@pytest.mark.parametrize("role", ["agency_officer", "province_officer", "leader"])
def test_the_home_page_keeps_its_query_count_whatever_the_number_of_obligations(
    role, owed, client_for, django_assert_max_num_queries
):
    client = client_for(role)
    client.get("/")  # warm: sessions, permissions

    def home():
        response = client.get("/")
        assert response.status_code == 200
        assert "Việc cần làm: báo cáo quá hạn" in response.content.decode()

    with django_assert_max_num_queries(40) as small:
        home()
    hanoi = hanoi_officer().unit.province
    bulk(1_500, rule=owed, province=hanoi, kind=BETA, due_on=D(2026, 5, 20), start=10_000)
    bulk(1_500, rule=owed, province=hanoi, kind=ALPHA, due_on=D(2026, 6, 20), start=20_000)
    with django_assert_max_num_queries(len(small.captured_queries)):
        home()
