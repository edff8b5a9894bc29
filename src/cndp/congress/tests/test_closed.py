"""A closed congress (đại hội đã bế mạc) is read-only everywhere — services, screens, API — with one
message. The demo congress has closed; the seed's show-of-hands votes were recorded before it closed."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cndp.congress import services
from cndp.congress.choices import CongressStatus
from cndp.congress.documents import services as services_documents
from cndp.congress.models import AgendaItem, CheckEvent, Congress, Delegate, DocumentSection, Vote
from cndp.elections import services as election_services
from cndp.elections.models import Election

from .factories import congress_in_session

pytestmark = pytest.mark.django_db

MESSAGE = "Đại hội đã bế mạc: dữ liệu của đại hội chỉ còn để xem, không thay đổi được nữa."


@pytest.fixture
def closed(demo):
    return Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3)


def test_the_demo_congress_closed_after_its_votes_and_elections(closed):
    assert closed.status == CongressStatus.CLOSED
    closed_at = closed.history.filter(status=CongressStatus.CLOSED).order_by("history_date").first()
    assert closed_at is not None
    last_vote = Vote.objects.filter(congress=closed).order_by("-created").first()
    assert last_vote.created <= closed_at.history_date
    assert services.closed_message() == MESSAGE


def _writes(closed, demo):
    """Every write of a congress and its elections, as the people who may make them."""
    officer, head = demo["party_officer"], demo["counting_board"]
    absent = Delegate.objects.filter(congress=closed, present=False).first()
    present = Delegate.objects.filter(congress=closed, present=True, is_official=True).order_by("code")
    election = Election.objects.filter(congress=closed).order_by("pk").first()
    section = DocumentSection.objects.filter(document__congress=closed).first()
    clerk_a = election.clerk_a
    return {
        "vote": lambda: services.vote_record(
            congress=closed,
            user=officer,
            kind="procedural",
            subject="Biểu quyết sau bế mạc",
            votes_for=1,
            votes_against=0,
            votes_abstain=0,
        ),
        "agenda": lambda: services.agenda_item_add(congress=closed, user=officer, title="Mục thêm"),
        "organ": lambda: services.organ_member_add(
            congress=closed, user=officer, organ="secretariat", delegate=present[0]
        ),
        "check-in": lambda: services.delegate_check(delegate=absent, user=officer),
        "check-out": lambda: services.delegate_check(delegate=present[0], user=officer, kind="out"),
        "card scan": lambda: services.check_in_by_code(congress=closed, code=absent.code, user=officer),
        "summons": lambda: services.summons_build(congress=closed, user=officer),
        "exclusion": lambda: services.delegate_exclusion_set(
            delegate=present[1], user=officer, category="", reason=""
        ),
        "comment": lambda: services_documents.comment_add(
            section=section, user=officer, content="Góp ý muộn", delegate=present[0]
        ),
        "draft": lambda: services_documents.document_create(
            congress=closed,
            user=officer,
            kind="other",
            title="Dự thảo muộn",
            issued_on=datetime.date(2015, 7, 1),
        ),
        "board": lambda: election_services.board_member_add(
            congress=closed, delegate=present[2], account=demo["leader"], is_head=False, user=officer
        ),
        "candidate": lambda: election_services.candidate_withdraw(
            candidate=election.candidates.first(), user=officer, note="Rút sau bế mạc"
        ),
        "ballot": lambda: election_services.ballot_enter(election=election, user=clerk_a, number=1, text="1"),
        "recount": lambda: election_services.election_recount(
            election=election, user=head, reason="Kiểm lại"
        ),
        "decision": lambda: election_services.election_decide(
            election=election, user=officer, decision="stop", note="x"
        ),
    }


WRITES = [
    "vote",
    "agenda",
    "organ",
    "check-in",
    "check-out",
    "card scan",
    "summons",
    "exclusion",
    "comment",
    "draft",
    "board",
    "candidate",
    "ballot",
    "recount",
    "decision",
]


@pytest.mark.parametrize("write", WRITES)
def test_every_write_of_a_closed_congress_is_refused_with_one_message(closed, demo, write):
    before = (
        Vote.objects.count(),
        AgendaItem.objects.count(),
        CheckEvent.objects.count(),
        Election.objects.count(),
    )
    with pytest.raises(services.CongressClosed) as refused:
        _writes(closed, demo)[write]()
    assert str(refused.value) == MESSAGE
    after = (
        Vote.objects.count(),
        AgendaItem.objects.count(),
        CheckEvent.objects.count(),
        Election.objects.count(),
    )
    assert after == before


def test_a_congress_object_loaded_before_closing_does_not_slip_through(demo):
    congress = congress_in_session(ordinal=13, total=5, present=5)
    stale = Congress.objects.get(pk=congress.pk)
    services.congress_close(congress=congress, user=demo["party_officer"])
    assert stale.status == CongressStatus.IN_SESSION  # the object in memory still says "in session"
    with pytest.raises(services.CongressClosed):
        services.vote_record(
            congress=stale,
            user=demo["party_officer"],
            kind="procedural",
            subject="x",
            votes_for=5,
            votes_against=0,
            votes_abstain=0,
        )
    with pytest.raises(services.CongressClosed):
        services.congress_close(congress=stale, user=demo["party_officer"])


def test_an_open_congress_still_takes_a_vote(demo):
    congress = congress_in_session(ordinal=13, total=5, present=5)
    vote = services.vote_record(
        congress=congress,
        user=demo["party_officer"],
        kind="procedural",
        subject="Thông qua chương trình",
        votes_for=5,
        votes_against=0,
        votes_abstain=0,
    )
    assert vote.adopted and vote.voters == 5


def test_the_higher_committees_approval_is_still_recorded(closed, demo):
    election = Election.objects.filter(congress=closed, status="certified").order_by("pk").first()
    election_services.election_approve(
        election=election, user=demo["party_officer"], number="123-QĐ/ĐU", date=datetime.date(2015, 7, 1)
    )
    election.refresh_from_db()
    assert election.approval_number == "123-QĐ/ĐU"


# ---- screens -------------------------------------------------------------------------------------------


def test_proceedings_of_a_closed_congress_offer_no_form_and_refuse_a_posted_vote(closed, client_for):
    client = client_for("party_officer")
    url = reverse("congress:proceedings", args=[closed.pk])
    page = client.get(url).content.decode()
    assert MESSAGE in page and "Ghi kết quả biểu quyết" not in page and 'name="form" value="vote"' not in page
    count = Vote.objects.filter(congress=closed).count()
    response = client.post(
        url,
        {
            "form": "vote",
            "vote-kind": "procedural",
            "vote-subject": "Biểu quyết sau bế mạc",
            "vote-votes_for": "1",
            "vote-votes_against": "0",
            "vote-votes_abstain": "0",
        },
    )
    assert MESSAGE in response.content.decode()
    assert Vote.objects.filter(congress=closed).count() == count


def test_check_in_page_of_a_closed_congress_says_so_and_offers_no_input(closed, client_for):
    page = client_for("party_officer").get(reverse("congress:checkin", args=[closed.pk])).content.decode()
    assert MESSAGE in page and 'data-testid="congress-closed"' in page
    assert 'id="checkin-query"' not in page and "checkin.js" not in page


def test_congress_page_hides_edit_and_delete_and_the_edit_is_refused(closed, client_for):
    client = client_for("party_officer")
    page = client.get(closed.get_absolute_url()).content.decode()
    assert MESSAGE in page
    assert reverse("congress:congress_edit", args=[closed.pk]) not in page
    response = client.post(
        reverse("congress:congress_edit", args=[closed.pk]),
        {
            "organisation": closed.organisation_id,
            "ordinal": closed.ordinal,
            "term_start": closed.term_start,
            "term_end": closed.term_end,
            "kind": closed.kind,
            "rule_set": closed.rule_set,
            "opens_on": closed.opens_on.strftime("%d/%m/%Y"),
            "venue": "Địa điểm khác",
            "status": "in_session",
        },
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == CongressStatus.CLOSED and closed.venue != "Địa điểm khác"


def test_election_of_a_closed_congress_cannot_be_added_changed_or_deleted(closed, client_for):
    client = client_for("party_officer")
    election = Election.objects.filter(congress=closed).order_by("pk").first()
    page = client.get(election.get_absolute_url()).content.decode()
    assert MESSAGE in page
    response = client.post(
        reverse("elections:election_add"), {"congress": closed.pk, "kind": "delegates", "seats": "2"}
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    client_for("admin").post(reverse("elections:election_delete", args=[election.pk]))
    assert Election.objects.filter(pk=election.pk).exists()


# ---- API -----------------------------------------------------------------------------------------------


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_refuses_a_vote_of_a_closed_congress_and_takes_one_of_an_open_one(closed, demo):
    client = _api(demo["party_officer"])
    payload = {
        "kind": "procedural",
        "subject": "Biểu quyết",
        "votes_for": 1,
        "votes_against": 0,
        "votes_abstain": 0,
    }
    count = Vote.objects.count()
    response = client.post(
        reverse("congress-api:vote-list"), {**payload, "congress": closed.pk}, format="json"
    )
    assert response.status_code == 403 and response.json()["detail"] == MESSAGE
    assert Vote.objects.count() == count
    congress = congress_in_session(ordinal=13, total=5, present=5)
    response = client.post(
        reverse("congress-api:vote-list"), {**payload, "congress": congress.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["voters"] == 5 and response.json()["adopted"] is False
    listed = client.get(reverse("congress-api:vote-list"), {"congress": closed.pk}).json()
    assert listed["count"] == Vote.objects.filter(congress=closed).count() >= 5


def test_api_refuses_to_change_or_delete_a_closed_congress(closed, demo):
    client = _api(demo["admin"])
    url = reverse("congress-api:congress-detail", args=[closed.pk])
    response = client.patch(url, {"venue": "Địa điểm khác"}, format="json")
    assert response.status_code == 400 and MESSAGE in str(response.json())
    response = client.delete(url)
    assert response.status_code == 400 and MESSAGE in str(response.json())
    closed.refresh_from_db()
    assert closed.venue != "Địa điểm khác"
