"""Between a deadline and the scheduler's next tick the timetable still rules: the ballot paper
is fixed once voting is due, nominations are taken only once the tick has opened them, and a
seat left early is filled for the rest of its term."""

import datetime

import pytest
from django.urls import reverse

from newcourse.elections import services
from newcourse.elections.models import Election, ElectionKind, ElectionStatus
from newcourse.offices import services as office_services
from newcourse.offices.models import Term, TermEnd
from newcourse.refusals import OutsideWindow

HOUR = datetime.timedelta(hours=1)


def test_a_candidate_cannot_withdraw_once_voting_is_due_before_the_tick(
    election, standing, electorate, now
):
    due = now + 25 * HOUR
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATIONS  # the tick has not opened voting

    with pytest.raises(OutsideWindow, match="the ballot paper can no longer change"):
        services.candidate_withdraw(member=electorate[0], candidate=standing[0], now=due)

    standing[0].refresh_from_db()
    assert standing[0].withdrawn_at is None


def test_nominations_due_but_not_yet_opened_are_refused_with_in_a_moment(office, electorate, now):
    scheduled = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now + HOUR,
        nominations_close_at=now + 24 * HOUR,
        voting_opens_at=now + 24 * HOUR,
        voting_closes_at=now + 48 * HOUR,
    )
    with pytest.raises(OutsideWindow, match="Nominations have not opened yet"):
        services.candidate_nominate(
            nominator=electorate[3], election=scheduled, candidate=electorate[0], now=now
        )
    with pytest.raises(OutsideWindow, match="Nominations open in a moment"):
        services.candidate_nominate(
            nominator=electorate[3], election=scheduled, candidate=electorate[0], now=now + 2 * HOUR
        )

    opened = services.election_advance(election=scheduled, now=now + 2 * HOUR)
    candidate = services.candidate_nominate(
        nominator=electorate[3], election=opened, candidate=electorate[0], now=now + 2 * HOUR
    )
    assert candidate.election == opened


def test_the_page_says_nominations_open_in_a_moment_instead_of_a_form(
    client, office, electorate, now
):
    scheduled = services.election_schedule(
        actor="system:test",
        office=office,
        nominations_open_at=now - HOUR,
        nominations_close_at=now + 24 * HOUR,
        voting_opens_at=now + 24 * HOUR,
        voting_closes_at=now + 48 * HOUR,
    )
    client.force_login(electorate[0].person)

    page = client.get(reverse("election", args=[scheduled.pk])).content.decode()

    assert "Nominations open in a moment" in page
    assert reverse("nominate", args=[scheduled.pk]) not in page
    assert Election.objects.get(pk=scheduled.pk).status == ElectionStatus.SCHEDULED


def test_a_resignation_is_filled_by_a_by_election_for_the_rest_of_the_term(tree, electorate):
    office = office_services.office_create(actor="system:test", body=tree["region"], title="Chair")
    (term,) = office_services.term_record_founding(
        actor="system:test", office=office, members=[electorate[0]]
    )
    office_services.term_end(actor="system:test", term=term, reason=TermEnd.RESIGNED)

    services.elections_tick()

    (election,) = Election.objects.filter(office=office)
    assert (election.kind, election.seats) == (ElectionKind.BY_ELECTION, 1)
    assert Term.objects.get(pk=term.pk).ended_on is not None
