"""A congress writes at once: two clerks entering 50 ballots each, 20 check-in desks, simultaneous
project registrations and progress-report submissions, each in its own thread and connection, against a database file of its own
(SQLite with the settings' WAL / busy timeout / IMMEDIATE transactions; PostgreSQL as configured).
Not one write may fail ("database is locked" answered 46 % of such writes before)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cndp.accounts.models import Unit, User
from cndp.congress import services as congress_services
from cndp.congress.models import CheckEvent, Congress
from cndp.core.tests.databases import demo_snapshot, run_together, work_db  # noqa: F401 — fixtures
from cndp.elections import services as election_services
from cndp.elections.models import BallotEntry, EntryLog
from cndp.elections.tests.factories import counting_election
from cndp.extension.choices import ReportStatus
from cndp.extension.models import ProgressReport, Project

BALLOTS_PER_CLERK = 50
DESKS = 20
REGISTRATIONS = 8
SUBMISSIONS = 8


def _clerk(election, user):
    """50 ballot entries: every issued ballot, then corrections of the first ones (the same number typed
    again replaces the entry)."""
    numbers = itertools.islice(itertools.cycle(range(1, election.ballots_issued + 1)), BALLOTS_PER_CLERK)

    def job():
        for i, number in enumerate(numbers):
            election_services.ballot_enter(election=election, user=user, number=number, text=str(i % 4 + 1))

    return job


def _desk(congress, codes, user):
    def job():
        for code in codes:
            congress_services.check_in_by_code(congress=congress, code=code, user=user)

    return job


def _registration(year, user):
    from cndp.extension.tests.factories import project_data

    data = project_data(plan_year=year)

    def job():
        from cndp.extension import services as extension_services

        extension_services.project_create(user=user, **data)

    return job


def _submission(report, user):
    def job():
        from cndp.extension.progress import services as progress

        progress.report_submit(
            report=report,
            user=user,
            percent_complete=100 if report.kind == "final" else 50,
            narrative="Đã lắp đặt và chạy thử thiết bị.",
        )

    return job


@pytest.mark.usefixtures("work_db")
def test_clerks_desks_and_registrations_write_at_once_without_an_error():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    officer = User.objects.get(username="danguy")
    election, clerk_a, clerk_b = counting_election(
        officer=officer, head_user=User.objects.get(username="kiemphieu")
    )
    assert election.ballots_issued < BALLOTS_PER_CLERK  # so some entries are corrections
    congress = Congress.objects.create(
        organisation=Unit.objects.get(code="dang-bo-cuc"),
        ordinal=9,
        term_start=2030,
        term_end=2035,
        opens_on=datetime.date(2015, 6, 10),
    )
    congress_services.summons_build(congress=congress, user=officer)
    codes = list(congress.delegates.order_by("code").values_list("code", flat=True))
    from cndp.extension.tests.factories import hanoi_officer, open_year

    year, province_officer = open_year(), hanoi_officer()
    before = Project.objects.filter(code__startswith=f"KC{year}-01-").count()
    reports = list(
        ProgressReport.objects.filter(obligations__state=ReportStatus.PENDING).order_by("pk")[:SUBMISSIONS]
    )
    assert len(reports) == SUBMISSIONS

    jobs = [_clerk(election, clerk_a), _clerk(election, clerk_b)]
    jobs += [_desk(congress, codes[i::DESKS], officer) for i in range(DESKS)]
    jobs += [_registration(year, province_officer) for _ in range(REGISTRATIONS)]
    agency = User.objects.get(username="chuyenvien")
    jobs += [_submission(report, agency) for report in reports]
    errors = run_together(jobs)

    assert errors == []
    assert BallotEntry.objects.filter(election=election).count() == 2 * election.ballots_issued
    enters = EntryLog.objects.filter(election=election, action="enter").count()
    assert enters == 2 * BALLOTS_PER_CLERK
    election_services.verify_chain(election)  # one chain, no fork: each entry follows the one before
    assert CheckEvent.objects.filter(delegate__congress=congress).count() == len(codes)
    assert congress.delegates.filter(present=True).count() == len(codes)
    new_codes = list(
        Project.objects.filter(code__startswith=f"KC{year}-01-")
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert len(new_codes) == before + REGISTRATIONS == len(set(new_codes))
    submitted = ProgressReport.objects.filter(
        pk__in=[r.pk for r in reports], obligations__state=ReportStatus.SUBMITTED
    )
    assert submitted.count() == SUBMISSIONS


def _client(user) -> Client:
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(user)
    return client


@pytest.mark.usefixtures("work_db")
def test_the_same_through_the_screens_never_answers_500():
    """Two clerks' entry screens and 20 check-in desks posting at once: every request answers its
    success line (a "database is locked" would be a 500, raised here by the test client)."""
    officer = User.objects.get(username="danguy")
    election, clerk_a, clerk_b = counting_election(
        officer=officer, head_user=User.objects.get(username="kiemphieu")
    )
    congress = Congress.objects.create(
        organisation=Unit.objects.get(code="dang-bo-cuc"),
        ordinal=9,
        term_start=2030,
        term_end=2035,
        opens_on=datetime.date(2015, 6, 10),
    )
    congress_services.summons_build(congress=congress, user=officer)
    codes = list(congress.delegates.order_by("code").values_list("code", flat=True))
    answers: list[str] = []

    def clerk(client):
        url = reverse("elections:entry", args=[election.pk])

        def job():
            for number in range(1, election.ballots_issued + 1):
                response = client.post(url, {"number": number, "text": str(number % 4 + 1)})
                answers.append(f"Đã lưu phiếu số {number}." in response.content.decode())

        return job

    def desk(client, desk_codes):
        url = reverse("congress:checkin_submit", args=[congress.pk])

        def job():
            for code in desk_codes:
                response = client.post(url, {"query": code, "kind": "in"})
                answers.append(f"({code})" in response.content.decode() and response.status_code == 200)

        return job

    jobs = [clerk(_client(clerk_a)), clerk(_client(clerk_b))]
    jobs += [desk(_client(officer), codes[i::DESKS]) for i in range(DESKS)]
    errors = run_together(jobs)

    assert errors == []
    assert len(answers) == 2 * election.ballots_issued + len(codes) and all(answers)
    assert BallotEntry.objects.filter(election=election).count() == 2 * election.ballots_issued
    assert congress.delegates.filter(present=True).count() == len(codes)
    election_services.verify_chain(election)
