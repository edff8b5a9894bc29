"""Fixtures of the election tests."""

import pytest

from .factories import election_with_board


@pytest.fixture
def setup(demo):
    """A congress with everyone checked in, a three-member board, an election for 3 seats from 4."""
    return election_with_board(officer=demo["party_officer"], head_user=demo["counting_board"])
