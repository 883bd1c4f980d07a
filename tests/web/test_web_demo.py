import os
import stat
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command

from newcourse.crypto._verify_cli import main as verify_main
from newcourse.elections import verifiable
from newcourse.organisation.models import Body, Member, MembershipEvent
from newcourse.record import selectors
from newcourse.web import demo
from newcourse.web.demo_tellers import CODE, cast


@pytest.fixture
def seeded(db, home):
    demo.demo_seed()


def test_demo_builds_the_federated_tree(seeded):
    kinds = list(Body.objects.order_by("kind").values_list("kind", flat=True))
    assert (kinds.count("International"), kinds.count("Section")) == (1, 2)
    assert (kinds.count("Region"), kinds.count("Branch")) == (4, 8)


def test_demo_has_about_three_hundred_members_with_histories(seeded):
    assert 290 <= Member.objects.count() <= 310
    kinds = set(MembershipEvent.objects.values_list("kind", flat=True))
    assert {"joined", "transferred", "lapsed", "resigned", "expelled", "standing"} <= kinds


def test_demo_record_is_filled_and_intact(seeded):
    assert selectors.record_verify().count > 300


def test_demo_logins_work(seeded):
    for login in demo.demo_logins():
        assert authenticate(username=login.email, password=demo.DEMO_PASSWORD) is not None


def test_demo_is_deterministic(tmp_path):
    """Two fresh installations seeded by the CLI hold the same members, numbers and histories."""
    rosters = []
    for name in ["first", "second"]:
        env = {**os.environ, "NEWCOURSE_HOME": str(tmp_path / name)}
        env.pop("DATABASE_URL", None)
        newcourse = [sys.executable, "-m", "newcourse"]
        subprocess.run([*newcourse, "demo", "--no-serve"], env=env, check=True, capture_output=True)
        exported = subprocess.run(
            [*newcourse, "members", "export"], env=env, check=True, capture_output=True, text=True
        )
        rosters.append(exported.stdout)
    assert rosters[0] == rosters[1]
    assert len(rosters[0].splitlines()) > 290


def test_demo_command_twice_reuses_data(db, home, capsys):
    call_command("demo", "--no-serve")
    count = Member.objects.count()
    call_command("demo", "--no-serve")
    assert Member.objects.count() == count
    assert "Reusing the demo data" in capsys.readouterr().out


def test_demo_has_declared_stv_election_open_election_and_petition(seeded):
    from newcourse.elections.models import Election, PetitionStatus, RecallPetition

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
    from newcourse.elections.models import BoardEntry, Election, ElectionStatus
    from newcourse.offices.models import Office

    tellers = Office.objects.get(body__slug="glasgow", kind="tellers")
    assert tellers.terms.count() == 5
    election = Election.objects.get(verifiable=True, status=ElectionStatus.DECLARED)
    assert (election.office.body.slug, election.method) == ("glasgow", "plurality")
    assert election.encrypted and election.result["elected"]
    assert election.crypto["threshold"] == 3
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
    assert verify_main([str(out), "--processes", "1"]) == 0


def test_demo_prints_a_credential_that_casts_a_ballot_in_the_open_verifiable_election(
    db, home, capsys
):
    from newcourse.elections.models import BoardEntry, Election, ElectionStatus

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
    assert not mail.outbox  # the credential emails were taken and dropped, never sent

    member = Member.objects.get(person__email="member@glasgow.example")
    assert not election.electors.get(member=member).has_voted
    before = BoardEntry.objects.filter(election=election).count()
    tracker = cast(election, member, code, [0, 1, 0])
    assert BoardEntry.objects.filter(election=election).count() == before + 1
    assert BoardEntry.objects.filter(election=election, tracker=tracker).exists()
    assert election.electors.get(member=member).has_voted

    call_command("demo", "--no-serve")  # reused: the same credential is printed again
    assert CODE.findall(capsys.readouterr().out) == [code]
