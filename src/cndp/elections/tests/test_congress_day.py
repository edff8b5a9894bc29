"""Congress day (issue 13) for the elections: the minutes read like the official template, the decision
offers only what the outcome allows, the election page can be edited, the counting board's home points to
the election being counted."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cndp.congress.models import Congress
from cndp.core.tests.pdf import pdf_text
from cndp.elections.choices import Decision
from cndp.elections.forms import DecisionForm
from cndp.elections.models import Election

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(client_for):
    election = Election.objects.get(congress__ordinal=3, kind="committee", round_number=1)
    response = client_for("counting_board").get(reverse("elections:minutes", args=[election.pk]))
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    return election, " ".join(pdf_text(content).split()), pdf_text(content, layout=True)


def test_minutes_state_attendance_seats_and_candidates(minutes):
    election, text, _layout = minutes
    present = election.congress.delegates.filter(present=True)
    assert f"Số đại biểu có mặt: {present.count()}" in text
    assert f"số đại biểu có quyền biểu quyết có mặt: {present.filter(is_official=True).count()}" in text
    assert f"Số lượng cần bầu: {election.seats}" in text
    assert f"số người trong danh sách bầu cử: {len(election.result['candidates'])}" in text
    assert "kiểm phiếu bầu Ban Chấp hành theo" in text and "bầu ban chấp hành" not in text


def test_minutes_times_dates_and_chain_are_readable(minutes):
    election, text, _layout = minutes
    start = re.search(r"Vào hồi (\d\d) giờ (\d\d) phút", text).groups()
    end = re.search(r"lập xong hồi (\d\d) giờ (\d\d) phút", text).groups()
    assert start < end  # a real start and end, not one time twice
    assert "SHA-256" not in text and election.chain_fingerprint not in text.replace(" ", "")
    assert election.chain_head in text
    assert re.search(r"ngày \d\d tháng 6 năm 2015", text) and "tháng 06" not in text


def test_minutes_header_and_signatures_hold_together(minutes):
    _election, _text, layout = minutes
    pages = layout.split("\f")
    lines = [line for page in pages for line in page.splitlines()]
    assert any("ĐỊA PHƯƠNG" in line for line in lines)  # never "ĐỊA" / "PHƯƠNG" on two lines
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in line for line in lines)
    signed = [page for page in pages if "TRƯỞNG BAN KIỂM PHIẾU" in page]
    assert len(signed) == 1 and "Biên bản lập xong" in signed[0]  # the signatures never alone on a page


@pytest.mark.parametrize(
    ("outcome", "offered"),
    [
        ("tie", {Decision.TIE_REVOTE, Decision.STOP}),
        ("shortfall", {Decision.FURTHER_ROUND, Decision.STOP}),
    ],
)
def test_decision_offers_only_what_the_outcome_allows_and_no_default(outcome, offered):
    field = DecisionForm(outcome=outcome).fields["decision"]
    values = [value for value, _label in field.choices]
    assert values[0] == "" and set(values[1:]) == {str(v) for v in offered}
    assert not DecisionForm({"decision": "", "note": "x"}, outcome=outcome).is_valid()
    assert not DecisionForm({"decision": "tie_revote", "note": "x"}, outcome="shortfall").is_valid()


def test_election_page_offers_edit_while_preparing(client_for, demo):
    congress = Congress.objects.get(ordinal=5)
    election = Election.objects.create(congress=congress, kind="inspection_committee", seats=3)
    page = client_for("party_officer").get(election.get_absolute_url()).content.decode()
    assert reverse("elections:election_edit", args=[election.pk]) in page
    assert re.search(
        r'Nguồn giới thiệu <span class="text-danger" aria-hidden="true">\*</span>', page
    )  # required: starred
    certified = Election.objects.get(congress__ordinal=3, kind="committee", round_number=1)
    assert (
        reverse("elections:election_edit", args=[certified.pk])
        not in client_for("party_officer").get(certified.get_absolute_url()).content.decode()
    )


def test_counting_board_home_points_to_the_election_being_counted(client_for):
    counting = Election.objects.get(status="counting")
    client = client_for("counting_board")
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-counting"' in page and counting.get_absolute_url() in page
    leader = client_for("leader").get(reverse("home")).content.decode()
    assert 'data-testid="home-counting"' not in leader


def test_recount_box_is_labelled(setup):
    from django.test import Client

    from .test_integrity import _count, _count_ready

    _count_ready(setup)
    election = _count(setup)
    client = Client()
    client.force_login(setup["head"])
    page = client.get(election.get_absolute_url()).content.decode()
    assert re.search(r'<label[^>]*for="id_reason"[^>]*>Lý do kiểm phiếu lại', page)


def test_history_shows_labels_not_codes_or_ids(client_for):
    election = Election.objects.get(status="counting")
    page = client_for("party_officer").get(reverse("elections:election_history", args=[election.pk]))
    text = page.content.decode()
    assert "Đang kiểm phiếu" in text and "Đã thông qua danh sách" in text
    assert "list_adopted" not in text and ">counting<" not in text
    clerk = re.search(r"Người nhập A</strong>: <span[^>]*>—</span> → ([^<]*)<", text).group(1)
    assert clerk == str(election.clerk_a) and clerk != str(election.clerk_a_id)  # a name, not an id
    assert re.search(r"Không tán thành</strong>: <span[^>]*>—</span> → 0<", text)  # 0 is a number, not "—"
