"""A teller who leaves office without ever taking part in the key ceremony gives way to the
member elected in their place, at the same index, and the ceremony goes on with the others'
work kept; a teller who took part cannot be replaced."""

import datetime
import json

from newcourse import crypto
from newcourse.crypto import teller_step_keygen
from newcourse.demo.tellers import play_credential_authority, run_key_ceremony
from newcourse.elections import services
from newcourse.elections.models import ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import Term, TermEnd
from newcourse.record.models import RecordEntry
from newcourse.verifiable.models import TellerMessage


def resign_and_elect(tellers_member, replacement):
    """The teller resigns; the body elects `replacement` to the seat (the term as the count
    would make it)."""
    term = Term.objects.current().get(member=tellers_member, office__kind="tellers")
    office_services.term_end(actor="system:test", term=term, reason=TermEnd.RESIGNED)
    today = datetime.date.today()
    Term.objects.create(office=term.office, member=replacement, began_on=today, due_on=term.due_on)


def hand_in_public_key(election, teller, home):
    folder = home / f"early-{teller.index}"
    teller_step_keygen(
        folder,
        election_id=election.verification.record_id,
        index=teller.index,
        tellers=election.verification.tellers,
        threshold=election.verification.threshold,
    )
    services.teller_submit(
        election=election,
        member=teller.member,
        document=json.loads((folder / "public-key.json").read_text()),
    )


def test_an_absent_teller_is_replaced_at_the_same_index_and_the_others_work_is_kept(
    tellers, schedule_verifiable, credential_authority, tree, make_member, home
):
    election = schedule_verifiable()
    first = election.tellers.get(index=2)
    hand_in_public_key(election, first, home)  # teller 2 took part; teller 1 never does
    absent = election.tellers.get(index=1).member
    newcomer = make_member(tree["north"], name="New Teller")
    resign_and_elect(absent, newcomer)

    services.elections_tick()

    replaced = election.tellers.get(index=1)
    assert replaced.member == newcomer
    assert TellerMessage.objects.filter(teller=first).count() == 1  # kept
    entry = RecordEntry.objects.get(
        action="election.teller_replaced", subject=f"election:{election.pk}"
    )
    assert entry.payload == {
        "index": 1,
        "replaced": f"member:{absent.number}",
        "by": f"member:{newcomer.number}",
    }
    # The ceremony goes on (teller 2 keeps the key it handed in) and voting opens.
    directories = {}
    for teller in election.tellers.exclude(index=2).order_by("index"):
        hand_in_public_key(election, teller, home)
        directories[teller.index] = home / f"early-{teller.index}"
    directories[2] = home / "early-2"
    run_key_ceremony_from_keys(election, directories)
    play_credential_authority(election, credential_authority)
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.VOTING and election.encrypted


def run_key_ceremony_from_keys(election, directories):
    """The commitment, deal and check of the deals, every public key being in."""
    tellers = list(election.tellers.select_related("member").order_by("index"))
    steps = (
        (crypto.teller_step_commit, "public-key.json", "commitment.json"),
        (crypto.teller_step_deal, "commitment.json", "deal.json"),
        (crypto.teller_step_receive, "deal.json", "complaints.json"),
    )
    for step, reads, writes in steps:
        inputs = [directories[t.index] / reads for t in tellers]
        for teller in tellers:
            step(directories[teller.index], inputs)
            document = json.loads((directories[teller.index] / writes).read_text())
            services.teller_submit(election=election, member=teller.member, document=document)


def test_a_teller_who_took_part_is_not_replaced(
    tellers, schedule_verifiable, tree, make_member, home
):
    election = schedule_verifiable()
    teller = election.tellers.get(index=1)
    hand_in_public_key(election, teller, home)
    resign_and_elect(teller.member, make_member(tree["north"], name="New Teller"))
    services.elections_tick()
    assert election.tellers.get(index=1).member == teller.member
    assert not RecordEntry.objects.filter(action="election.teller_replaced").exists()


def test_once_the_ceremony_is_over_nobody_is_replaced(
    tellers, schedule_verifiable, credential_authority, tree, make_member, home
):
    election = schedule_verifiable()
    run_key_ceremony(election, home / "tellers")
    play_credential_authority(election, credential_authority)
    election = services.election_advance(election=election)
    assert election.status == ElectionStatus.VOTING
    member = election.tellers.get(index=1).member
    resign_and_elect(member, make_member(tree["north"], name="New Teller"))
    services.elections_tick()
    assert election.tellers.get(index=1).member == member
