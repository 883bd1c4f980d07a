"""Voting credentials: a ballot counts only from the member its credential was issued to."""

import pytest

from newcourse import crypto
from newcourse.refusals import NotPermitted
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.models import AuditedBallot, BoardEntry


def test_a_ballot_signed_with_another_members_code_is_refused_from_my_session(
    open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    owner, other = verifiable_voters[0], verifiable_voters[1]
    secret = crypto.credential_from_code(election.verification.record_id, codes[owner.person.email])
    opened = crypto.ballot_encrypt(
        election=verifiable.crypto_election(election), credential_secret=secret, marks=[[1, 0, 0]]
    )

    with pytest.raises(NotPermitted, match="not issued to you"):
        verifiable_services.board_cast(
            election=election, member=other, ballot=opened.ballot.to_json()
        )
    with pytest.raises(NotPermitted, match="not issued to you"):
        verifiable_services.board_audit(election=election, member=other, audited=opened.to_json())

    assert BoardEntry.objects.filter(election=election).count() == 0
    assert AuditedBallot.objects.filter(election=election).count() == 0
    assert not election.electors.get(member=other).has_voted
    assert not election.electors.get(member=owner).has_voted


def test_the_member_the_credential_was_issued_to_votes_with_it(
    open_verifiable_election, verifiable_voters
):
    election, _directories, codes = open_verifiable_election
    owner = verifiable_voters[0]
    secret = crypto.credential_from_code(election.verification.record_id, codes[owner.person.email])
    opened = crypto.ballot_encrypt(
        election=verifiable.crypto_election(election), credential_secret=secret, marks=[[1, 0, 0]]
    )
    verifiable_services.board_cast(election=election, member=owner, ballot=opened.ballot.to_json())
    assert election.electors.get(member=owner).has_voted
