import pytest

from newcourse.crypto import (
    Credential,
    Election,
    InvalidBallot,
    InvalidEncoding,
    InvalidProof,
    Manifest,
    Question,
    ballot_encrypt,
    base_mul,
    check_audited_ballot,
    check_ballot,
    credential_generate,
    seeded_scalars,
)
from newcourse.crypto._ballot import AuditedBallot

RNG = seeded_scalars(b"ballot-tests")
SECRET_KEY = RNG()
PAIRS = sorted(
    (credential_generate(w, RNG) for w in (1, 2, 1)), key=lambda pair: pair[1].key.encoded
)
MANIFEST = Manifest(
    "ballot-test",
    "Ballot tests",
    (Question("Chair", ("Ada", "Bea", "Cal"), 1, 1), Question("Budget", ("Up", "Down"), 0, 3, 2)),
    "2026-01-01T00:00:00Z",
    "2026-01-02T00:00:00Z",
    1,
    1,
)
ELECTION = Election(
    MANIFEST,
    base_mul(SECRET_KEY),
    ((base_mul(SECRET_KEY),),),
    tuple(c for _, c in PAIRS),
    bytes(32),
)


def _ballot(marks=((0, 1, 0), (2, 1)), pair=0) -> AuditedBallot:
    return ballot_encrypt(
        election=ELECTION, credential_secret=PAIRS[pair][0], marks=[list(m) for m in marks], rng=RNG
    )


def test_ballot_valid_ballot_is_accepted_from_json() -> None:
    audited = _ballot()
    assert check_ballot(ELECTION, audited.ballot.to_json()) == audited.ballot


def test_ballot_audited_ballot_opens_to_its_marks() -> None:
    audited = _ballot()
    check_audited_ballot(ELECTION, audited)
    assert AuditedBallot.from_json(audited.to_json()) == audited


def test_ballot_cumulative_marks_above_per_option_maximum_cannot_be_encrypted() -> None:
    with pytest.raises(ValueError, match="outside the range"):
        _ballot(marks=((0, 1, 0), (3, 0)))


def test_ballot_for_another_election_is_rejected() -> None:
    other = Election(
        MANIFEST,
        ELECTION.key,
        ELECTION.commitments,
        (*ELECTION.credentials, Credential(base_mul(RNG()), 1)),
        bytes(32),
    )
    with pytest.raises(InvalidBallot, match="another election"):
        check_ballot(other, _ballot().ballot)


def test_ballot_with_unlisted_credential_is_rejected() -> None:
    stranger, _ = credential_generate(1, RNG)
    ballot = ballot_encrypt(
        election=ELECTION, credential_secret=stranger, marks=[[1, 0, 0], [0, 0]], rng=RNG
    ).ballot
    with pytest.raises(InvalidBallot, match="not on the published list"):
        check_ballot(ELECTION, ballot)


def test_ballot_with_missing_field_is_an_encoding_error() -> None:
    data = _ballot().ballot.to_json()
    del data["signature"]
    with pytest.raises(InvalidEncoding, match="signature"):
        check_ballot(ELECTION, data)


def test_ballot_with_wrong_number_of_options_is_rejected() -> None:
    data = _ballot().ballot.to_json()
    data["answers"][0]["choices"].pop()
    with pytest.raises(InvalidBallot, match="wrong number of options"):
        check_ballot(ELECTION, data)


def test_ballot_with_swapped_answers_fails_its_proofs() -> None:
    data = _ballot().ballot.to_json()
    choices = data["answers"][0]["choices"]
    choices[0], choices[1] = choices[1], choices[0]
    with pytest.raises(InvalidProof, match="question 0 option 0: range proof"):
        check_ballot(ELECTION, data)


def test_ballot_tracker_differs_between_two_encryptions_of_the_same_marks() -> None:
    assert _ballot().ballot.tracker() != _ballot().ballot.tracker()
