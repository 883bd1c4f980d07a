"""Rules found wanting in review, each pinned by a test."""

import datetime

import pytest

from newcourse.elections import services
from newcourse.elections.eligibility import consecutive_terms, why_member_cannot_stand
from newcourse.elections.models import ElectionKind, ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import Term, TermEnd
from newcourse.organisation import services as organisation_services
from newcourse.organisation.access import holds_office_in
from newcourse.organisation.models import MembershipEvent
from newcourse.refusals import OutsideWindow
from newcourse.rules.selectors import rules_for


def test_expelled_officer_loses_office_rights(tree, officer_of):
    officer = officer_of(tree["north"])
    assert holds_office_in(officer.person, tree["north"])
    organisation_services.member_change_status(
        sanction="case:1", actor="t", member=officer, status="expelled", reason="Scabbed"
    )
    assert not holds_office_in(officer.person, tree["north"])


def test_contested_election_with_no_ballots_elects_nobody(voting, standing):
    election, later = voting
    done = services.election_advance(election=election, now=later + datetime.timedelta(days=2))
    assert (done.status, done.result["elected"]) == (ElectionStatus.DECLARED, [])
    assert not Term.objects.filter(election=done).exists()


def test_partly_uncontested_committee_is_not_overfilled(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[3], election=election, candidate=electorate[0], now=now
    )
    services.candidate_second(seconder=electorate[4], candidate=candidate, now=now)
    services.candidate_accept(member=electorate[0], candidate=candidate, now=now)
    services.election_advance(election=election, now=now + datetime.timedelta(hours=25))
    (next_election,) = services.elections_tick(now=now + datetime.timedelta(hours=26)).touched
    assert (next_election.kind, next_election.seats) == (ElectionKind.BY_ELECTION, 1)


@pytest.mark.parametrize("rulebook_parameters", [{"stand.good_standing_months": "12"}])
def test_arrears_running_into_the_window_block_standing(office, electorate, now):
    member = electorate[0]
    member.joined_on = datetime.date(2015, 1, 1)
    member.save()
    today = now.date()
    MembershipEvent.objects.create(
        member=member,
        kind="standing",
        standing="arrears",
        effective_on=today - datetime.timedelta(days=800),
    )
    MembershipEvent.objects.create(
        member=member,
        kind="standing",
        standing="good",
        effective_on=today - datetime.timedelta(days=7),
    )
    assert "12 months" in why_member_cannot_stand(member, office, today, rules_for(office.body))


def test_by_election_for_another_seat_does_not_reset_consecutive_terms(tree, electorate):
    office = office_services.office_create(actor="t", body=tree["region"], title="Chair")
    start = datetime.date(2020, 1, 1)
    for n in range(2):
        regular = office.elections.create(
            kind="regular",
            seats=1,
            method="irv",
            nominations_open_at=datetime.datetime(2020 + n, 1, 1, tzinfo=datetime.UTC),
            nominations_close_at=datetime.datetime(2020 + n, 1, 2, tzinfo=datetime.UTC),
            voting_opens_at=datetime.datetime(2020 + n, 1, 2, tzinfo=datetime.UTC),
            voting_closes_at=datetime.datetime(2020 + n, 1, 3, tzinfo=datetime.UTC),
            status="declared",
        )
        Term.objects.create(
            office=office,
            member=electorate[0],
            election=regular,
            began_on=start.replace(year=2020 + n),
            due_on=start.replace(year=2021 + n),
        )
    by_election = office.elections.create(
        kind="by-election",
        seats=1,
        method="irv",
        nominations_open_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC),
        nominations_close_at=datetime.datetime(2022, 6, 2, tzinfo=datetime.UTC),
        voting_opens_at=datetime.datetime(2022, 6, 2, tzinfo=datetime.UTC),
        voting_closes_at=datetime.datetime(2022, 6, 3, tzinfo=datetime.UTC),
        status="declared",
    )
    Term.objects.create(
        office=office,
        member=electorate[1],
        election=by_election,
        began_on=datetime.date(2022, 6, 3),
        due_on=datetime.date(2023, 1, 1),
    )
    assert consecutive_terms(electorate[0], office) == 2


def test_carried_recall_while_an_election_is_under_way_still_ends_the_term(tree, electorate):
    office = office_services.office_create(actor="t", body=tree["region"], title="Treasurer")
    (term,) = office_services.term_record_founding(
        actor="t", office=office, members=[electorate[0]]
    )
    services.election_schedule(actor="t", office=office)
    petition = services.recall_open(member=electorate[1], term=term, reason="Gone missing")
    services.recall_sign(member=electorate[2], petition=petition)
    petition.refresh_from_db()
    vote = services.election_advance(election=petition.vote)
    now = datetime.datetime.now(datetime.UTC)
    for member in electorate[1:5]:
        services.ballot_cast(election=vote, member=member, choices=["yes"], now=now)
    done = services.election_advance(election=vote, now=now + datetime.timedelta(days=8))
    assert done.status == ElectionStatus.DECLARED
    term.refresh_from_db()
    assert term.end_reason == TermEnd.RECALLED


def test_signing_a_petition_after_the_term_ended_is_refused(tree, electorate):
    office = office_services.office_create(actor="t", body=tree["region"], title="Auditor")
    (term,) = office_services.term_record_founding(
        actor="t", office=office, members=[electorate[0]]
    )
    petition = services.recall_open(member=electorate[1], term=term, reason="Silent")
    office_services.term_end(actor="t", term=term, reason=TermEnd.RESIGNED)
    with pytest.raises(OutsideWindow):
        services.recall_sign(member=electorate[2], petition=petition)
