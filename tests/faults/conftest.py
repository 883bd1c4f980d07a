"""An election open for voting with many electors, each holding an API token."""

from __future__ import annotations

from typing import Any

import pytest

from newcourse.accounts.tokens import api_token_create

from .harness import Voter

ELECTORS = 120


@pytest.fixture
def election_with_voters(tree, make_member, voting_election) -> tuple[Any, list[int], list[Voter]]:
    members = [make_member(tree["north"]) for _ in range(ELECTORS)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    ranking = list(election.candidates.values_list("pk", flat=True))
    voters = [
        Voter(token=api_token_create(email=member.person.email, name="faults")[1])
        for member in members
    ]
    return election, ranking, voters
