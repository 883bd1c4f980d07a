"""What needs a member, on their home page: a vote where they are an elector ("you voted"
once they have), a nomination of theirs to accept, nominations open where they may nominate;
soonest deadline first, each linking to where it is done."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from newcourse.elections import services as election_services
from newcourse.elections.selectors import needs_of
from newcourse.offices import services as office_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(tree, make_member):
    return [make_member(tree["north"]) for _ in range(5)]


@pytest.fixture
def election(tree, members, voting_election):
    return voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )


def test_an_elector_is_asked_to_vote_then_told_they_voted(election, members):
    (need,) = needs_of(members[4])
    assert (need.kind, need.election, need.done) == ("vote", election, False)

    election_services.ballot_cast(
        election=election, member=members[4], choices=[str(election.candidates.first().pk)]
    )

    (need,) = needs_of(members[4])
    assert (need.kind, need.done) == ("vote", True)


def test_a_nominee_is_asked_to_accept_and_the_electorate_to_nominate(tree, members):
    now = timezone.now()
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title="Treasurer"
    )
    election = election_services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - datetime.timedelta(hours=1),
        nominations_close_at=now + datetime.timedelta(days=3),
        voting_opens_at=now + datetime.timedelta(days=3),
        voting_closes_at=now + datetime.timedelta(days=6),
    )
    election_services.election_advance(election=election, now=now)
    election_services.candidate_nominate(
        nominator=members[1], election=election, candidate=members[0]
    )

    assert [(n.kind, n.done) for n in needs_of(members[0])] == [
        ("accept", False),
        ("nominations", False),
    ]
    assert [n.kind for n in needs_of(members[1])] == ["nominations"]


def test_the_home_page_lists_what_needs_you(client, election, members):
    client.force_login(members[4].person)
    page = client.get("/").content.decode()
    assert "What needs you" in page
    assert f'href="/elections/{election.pk}/vote/"' in page
