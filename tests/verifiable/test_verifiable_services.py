"""A verifiable election through the services: tellers fixed from the tellers office, the key
ceremony relayed, credentials from the credential authority, encrypted ballots checked before
the board, the count by three of five tellers, and a record that `newcourse verify` accepts."""

import datetime
import hashlib
import json

import pytest

from newcourse import crypto
from newcourse.crypto import teller_step_commit, teller_step_deal, teller_step_keygen
from newcourse.crypto._verify_cli import main as verify_main
from newcourse.demo.tellers import cast, run_decryption
from newcourse.elections import publication, services
from newcourse.elections.models import ElectionStatus
from newcourse.elections.services import teller_submit
from newcourse.offices import services as office_services
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidBallot, NotPermitted, OutsideWindow
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable import services as verifiable_services
from newcourse.verifiable.errors import InvalidTellerFile
from newcourse.verifiable.models import BoardEntry, TellerMessage

HOUR = datetime.timedelta(hours=1)


def test_tellers_are_the_holders_of_the_tellers_office(tellers, schedule_verifiable):
    election = schedule_verifiable()
    assert election.verifiable
    assert [t.member for t in election.tellers.order_by("index")] == tellers
    assert election.verification.tellers == 5 and election.verification.threshold == 3
    scheduled = RecordEntry.objects.get(
        action="election.scheduled", subject=f"election:{election.pk}"
    )
    assert scheduled.payload["verifiable"] is True


def test_without_elected_tellers_the_election_is_secret_and_says_why(schedule_verifiable):
    election = schedule_verifiable()
    assert not election.verifiable
    scheduled = RecordEntry.objects.get(
        action="election.scheduled", subject=f"election:{election.pk}"
    )
    assert "has 0 elected tellers" in scheduled.payload["not_verifiable_because"]


def test_voting_waits_for_the_key_ceremony(tellers, schedule_verifiable, open_verifiable):
    election = schedule_verifiable()
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.NOMINATIONS
    election, _directories, _codes = open_verifiable(election)  # the ceremony, then the opening
    assert election.status == ElectionStatus.VOTING
    assert election.encrypted
    assert election.voter_credentials.count() == election.electorate_size


def test_a_teller_cannot_hand_in_another_tellers_file_or_skip_a_step(
    tellers, verifiable_voters, schedule_verifiable, home
):
    election = schedule_verifiable()
    teller_step_keygen(
        home / "t1", election_id=election.verification.record_id, index=1, tellers=5, threshold=3
    )
    document = json.loads((home / "t1" / "public-key.json").read_text())
    with pytest.raises(InvalidTellerFile, match="teller 1; you are teller 2"):
        teller_submit(election=election, member=tellers[1], document=document)
    with pytest.raises(NotPermitted):
        teller_submit(election=election, member=verifiable_voters[0], document=document)
    with pytest.raises(InvalidTellerFile, match="not a teller's file"):
        teller_submit(election=election, member=tellers[0], document={"kind": "public-key"})
    other = dict(document, election_id="another")
    with pytest.raises(InvalidTellerFile, match="for election another"):
        teller_submit(election=election, member=tellers[0], document=other)
    teller_submit(election=election, member=tellers[0], document=document)
    with pytest.raises(AlreadyDone):
        teller_submit(election=election, member=tellers[0], document=document)
    early = {
        "format": "newcourse-teller/1",
        "kind": "commitment",
        "election_id": election.verification.record_id,
        "dealer": 1,
        "commitment": "00" * 32,
    }
    with pytest.raises(OutsideWindow, match="1 of 5"):
        teller_submit(election=election, member=tellers[0], document=early)
    assert TellerMessage.objects.filter(teller__election=election).count() == 1


def test_a_verifiable_election_end_to_end(open_verifiable_election, verifiable_voters, tmp_path):
    election, directories, codes = open_verifiable_election
    code = {v.pk: codes[v.person.email] for v in verifiable_voters}
    cast(election, verifiable_voters[0], code[verifiable_voters[0].pk], [1, 0, 0])
    cast(election, verifiable_voters[1], code[verifiable_voters[1].pk], [0, 1, 0], audit=True)
    cast(election, verifiable_voters[1], code[verifiable_voters[1].pk], [1, 0, 0])
    cast(election, verifiable_voters[2], code[verifiable_voters[2].pk], [0, 0, 1])
    # Voter 2 votes again: the revote counts.
    tracker = cast(election, verifiable_voters[2], code[verifiable_voters[2].pk], [0, 1, 0])
    assert BoardEntry.objects.filter(election=election).count() == 4

    later = election.voting_closes_at + HOUR
    services.election_advance(election=election, now=later)
    election.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED and election.counted_at is None
    run_decryption(election, directories, present=[2, 4])
    election.refresh_from_db()
    assert election.counted_at is None  # two of five cannot decrypt
    run_decryption(election, directories, present=[5])
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED
    assert election.verification.totals == [[2, 1, 0]]
    assert election.result["elected"] == [verifiable_voters[0].person.full_name]
    assert election.terms.get().member == verifiable_voters[0]

    out = tmp_path / "record"
    for name, data in verifiable.record_bytes(election).items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(data)
    assert verify_main([str(out), "--processes", "1", "--tracker", tracker]) == 0
    declared = RecordEntry.objects.get(
        action="election.declared", subject=f"election:{election.pk}"
    )
    index = (out / "index.json").read_bytes()

    assert declared.payload["election_record_sha256"] == hashlib.sha256(index).hexdigest()
    closed = RecordEntry.objects.get(action="election.closed", subject=f"election:{election.pk}")
    assert (
        closed.payload["board_head"]
        == json.loads((out / "aggregate.json").read_text())["board_head"]
    )


def test_the_server_refuses_what_the_verifier_would(
    open_verifiable_election, verifiable_voters, tree, make_member
):
    election, _directories, codes = open_verifiable_election
    code = codes[verifiable_voters[0].person.email]
    built = verifiable.crypto_election(election)
    secret = crypto.credential_from_code(election.verification.record_id, code)
    ballot = crypto.ballot_encrypt(election=built, credential_secret=secret, marks=[[1, 0, 0]])
    document = ballot.ballot.to_json()
    tampered = json.loads(json.dumps(document))
    tampered["answers"][0]["choices"][0]["alpha"] = document["answers"][0]["choices"][1]["alpha"]
    with pytest.raises(InvalidBallot, match="refused"):
        verifiable_services.board_cast(
            election=election, member=verifiable_voters[0], ballot=tampered
        )
    with pytest.raises(InvalidBallot, match="refused"):
        verifiable_services.board_cast(
            election=election, member=verifiable_voters[0], ballot={"answers": "nonsense"}
        )
    stranger = crypto.credential_from_code(
        election.verification.record_id, crypto.credential_code_new()
    )
    foreign = crypto.ballot_encrypt(election=built, credential_secret=stranger, marks=[[1, 0, 0]])
    with pytest.raises(InvalidBallot, match="not on the published list"):
        verifiable_services.board_cast(
            election=election, member=verifiable_voters[0], ballot=foreign.ballot.to_json()
        )
    outsider = make_member(tree["international"], name="Outsider")
    with pytest.raises(NotPermitted):
        verifiable_services.board_cast(election=election, member=outsider, ballot=document)
    verifiable_services.board_cast(election=election, member=verifiable_voters[0], ballot=document)
    with pytest.raises(AlreadyDone):
        verifiable_services.board_cast(
            election=election, member=verifiable_voters[0], ballot=document
        )
    with pytest.raises(InvalidBallot, match="encrypted"):
        services.ballot_cast(election=election, member=verifiable_voters[1], choices=["1"])
    assert BoardEntry.objects.filter(election=election).count() == 1
    later = election.voting_closes_at + HOUR
    with pytest.raises(OutsideWindow):
        verifiable_services.board_cast(
            election=election, member=verifiable_voters[0], ballot=document, now=later
        )


def test_tellers_who_never_finish_cannot_leave_the_office_unfilled(tellers, schedule_verifiable):
    election = schedule_verifiable()
    late = election.voting_closes_at + HOUR
    length = election.voting_closes_at - election.voting_opens_at
    election = services.election_advance(election=election, now=late)
    assert election.status == ElectionStatus.VOTING
    assert not election.verifiable and not election.encrypted
    assert election.voting_opens_at == late and election.voting_closes_at == late + length
    opened = RecordEntry.objects.get(
        action="election.voting_opened", subject=f"election:{election.pk}"
    )
    assert "key ceremony" in opened.payload["not_verifiable_because"]


def test_a_wrong_decryption_share_is_refused_and_not_kept(
    open_verifiable_election, verifiable_voters, tellers, tmp_path
):
    election, directories, codes = open_verifiable_election
    cast(election, verifiable_voters[0], codes[verifiable_voters[0].person.email], [1, 0, 0])
    services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    election.refresh_from_db()
    run_decryption(election, directories, present=[1])
    share = TellerMessage.objects.get(teller__index=1, kind="decryption-share").document
    forged = json.loads(json.dumps(share))
    forged["teller"] = 2
    with pytest.raises(InvalidTellerFile, match="does not verify"):
        teller_submit(election=election, member=tellers[1], document=forged)
    assert TellerMessage.objects.filter(kind="decryption-share").count() == 1


def test_the_count_follows_the_ballot_order_fixed_at_the_opening(
    open_verifiable_election, verifiable_voters
):
    election, directories, codes = open_verifiable_election
    options = election.verification.manifest["questions"][0]["options"]
    assert options == ["Voter 0", "Voter 1", "Voter 2"]
    for voter in verifiable_voters[:2]:
        cast(election, voter, codes[voter.person.email], [1, 0, 0])
    # A candidate renamed during voting must not change who option 0 is.
    person = verifiable_voters[0].person
    person.full_name = "Zed Renamed"
    person.save()
    services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    election.refresh_from_db()
    run_decryption(election, directories, present=[1, 2, 3])
    election.refresh_from_db()
    assert election.verification.totals == [[2, 0, 0]]
    assert election.terms.get().member == verifiable_voters[0]


def test_a_late_decryption_share_is_told_the_count_is_done(
    open_verifiable_election, verifiable_voters, tellers
):
    election, directories, codes = open_verifiable_election
    cast(election, verifiable_voters[0], codes[verifiable_voters[0].person.email], [0, 1, 0])
    services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    election.refresh_from_db()
    run_decryption(election, directories, present=[1, 2, 3])
    with pytest.raises(AlreadyDone, match="count is done"):
        run_decryption(election, directories, present=[4])


def test_tellers_who_never_decrypt_leave_the_office_to_a_new_election(
    open_verifiable_election, verifiable_voters
):
    election, directories, codes = open_verifiable_election
    cast(election, verifiable_voters[0], codes[verifiable_voters[0].person.email], [0, 1, 0])
    closed = election.voting_closes_at + HOUR
    services.election_advance(election=election, now=closed)
    election.refresh_from_db()
    run_decryption(election, directories, present=[1, 2])
    election = services.election_advance(election=election, now=closed + datetime.timedelta(days=3))
    assert election.status == ElectionStatus.CLOSED  # still waiting for a third teller
    later = closed + datetime.timedelta(days=15)
    services.elections_tick(now=later)
    election.refresh_from_db()
    assert election.status == ElectionStatus.DECLARED and election.result["method"] == "void"
    assert not election.terms.exists()
    assert election.office.elections.exclude(pk=election.pk).exists()  # a new one opened


def test_an_uncontested_verifiable_election_needs_no_ceremony(tellers, schedule_verifiable):
    election = schedule_verifiable()
    for candidate in election.candidates.all()[1:]:
        services.candidate_withdraw(member=candidate.member, candidate=candidate)
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.DECLARED and not election.verifiable


def test_fewer_than_three_tellers_cannot_run_a_verifiable_election(
    tree, make_member, schedule_verifiable
):
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title="Tellers", kind="tellers", seats=2
    )
    office_services.term_record_founding(
        actor="system:test", office=office, members=[make_member(tree["north"]) for _ in "ab"]
    )
    election = schedule_verifiable()
    assert not election.verifiable and not election.tellers.exists()


def test_a_teller_file_with_a_sham_index_or_a_lopsided_deal_is_refused(
    tellers, schedule_verifiable, home
):
    election = schedule_verifiable()
    directories = {}
    for teller in election.tellers.order_by("index"):
        directories[teller.index] = home / f"t{teller.index}"
        teller_step_keygen(
            directories[teller.index],
            election_id=election.verification.record_id,
            index=teller.index,
            tellers=5,
            threshold=3,
        )
        document = json.loads((directories[teller.index] / "public-key.json").read_text())
        if teller.index == 1:
            sham = dict(document, index=True)  # JSON true is not teller 1
            with pytest.raises(InvalidTellerFile):
                teller_submit(election=election, member=teller.member, document=sham)
        teller_submit(election=election, member=teller.member, document=document)

    keys = [directories[i] / "public-key.json" for i in directories]
    for index, directory in directories.items():
        teller_step_commit(directory, keys)
        teller_submit(
            election=election,
            member=tellers[index - 1],
            document=json.loads((directory / "commitment.json").read_text()),
        )
    commitments = [directories[i] / "commitment.json" for i in directories]
    teller_step_deal(directories[1], commitments)
    deal = json.loads((directories[1] / "deal.json").read_text())
    deal["shares"][4] = dict(deal["shares"][0])  # teller 1 twice, teller 5 never
    with pytest.raises(InvalidTellerFile, match="one share for each teller"):
        teller_submit(election=election, member=tellers[0], document=deal)
    assert not TellerMessage.objects.filter(kind="deal").exists()


def test_the_ballots_of_an_encrypted_election_are_not_published_as_plain_ballots(
    open_verifiable_election,
):
    election, _directories, _codes = open_verifiable_election
    with pytest.raises(NotPermitted, match="encrypted"):
        publication.ballots_blt(election)


def test_a_verifiable_approval_election_counts_every_approval(
    tellers, verifiable_voters, schedule_verifiable, open_verifiable
):
    voters = verifiable_voters
    election, directories, codes = open_verifiable(
        schedule_verifiable(method="approval", title="Committee", seats=2)
    )
    question = election.verification.manifest["questions"][0]
    assert (question["min_marks"], question["max_marks"]) == (1, 3)
    cast(election, voters[0], codes[voters[0].person.email], [1, 1, 0])
    cast(election, voters[1], codes[voters[1].person.email], [0, 1, 1])
    cast(election, voters[2], codes[voters[2].person.email], [1, 1, 1])
    with pytest.raises(ValueError, match="total marks"):  # at least one: no proof exists
        cast(election, voters[3], codes[voters[3].person.email], [0, 0, 0])
    services.election_advance(election=election, now=election.voting_closes_at + HOUR)
    election.refresh_from_db()
    run_decryption(election, directories, present=[1, 2, 3])
    election.refresh_from_db()
    assert election.verification.totals == [[2, 3, 2]]
    assert election.result["method"] == "approval"
    assert voters[1] in {t.member for t in election.terms.all()}
    assert election.terms.count() == 2
