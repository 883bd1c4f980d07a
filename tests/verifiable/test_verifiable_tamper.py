"""A verifiable election tampered with in the database: every stored part that the fingerprint
or the verifier covers, changed by hand, is caught when it is read back. The election page,
the voting page, the API and `newcourse election` answer with the verifier's check and what
failed (a refusal: 409, exit code 2), never a server error, and nothing is written."""

import contextlib
import datetime
import functools
import html
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from newcourse import crypto
from newcourse.demo.tellers import cast, run_decryption
from newcourse.elections import services
from newcourse.elections.models import Election, ElectionStatus
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.errors import StoredElectionTampered
from newcourse.verifiable.models import (
    BoardEntry,
    TellerMessage,
    TellerStep,
    VerifiableElection,
    VoterCredential,
)

HOUR = datetime.timedelta(hours=1)
FINGERPRINT_CHECK = "“parameters and fingerprint”: "
CHAIN_CHECK = "“board hash chain”: "


@pytest.fixture
def teller_count():
    return 3


@pytest.fixture
def fresh_process(monkeypatch):
    """Forget what this process has built and checked, as a newly started worker would."""

    def forget():
        monkeypatch.setattr(verifiable, "_cache", {})
        monkeypatch.setattr(verifiable, "_checked", {})

    return forget


@pytest.fixture
def open_with_ballots(open_verifiable_election, verifiable_voters):
    """Voting open; Voters 0, 1 and 2 have cast a ballot each, Voter 2 twice (a revote)."""
    election, directories, codes = open_verifiable_election
    code = {m.pk: codes[m.person.email] for m in verifiable_voters}
    for member, marks in zip(verifiable_voters[:3], ([1, 0, 0], [0, 1, 0], [0, 0, 1]), strict=True):
        cast(election, member, code[member.pk], marks)
    cast(election, verifiable_voters[2], code[verifiable_voters[2].pk], [1, 0, 0])
    return election, directories


@pytest.fixture
def declared(open_with_ballots):
    """The same election closed, decrypted by tellers 1 and 3, declared."""
    election, directories = open_with_ballots
    election = services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    run_decryption(election, directories, present=[1, 3])
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED
    return election


# The tamperings: each changes one stored part and returns the message it must be caught with.


@contextlib.contextmanager
def triggers_off():
    """On PostgreSQL the board and the tellers' files are append-only by trigger; a tamperer
    with the database's superuser can switch triggers off, and so does this."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def by_hand(tamper):
    @functools.wraps(tamper)
    def tampered(election):
        with triggers_off():
            return tamper(election)

    return tampered


def _update_verification(election, **changes):
    VerifiableElection.objects.filter(pk=election.pk).update(**changes)


@by_hand
def tamper_manifest(election):
    manifest = {**election.verification.manifest, "title": "Another election"}
    _update_verification(election, manifest=manifest)
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_manifest_beyond_reading(election):
    manifest = dict(election.verification.manifest)
    del manifest["questions"]
    _update_verification(election, manifest=manifest)
    return FINGERPRINT_CHECK + (
        "the stored election cannot be read: malformed manifest: KeyError('questions')"
    )


@by_hand
def tamper_election_key(election):
    other = crypto.base_mul(crypto.random_scalar()).hex()
    _update_verification(election, election_key=other)
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_fingerprint(election):
    fingerprint = election.verification.fingerprint
    flipped = ("0" if fingerprint[0] != "0" else "1") + fingerprint[1:]
    _update_verification(election, fingerprint=flipped)
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_qualified(election):
    _update_verification(election, qualified=election.verification.qualified[:-1])
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_teller_message(election):
    message = TellerMessage.objects.get(
        teller__election=election, teller__index=2, kind=TellerStep.COMMITMENT
    )
    TellerMessage.objects.filter(pk=message.pk).update(
        document={**message.document, "commitment": "ab" * 32}
    )
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_credential(election):
    credential = VoterCredential.objects.filter(election=election).order_by("key").first()
    VoterCredential.objects.filter(pk=credential.pk).update(weight=credential.weight + 1)
    return FINGERPRINT_CHECK + "the stored election does not match its fingerprint"


@by_hand
def tamper_board_entry(election):
    """Entry 0 made to hold entry 1's ballot, its tracker and hash left as they were."""
    first, second = BoardEntry.objects.filter(election=election).order_by("seq")[:2]
    BoardEntry.objects.filter(pk=first.pk).update(ballot=second.ballot)
    return CHAIN_CHECK + "entry 0: tracker is not its ballot's"


@by_hand
def tamper_board_chain(election):
    """Entry 1's hash replaced: entry 2 no longer follows it."""
    BoardEntry.objects.filter(election=election, seq=1).update(hash="cd" * 32)
    return CHAIN_CHECK + "entry 1: hash does not match its contents"


TAMPERINGS = [
    tamper_manifest,
    tamper_manifest_beyond_reading,
    tamper_election_key,
    tamper_fingerprint,
    tamper_qualified,
    tamper_teller_message,
    tamper_credential,
    tamper_board_entry,
    tamper_board_chain,
]


def refusal_of(election, detail):
    return (
        f"Election {election.pk} as stored fails the verifier's check {detail}. It may have "
        "been tampered with: nothing is read from it or added to it until the tellers have "
        "looked into it."
    )


def on_page(election, detail):
    """The refusal as the page shows it (HTML-escaped)."""
    return html.escape(refusal_of(election, detail))


def command_refusal(*args):
    with pytest.raises(CommandError) as refused:
        call_command("election", *args, stdout=StringIO(), stderr=StringIO())
    assert refused.value.returncode == 2
    return str(refused.value)


# The election page, the voting page and the API.


@pytest.mark.parametrize("tamper", TAMPERINGS)
def test_election_page_of_a_tampered_declared_election_shows_the_verifiers_message(
    tamper, declared, client, verifiable_voters, fresh_process
):
    detail = tamper(declared)
    fresh_process()
    client.force_login(verifiable_voters[0].person)
    response = client.get(reverse("election", args=[declared.pk]))
    assert response.status_code == 409
    assert on_page(declared, detail) in response.content.decode()


@pytest.mark.parametrize("tamper", TAMPERINGS)
def test_voting_page_of_a_tampered_open_election_shows_the_verifiers_message(
    tamper, open_with_ballots, client, verifiable_voters, fresh_process
):
    election, _directories = open_with_ballots
    detail = tamper(election)
    fresh_process()
    client.force_login(verifiable_voters[3].person)
    for page in ["election", "vote"]:
        response = client.get(reverse(page, args=[election.pk]))
        assert response.status_code == 409, page
        assert on_page(election, detail) in response.content.decode(), page


@pytest.mark.parametrize("tamper", [tamper_manifest, tamper_credential, tamper_teller_message])
def test_api_of_a_tampered_open_election_answers_with_the_verifiers_message(
    tamper, open_with_ballots, client, verifiable_voters, fresh_process
):
    election, _directories = open_with_ballots
    detail = tamper(election)
    fresh_process()
    client.force_login(verifiable_voters[3].person)
    response = client.get(f"/api/v1/elections/{election.pk}/verifiable/")
    assert response.status_code == 409
    assert response.json()["detail"] == refusal_of(election, detail)


@pytest.mark.parametrize("tamper", [tamper_credential, tamper_board_entry])
@pytest.mark.parametrize("page", ["board", "election_record", "tellers_zip"])
def test_board_and_downloads_of_a_tampered_declared_election_show_the_verifiers_message(
    tamper, page, declared, client, verifiable_voters, fresh_process
):
    detail = tamper(declared)
    fresh_process()
    client.force_login(verifiable_voters[0].person)
    response = client.get(reverse(page, args=[declared.pk]))
    assert response.status_code == 409
    assert on_page(declared, detail) in response.content.decode()


def test_a_ballot_cast_into_a_tampered_election_is_refused_and_not_stored(
    open_verifiable_election, verifiable_voters, fresh_process
):
    election, _directories, codes = open_verifiable_election
    built = verifiable.crypto_election(election)
    voter = verifiable_voters[0]
    opened = crypto.ballot_encrypt(
        election=built,
        credential_secret=crypto.credential_from_code(
            election.verification.record_id, codes[voter.person.email]
        ),
        marks=[[1, 0, 0]],
    )
    detail = tamper_credential(election)
    fresh_process()
    with pytest.raises(StoredElectionTampered) as refused:
        verifiable_services.board_cast(
            election=election, member=voter, ballot=opened.ballot.to_json()
        )
    assert refused.value.message == refusal_of(election, detail)
    assert not BoardEntry.objects.filter(election=election).exists()


def test_a_change_to_the_election_row_is_seen_by_a_process_that_built_it_already(
    open_with_ballots, client, verifiable_voters
):
    election, _directories = open_with_ballots
    verifiable.crypto_election(election)  # built and cached by this process
    detail = tamper_manifest(election)
    client.force_login(verifiable_voters[3].person)
    response = client.get(reverse("vote", args=[election.pk]))
    assert response.status_code == 409
    assert on_page(election, detail) in response.content.decode()


def test_an_intact_election_page_is_served(declared, client, verifiable_voters, fresh_process):
    fresh_process()
    client.force_login(verifiable_voters[0].person)
    assert client.get(reverse("election", args=[declared.pk])).status_code == 200
    assert client.get(reverse("election", args=[declared.pk])).status_code == 200  # cached


# The command line.


@pytest.mark.parametrize("tamper", TAMPERINGS)
def test_election_record_of_a_tampered_election_fails_with_the_verifiers_message(
    tamper, declared, tmp_path, fresh_process
):
    detail = tamper(declared)
    fresh_process()
    out = tmp_path / "record"
    message = command_refusal("record", str(declared.pk), "--out", str(out))
    assert message == refusal_of(declared, detail)
    assert not out.exists()


@pytest.mark.parametrize("tamper", [tamper_fingerprint, tamper_teller_message, tamper_board_entry])
@pytest.mark.parametrize("action", ["tellers", "export"])
def test_other_election_commands_on_a_tampered_election_fail_with_the_verifiers_message(
    tamper, action, declared, tmp_path, fresh_process
):
    detail = tamper(declared)
    fresh_process()
    args = {"tellers": [], "export": ["--result", str(tmp_path / "result.json")]}[action]
    assert command_refusal(action, str(declared.pk), *args) == refusal_of(declared, detail)
    assert not (tmp_path / "result.json").exists()


def test_election_tick_leaves_a_tampered_election_closed_and_moves_on(
    open_with_ballots, fresh_process, caplog
):
    election, _directories = open_with_ballots
    tamper_board_entry(election)
    fresh_process()
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=election.voting_closes_at - 48 * HOUR,
        voting_opens_at=election.voting_opens_at - 48 * HOUR,
    )
    with pytest.raises(CommandError, match="1 step"):
        call_command("election", "tick", stdout=StringIO(), stderr=StringIO())
    election.refresh_from_db()
    assert election.status == ElectionStatus.VOTING
    assert f"Election {election.pk} could not take its next step" in caplog.text
