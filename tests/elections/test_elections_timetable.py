import datetime

import pytest

from newcourse.elections import services
from newcourse.elections.models import ElectionStatus, Elector
from newcourse.offices import services as office_services
from newcourse.offices.models import Office, Term
from newcourse.organisation import services as organisation_services
from newcourse.organisation.access import holds_office_in
from newcourse.record.models import RecordEntry
from newcourse.refusals import AlreadyDone, OutsideWindow


def test_election_schedule_refuses_timetable_out_of_order(office, now):
    with pytest.raises(OutsideWindow):
        services.election_schedule(
            actor="system:test",
            office=office,
            nominations_open_at=now,
            nominations_close_at=now + datetime.timedelta(days=2),
            voting_opens_at=now + datetime.timedelta(days=1),
            voting_closes_at=now + datetime.timedelta(days=3),
        )


def test_election_schedule_refuses_second_election_under_way(election, office):
    with pytest.raises(AlreadyDone):
        services.election_schedule(actor="system:test", office=office)


def test_election_advance_opens_nominations_by_timetable(election):
    assert election.status == ElectionStatus.NOMINATIONS


def test_voting_opens_with_electorate_frozen(voting, electorate, tree, make_member):
    election, _ = voting
    assert election.status == ElectionStatus.VOTING
    assert election.electorate_size == 6
    make_member(tree["north"], name="Joined Too Late")
    assert Elector.objects.filter(election=election).count() == 6
    assert election.seed == ""  # the lot's seed is derived from the closed box, not before


def test_electorate_excludes_members_in_arrears(election, standing, electorate, now):
    organisation_services.member_set_standing(
        actor="system:test", member=electorate[5], standing="arrears"
    )
    opened = services.election_advance(election=election, now=now + datetime.timedelta(hours=25))
    assert opened.electorate_size == 5


def test_uncontested_election_declares_candidates_without_vote(election, electorate, now):
    candidate = services.candidate_nominate(
        nominator=electorate[3], election=election, candidate=electorate[0], now=now
    )
    services.candidate_second(seconder=electorate[4], candidate=candidate, now=now)
    services.candidate_accept(member=electorate[0], candidate=candidate, now=now)
    done = services.election_advance(election=election, now=now + datetime.timedelta(hours=25))
    assert done.status == ElectionStatus.DECLARED
    assert [t.member for t in Term.objects.filter(election=done)] == [electorate[0]]


def test_election_close_refuses_before_timetable(voting):
    election, later = voting
    with pytest.raises(OutsideWindow):
        services.election_close(actor="system:test", election=election, now=later)


def test_election_close_twice_is_refused(voting):
    election, later = voting
    after = later + datetime.timedelta(days=2)
    services.election_close(actor="system:test", election=election, now=after)
    count = RecordEntry.objects.count()
    with pytest.raises(AlreadyDone):
        services.election_close(actor="system:test", election=election, now=after)
    assert RecordEntry.objects.count() == count


def test_whole_election_counts_and_seats_the_elected(voting, standing, electorate):
    election, later = voting
    a, b, c = (str(s.pk) for s in standing)
    for member, ranking in zip(electorate, [[a, b], [a, c], [b, a], [b], [c, a], [a]], strict=True):
        services.ballot_cast(election=election, member=member, choices=ranking, now=later)
    done = services.election_advance(election=election, now=later + datetime.timedelta(days=2))
    assert done.status == ElectionStatus.DECLARED
    assert done.result["method"] == "scottish-stv"
    assert done.result["elected"] == ["Voter 0", "Voter 1"]
    holders = {t.member for t in Term.objects.filter(election=done)}
    assert holders == {electorate[0], electorate[1]}
    actions = list(
        RecordEntry.objects.filter(subject=f"election:{done.pk}").values_list("action", flat=True)
    )
    assert actions[-3:] == ["election.closed", "election.counted", "election.declared"]


def test_elected_officer_gains_directory_access(voting, standing, electorate):
    election, later = voting
    a, b, _ = (str(s.pk) for s in standing)
    for member in electorate:
        services.ballot_cast(election=election, member=member, choices=[a, b], now=later)
    assert not holds_office_in(electorate[0].person, election.office.body)
    services.election_advance(election=election, now=later + datetime.timedelta(days=2))
    assert holds_office_in(electorate[0].person, election.office.body)


def test_elections_tick_opens_election_for_vacant_office(office):
    touched = services.elections_tick().touched
    assert [e.office for e in touched] == [office]
    assert touched[0].status == ElectionStatus.NOMINATIONS


def test_elections_tick_leaves_filled_office_alone(tree, officer_of):
    officer_of(tree["north"])
    assert services.elections_tick() == services.Tick()


def test_founding_act_happens_once(office, electorate):
    office_services.term_record_founding(actor="system:test", office=office, members=electorate[:2])
    with pytest.raises(AlreadyDone):
        office_services.term_record_founding(
            actor="system:test", office=office, members=electorate[2:4]
        )


def test_an_approval_election_elects_the_most_approved(tree, make_member, voting_election):
    members = [make_member(tree["north"], name=f"Approver {n}") for n in range(6)]
    election = voting_election(
        tree["region"], candidates=members[:3], proposer=members[3], seconder=members[4],
        title="Stewards", seats=2,
    )  # fmt: skip
    Office.objects.filter(pk=election.office_id).update(method="approval")
    election.method = "approval"
    election.save(update_fields=["method"])
    ids = {c.member_id: str(c.pk) for c in election.candidates.all()}
    a, b, c = (ids[m.pk] for m in members[:3])
    for voter, approved in zip(members, [[a, b], [b], [b, c], [a, c], [a]], strict=False):
        services.ballot_cast(election=election, member=voter, choices=approved)
    later = election.voting_closes_at + datetime.timedelta(hours=1)
    election = services.election_advance(election=election, now=later)
    assert election.result["method"] == "approval"
    assert sorted(election.result["elected"]) == ["Approver 0", "Approver 1"]
