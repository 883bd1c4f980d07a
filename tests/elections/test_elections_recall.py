import datetime

import pytest

from newcourse.elections import services
from newcourse.elections.models import ElectionKind, ElectionStatus, PetitionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import TermEnd
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, InvalidBallot, NotEligible, OutsideWindow


@pytest.fixture
def rulebook_parameters():
    """The rulebook these tests found their organisation on asks 40% of the electorate."""
    return {"recall.threshold": "40%"}


@pytest.fixture
def officer_term(tree, electorate):
    office = office_services.office_create(
        actor="system:test", body=tree["region"], title="Treasurer"
    )
    (term,) = office_services.term_record_founding(
        actor="system:test", office=office, members=[electorate[0]]
    )
    return term


def test_recall_threshold_is_share_of_electorate(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    # 6 members in good standing; 40% of 6 is 2.4, so 3 signatures.
    assert (petition.threshold, petition.signatures.count()) == (3, 1)
    assert petition.status == PetitionStatus.COLLECTING


def test_recall_opens_when_threshold_reached(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    assert services.recall_sign(member=electorate[3], petition=petition) == 3
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.VOTING
    assert petition.vote.kind == ElectionKind.RECALL


def test_recall_signature_twice_is_refused(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    with pytest.raises(AlreadyDone):
        services.recall_sign(member=electorate[1], petition=petition)


def test_recall_by_member_outside_electorate_is_refused(officer_term, tree, make_member):
    outsider = make_member(tree["far"])
    with pytest.raises(NotEligible):
        services.recall_open(member=outsider, term=officer_term, reason="x")


def test_recall_record_never_names_signers(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    recall_entries = RecordEntry.objects.filter(action__startswith="recall.")
    text = " ".join(str(e.payload) + e.actor for e in recall_entries)
    for signer in electorate[1:3]:
        assert signer.person.full_name not in text
        assert signer.number not in text


def test_carried_recall_vacates_post_and_opens_by_election(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    services.recall_sign(member=electorate[3], petition=petition)
    petition.refresh_from_db()
    vote = services.election_advance(election=petition.vote)
    assert vote.status == ElectionStatus.VOTING
    now = datetime.datetime.now(datetime.UTC)
    for member, choice in zip(electorate, ["no", "yes", "yes", "yes", "no", "yes"], strict=True):
        services.ballot_cast(election=vote, member=member, choices=[choice], now=now)
    done = services.election_advance(election=vote, now=now + datetime.timedelta(days=8))
    assert (done.status, done.result["carried"]) == (ElectionStatus.DECLARED, True)
    officer_term.refresh_from_db()
    assert officer_term.end_reason == TermEnd.RECALLED
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CARRIED
    by_election = officer_term.office.elections.get(kind=ElectionKind.BY_ELECTION)
    assert by_election.seats == 1


def test_defeated_recall_keeps_officer(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    services.recall_sign(member=electorate[3], petition=petition)
    petition.refresh_from_db()
    vote = services.election_advance(election=petition.vote)
    now = datetime.datetime.now(datetime.UTC)
    for member, choice in zip(electorate, ["no", "no", "yes", "yes", "no", "no"], strict=True):
        services.ballot_cast(election=vote, member=member, choices=[choice], now=now)
    done = services.election_advance(election=vote, now=now + datetime.timedelta(days=8))
    assert done.result["carried"] is False
    officer_term.refresh_from_db()
    assert officer_term.ended_on is None


def test_recall_ballot_must_be_yes_or_no(officer_term, electorate):
    petition = services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    services.recall_sign(member=electorate[2], petition=petition)
    services.recall_sign(member=electorate[3], petition=petition)
    petition.refresh_from_db()
    vote = services.election_advance(election=petition.vote)
    with pytest.raises(InvalidBallot):
        services.ballot_cast(election=vote, member=electorate[1], choices=["maybe"])


def test_second_petition_while_one_is_open_is_refused(officer_term, electorate):
    services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    with pytest.raises(AlreadyDone):
        services.recall_open(member=electorate[2], term=officer_term, reason="Again")


def test_recall_of_officer_no_longer_in_office_is_refused(officer_term, electorate):
    office_services.term_end(actor="system:test", term=officer_term, reason=TermEnd.RESIGNED)
    with pytest.raises(OutsideWindow):
        services.recall_open(member=electorate[1], term=officer_term, reason="x")


def test_recall_record_names_the_officer_by_number_only(officer_term, electorate):
    services.recall_open(member=electorate[1], term=officer_term, reason="Broke policy")
    opened = RecordEntry.objects.get(action="recall.opened")
    assert opened.payload["officer"] == f"member:{officer_term.member.number}"
    assert "Broke policy" not in str(opened.payload)
    assert officer_term.member.person.full_name not in str(opened.payload)
    assert opened.private_part.fields == {
        "officer": officer_term.member.person.full_name,
        "reason": "Broke policy",
    }
