"""The demo's elections (`newcourse.demo.elections`), played through `newcourse.demo.tellers`."""

import stat

import pytest
from django.core import mail
from django.core.management import call_command

from newcourse import crypto, demo
from newcourse.demo.tellers import CODE, cast
from newcourse.elections.models import Election, ElectionStatus, PetitionStatus, RecallPetition
from newcourse.offices.models import Office
from newcourse.organisation.models import Member
from newcourse.record.models import RecordEntry
from newcourse.record.services import actor_label
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import BoardEntry


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_has_declared_stv_election_open_election_and_petition(seeded):
    declared = Election.objects.get(status="declared", verifiable=False)
    assert (declared.method, declared.seats) == ("scottish-stv", 5)
    assert declared.ballots.count() >= 100
    assert len(declared.result["elected"]) == 5
    assert Election.objects.filter(status="voting", verifiable=False).count() == 1
    petition = RecallPetition.objects.get()
    assert petition.status == PetitionStatus.COLLECTING
    assert 1 < petition.signatures.count() < petition.threshold


def test_demo_has_glasgow_tellers_and_a_declared_verifiable_election_whose_record_verifies(
    seeded, home, tmp_path_factory
):
    tellers = Office.objects.get(body__slug="glasgow", kind="tellers")
    assert tellers.terms.count() == 5
    election = Election.objects.get(verifiable=True, status=ElectionStatus.DECLARED)
    assert (election.office.body.slug, election.method) == ("glasgow", "plurality")
    assert election.encrypted and election.result["elected"]
    assert election.verification.threshold == 3
    shares = verifiable.messages_of(election, "decryption-share")
    assert sorted(s["teller"] for s in shares) == [1, 2, 4]
    board = BoardEntry.objects.filter(election=election)
    assert board.count() >= 24
    assert board.filter(supersedes__isnull=False).count() == 1  # one revote
    assert election.audited.count() == 1
    for n in range(1, 6):
        assert (home / "demo-tellers" / f"election-{election.pk}" / f"teller-{n}").is_dir()

    out = tmp_path_factory.mktemp("record")
    for name, data in verifiable.record_bytes(election).items():
        (out / name).write_bytes(data)
    report = crypto.verify_record(out, processes=1)
    assert report.totals == tuple(tuple(row) for row in election.verification.totals)


def test_demo_prints_a_credential_that_casts_a_ballot_in_the_open_verifiable_election(
    db, home, capsys
):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    election = Election.objects.get(verifiable=True, status=ElectionStatus.VOTING)
    assert election.office.body.slug == "glasgow" and election.encrypted
    printed = CODE.findall(out)
    assert len(printed) == 1
    (code,) = printed
    assert f"Voting credential of member@glasgow.example: {code}" in out
    assert CODE.findall((home / "demo-credential.txt").read_text(encoding="utf-8")) == [code]
    assert stat.S_IMODE((home / "demo-credential.txt").stat().st_mode) == 0o600
    directories = home / "demo-tellers" / f"election-{election.pk}"
    assert f"{directories}:" in out
    assert f"newcourse teller decrypt {directories}/teller-1 for-tellers.zip" in out
    assert (directories / "teller-1" / "teller-secret.json").exists()
    assert not mail.outbox  # the server sends no code: the authority delivers them
    assert "The demo plays the credential authority" in out
    uploaded = RecordEntry.objects.get(
        action="election.credentials_uploaded", subject=f"election:{election.pk}"
    )
    authority = Member.objects.get(person__email="secretary@glasgow.example").person
    assert uploaded.actor == actor_label(authority)
    assert uploaded.payload["credentials"] == election.voter_credentials.count()

    member = Member.objects.get(person__email="member@glasgow.example")
    assert not election.electors.get(member=member).has_voted
    before = BoardEntry.objects.filter(election=election).count()
    tracker = cast(election, member, code, [0, 1, 0])
    assert BoardEntry.objects.filter(election=election).count() == before + 1
    assert BoardEntry.objects.filter(election=election, tracker=tracker).exists()
    assert election.electors.get(member=member).has_voted

    call_command("demo", "--no-serve")  # reused: the same credential is printed again
    assert CODE.findall(capsys.readouterr().out) == [code]
