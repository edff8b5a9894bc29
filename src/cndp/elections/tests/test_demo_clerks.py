"""The demo shows double entry: `cndp demo` prints a working login for each counting clerk, and the two
clerks of the demo's live congress can log in and enter the same ballots independently."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from cndp.core.demo import DEMO_PASSWORD, print_logins
from cndp.elections import demo as elections_demo
from cndp.elections.choices import ElectionStatus
from cndp.elections.models import BallotEntry, Election

pytestmark = pytest.mark.django_db


def visitor(username) -> Client:
    """Log in through the login page, as a visitor would with the printed login."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"
    return client


def test_the_demo_prints_a_working_login_for_each_counting_clerk(demo):
    out = io.StringIO()
    print_logins(out)
    printed = out.getvalue()
    clerks = elections_demo.logins()
    assert [part for _u, part, _n in clerks] == ["nhập phiếu A", "nhập phiếu B"]
    election = Election.objects.get(congress__ordinal=elections_demo.LIVE_ORDINAL, kind="delegates")
    assert [u for u, _p, _n in clerks] == [election.clerk_a.username, election.clerk_b.username]
    for username, part, full_name in clerks:
        line = next(line for line in printed.splitlines() if line.split()[:1] == [username])
        assert part in line and full_name in line
        visitor(username)
    assert f"mật khẩu / password: {DEMO_PASSWORD}" in printed


def test_a_visitor_can_run_a_double_entry_as_the_two_clerks(demo):
    election = Election.objects.get(congress__ordinal=elections_demo.LIVE_ORDINAL, kind="delegates")
    assert election.status == ElectionStatus.COUNTING and election.ballots_issued == 12
    assert not election.congress.is_closed
    url = reverse("elections:entry", args=[election.pk])
    for username, _part, _name in elections_demo.logins():
        client = visitor(username)
        assert client.get(url).status_code == 200
        response = client.post(url, {"number": 1, "text": "1 2"}, HTTP_HX_REQUEST="true")
        assert "Đã lưu phiếu số 1." in response.content.decode()
    assert sorted(BallotEntry.objects.filter(election=election).values_list("clerk", flat=True)) == ["A", "B"]
