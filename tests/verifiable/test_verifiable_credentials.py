"""Voting credentials: made and delivered by the body's credential authority on their own
machine, only the public credentials handed to the server, each tied to its member; a ballot
counts only from the member its credential was issued to."""

import datetime
import json

import pytest
from django.db import DatabaseError, connection, transaction

from newcourse import crypto
from newcourse.demo.tellers import play_credential_authority, run_key_ceremony
from newcourse.elections import access, services
from newcourse.elections.models import ElectionStatus
from newcourse.elections.selectors import electors_for_authority, waiting_for_credentials
from newcourse.organisation.models import Member
from newcourse.record.models import RecordEntry
from newcourse.refusals import InvalidInput, NotPermitted, OutsideWindow
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.models import AuditedBallot, BoardEntry

HOUR = datetime.timedelta(hours=1)


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


# The credential authority: codes on their machine, public credentials to the server.


def ceremony_done(election, home):
    run_key_ceremony(election, home / "tellers")
    return election


def public_file(election, numbers=None):
    """What `newcourse credentials generate` writes for the electors named (all by default)."""
    electors = crypto.ElectorsList.from_json(electors_for_authority(election))
    if numbers is not None:
        chosen = tuple(e for e in electors.electors if e.number in numbers)
        electors = crypto.ElectorsList(electors.election_id, electors.title, chosen)
    public, letters = crypto.credentials_generate(electors)
    return public, letters


def test_voting_waits_for_the_credential_authority(
    tellers, schedule_verifiable, credential_authority, home
):
    election = ceremony_done(schedule_verifiable(), home)
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.NOMINATIONS
    assert waiting_for_credentials(election)
    play_credential_authority(election, credential_authority)
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.VOTING and election.encrypted


def test_without_credentials_by_the_close_the_vote_is_a_secret_ballot_and_says_why(
    tellers, schedule_verifiable, home
):
    election = ceremony_done(schedule_verifiable(), home)
    late = election.voting_closes_at + HOUR
    election = services.election_advance(election=election, now=late)
    assert not election.verifiable
    opened = RecordEntry.objects.get(
        action="election.voting_opened", subject=f"election:{election.pk}"
    )
    assert opened.payload["not_verifiable_because"] == (
        "the credential authority did not hand in the voters' credentials before voting was "
        "due to close"
    )


def test_the_upload_is_recorded_with_counts_and_a_digest_never_a_code(
    tellers, schedule_verifiable, credential_authority, home
):
    election = schedule_verifiable()
    public, letters = public_file(election)
    summary = services.credentials_upload(
        election=election, person=credential_authority.person, document=public
    )
    electorate = Member.objects.in_good_standing().within(election.office.body).count()
    assert summary["uploaded"] == summary["credentials"] == len(letters) == electorate
    entry = RecordEntry.objects.get(
        action="election.credentials_uploaded", subject=f"election:{election.pk}"
    )
    assert set(entry.payload) == {"uploaded", "credentials", "electorate", "sha256"}
    text = json.dumps(entry.payload)
    assert not any(letter.code in text for letter in letters)
    assert not any(letter.code in json.dumps(public) for letter in letters)


def test_only_the_credential_authority_may_upload_or_read_the_electors(
    tellers, schedule_verifiable, verifiable_voters, credential_authority
):
    election = schedule_verifiable()
    public, _letters = public_file(election)
    for person in (verifiable_voters[0].person, tellers[0].person):
        with pytest.raises(NotPermitted, match="credential authority"):
            services.credentials_upload(election=election, person=person, document=public)
        with pytest.raises(NotPermitted):
            access.credential_authority_acting(election=election, person=person)
    assert election.voter_credentials.count() == 0


@pytest.mark.parametrize(
    "spoil, refusal",
    [
        (lambda d, o: d["credentials"].append(dict(d["credentials"][0])), "already holds"),
        (lambda d, o: d["credentials"][1].update(key=d["credentials"][0]["key"]), "repeats"),
        (lambda d, o: d["credentials"][0].update(number=o.number), "not an elector"),
        (lambda d, o: d["credentials"][0].update(key="00" * 32), "not a valid key"),
        (lambda d, o: d["credentials"][0].update(key="AB" * 32), "not a valid key"),
        (lambda d, o: d["credentials"][0].update(weight=5), "weight 1"),
        (lambda d, o: d.update(election_id="another"), "for election another"),
        (lambda d, o: d.update(format="newcourse-credentials/1"), "not a public credentials"),
    ],
)
def test_a_spoilt_credentials_file_is_refused_whole(
    tellers, schedule_verifiable, credential_authority, tree, make_member, spoil, refusal
):
    election = schedule_verifiable()
    outsider = make_member(tree["international"], name="Outsider")
    public, _letters = public_file(election)
    spoil(public, outsider)
    with pytest.raises(InvalidInput, match=refusal):
        services.credentials_upload(
            election=election, person=credential_authority.person, document=public
        )
    assert election.voter_credentials.count() == 0


def test_a_member_who_becomes_an_elector_later_gets_a_credential_before_voting_opens(
    tellers, schedule_verifiable, credential_authority, tree, make_member, home
):
    election = ceremony_done(schedule_verifiable(), home)
    first = play_credential_authority(election, credential_authority)
    newcomer = make_member(tree["south"], name="Newcomer")
    electors = electors_for_authority(election)["electors"]
    assert [e["number"] for e in electors if not e["issued"]] == [newcomer.number]
    second = play_credential_authority(election, credential_authority)
    assert list(second) == [newcomer.person.email]
    election = services.election_advance(election=election)
    assert election.voter_credentials.count() == len(first) + 1 == election.electorate_size
    with pytest.raises(OutsideWindow):
        services.credentials_upload(
            election=election,
            person=credential_authority.person,
            document=public_file(election, numbers=[newcomer.number])[0],
        )


def test_credentials_of_members_no_longer_electors_are_withdrawn_when_voting_opens(
    tellers, schedule_verifiable, verifiable_voters, credential_authority, home
):
    election = ceremony_done(schedule_verifiable(), home)
    play_credential_authority(election, credential_authority)
    leaver = verifiable_voters[4]
    leaver.status = "lapsed"
    leaver.save()
    election = services.election_advance(election=election)
    assert not election.voter_credentials.filter(member=leaver).exists()
    assert election.voter_credentials.count() == election.electorate_size
    opened = RecordEntry.objects.get(
        action="election.voting_opened", subject=f"election:{election.pk}"
    )
    assert opened.payload["credentials"] == election.electorate_size
    assert opened.payload["credentials_withdrawn"] == 1


def test_an_elector_given_no_code_is_told_so_and_counted_beside_the_electorate(
    tellers, schedule_verifiable, verifiable_voters, credential_authority, home
):
    election = ceremony_done(schedule_verifiable(), home)
    everyone = [e["number"] for e in electors_for_authority(election)["electors"]]
    left_out = verifiable_voters[2].number
    public, _letters = public_file(election, numbers=[n for n in everyone if n != left_out])
    services.credentials_upload(
        election=election, person=credential_authority.person, document=public
    )
    election = services.election_advance(election=election)
    assert election.electorate_size == election.voter_credentials.count() + 1


def test_once_voting_opens_no_credential_can_be_withdrawn_even_by_sql(open_verifiable_election):
    """The list is fixed in the fingerprint; on PostgreSQL a trigger refuses the change too."""
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's")
    election, _directories, _codes = open_verifiable_election
    refused = pytest.raises(DatabaseError, match="append-only once voting opens")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM verifiable_votercredential WHERE election_id = %s", [election.pk]
        )
    assert election.voter_credentials.count() == election.electorate_size
