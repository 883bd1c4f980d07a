"""Only the scheduler moves an election on: pages show the status its timetable implies, each
step is claimed so that no two processes take it twice, and one election that cannot move
does not hold up the others."""

from __future__ import annotations

import datetime
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from newcourse.elections import selectors, services
from newcourse.elections.models import Election, ElectionStatus, TimetableFailure
from newcourse.elections.services import timetable
from newcourse.record.models import RecordEntry
from newcourse.refusals import OutsideWindow

HOUR = datetime.timedelta(hours=1)


def _closing(election: Election) -> Election:
    """The election with its voting time over (a second ago, or a second after it opened if
    that is later), not yet closed by the scheduler."""
    second = datetime.timedelta(seconds=1)
    closes = max(election.voting_opens_at + second, timezone.now() - second)
    Election.objects.filter(pk=election.pk).update(voting_closes_at=closes)
    return Election.objects.get(pk=election.pk)


def test_status_implied_is_closed_once_voting_closes_at_has_passed(voting):
    election, later = voting
    assert selectors.status_implied(election, later) == ElectionStatus.VOTING
    after = election.voting_closes_at + HOUR
    assert selectors.status_implied(election, after) == ElectionStatus.CLOSED
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.VOTING


def test_status_implied_opens_nominations_when_their_time_comes(office, now):
    election = services.election_schedule(
        actor="system:test", office=office, nominations_open_at=now + HOUR
    )
    assert selectors.status_implied(election, now) == ElectionStatus.SCHEDULED
    assert selectors.status_implied(election, now + 2 * HOUR) == ElectionStatus.NOMINATIONS


def test_status_implied_of_an_uncontested_election_is_closed(election, now):
    after = election.voting_opens_at + HOUR
    assert selectors.status_implied(election, after) == ElectionStatus.CLOSED


def test_election_page_after_the_close_offers_no_ballot_and_takes_no_step(
    client, tree, make_member, voting_election
):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    election = _closing(election)
    client.force_login(members[3].person)
    page = client.get(reverse("election", args=[election.pk])).content.decode()
    assert "Vote now" not in page
    assert "Voting has closed. The count and the declaration follow." in page
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.VOTING
    response = client.get(reverse("vote", args=[election.pk]), follow=True)
    assert "Voting has closed." in response.content.decode()


def test_ballot_cast_after_the_close_is_refused_before_the_scheduler_closes(voting, standing):
    election, _later = voting
    election = _closing(election)

    with pytest.raises(OutsideWindow):
        services.ballot_cast(election=election, member=standing[0].member, choices=[])


def test_a_stale_copy_finds_the_step_taken_and_does_nothing(voting):
    election, _later = voting
    stale = _closing(election)
    after = stale.voting_closes_at + HOUR
    services.election_advance(election=Election.objects.get(pk=election.pk), now=after)
    again = services.election_advance(election=stale, now=after)
    assert again.status == ElectionStatus.DECLARED
    closed = RecordEntry.objects.filter(action="election.closed", subject=f"election:{election.pk}")
    assert closed.count() == 1


def test_a_claim_on_a_step_already_taken_updates_nothing(voting):
    election, _later = voting
    Election.objects.filter(pk=election.pk).update(status=ElectionStatus.CLOSED)
    with pytest.raises(timetable.StepTaken):
        timetable._claim(
            election, expected={"status": ElectionStatus.VOTING}, status=ElectionStatus.CLOSED
        )


@pytest.mark.django_db(transaction=True)
def test_workers_racing_to_close_take_each_step_once(tree, make_member, voting_election):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    election = _closing(election)
    after = election.voting_closes_at + HOUR
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker() -> None:
        try:
            start.wait()
            services.election_advance(election=election, now=after)
        except BaseException as error:  # every error is the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    actions = list(
        RecordEntry.objects.filter(subject=f"election:{election.pk}")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["election.closed", "election.counted", "election.declared"]
    assert actions.count("election.closed") == 1
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.DECLARED


def _two_closing(office, tree, make_member, voting_election):
    members = [make_member(tree["north"]) for _ in range(4)]
    first = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    second = voting_election(
        tree["region"],
        candidates=members[:2],
        proposer=members[2],
        seconder=members[3],
        title="Secretary",
    )
    return _closing(first), _closing(second)


def test_one_failing_step_does_not_stop_the_others(office, tree, make_member, voting_election):
    first, second = _two_closing(office, tree, make_member, voting_election)
    real_close = timetable.election_close

    def close(*, actor, election, now=None):
        if election.pk == first.pk:
            raise RuntimeError("disk full")
        return real_close(actor=actor, election=election, now=now)

    with mock.patch.object(timetable, "election_close", close):
        tick = services.elections_tick()

    assert Election.objects.get(pk=first.pk).status == ElectionStatus.VOTING
    assert Election.objects.get(pk=second.pk).status == ElectionStatus.DECLARED
    assert tick.failures == [
        services.StepFailure(f"election:{first.pk}", "close", "RuntimeError: disk full")
    ]
    failure = TimetableFailure.objects.get(election=first)
    assert (failure.step, failure.error, failure.attempts) == (
        "close",
        "RuntimeError: disk full",
        1,
    )


def test_a_failed_step_is_retried_and_its_failure_cleared(
    office, tree, make_member, voting_election
):
    first, _second = _two_closing(office, tree, make_member, voting_election)
    with mock.patch.object(timetable, "election_close", side_effect=RuntimeError("disk full")):
        services.elections_tick()
        services.elections_tick()
    assert TimetableFailure.objects.get(election=first).attempts == 2

    tick = services.elections_tick()

    assert tick.failures == []
    assert Election.objects.get(pk=first.pk).status == ElectionStatus.DECLARED
    assert not TimetableFailure.objects.exists()


def test_an_election_whose_stored_data_is_broken_does_not_stop_the_others(
    office, tree, make_member, voting_election
):
    first, second = _two_closing(office, tree, make_member, voting_election)
    # Counted, but its stored result is not a report: declaring it fails.
    Election.objects.filter(pk=first.pk).update(
        status=ElectionStatus.CLOSED, counted_at=first.voting_closes_at, result=["broken"]
    )

    tick = services.elections_tick()

    assert [(f.subject, f.step) for f in tick.failures] == [(f"election:{first.pk}", "declare")]
    assert tick.failures[0].error.startswith("AttributeError")
    assert Election.objects.get(pk=first.pk).status == ElectionStatus.CLOSED
    assert Election.objects.get(pk=second.pk).status == ElectionStatus.DECLARED


def test_tick_command_reports_a_failure_on_stderr_and_exits_1(
    office, tree, make_member, voting_election, capsys
):
    first, second = _two_closing(office, tree, make_member, voting_election)
    with (
        mock.patch.object(timetable, "election_close", side_effect=RuntimeError("disk full")),
        pytest.raises(CommandError) as raised,
    ):
        call_command("election", "tick")
    assert raised.value.returncode == 1
    err = capsys.readouterr().err
    assert f"election {first.pk}: close failed: RuntimeError: disk full" in err
    assert f"election {second.pk}: close failed" in err


def test_tick_command_exits_0_when_nothing_failed(tree, make_member, voting_election, capsys):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    _closing(election)
    call_command("election", "tick")
    out = capsys.readouterr().out
    assert f"election {election.pk} (Chair, Region): voting -> declared" in out


def test_election_page_shows_the_failure_to_staff_only(
    client, office, tree, make_member, voting_election
):
    first, _second = _two_closing(office, tree, make_member, voting_election)
    with mock.patch.object(timetable, "election_close", side_effect=RuntimeError("disk full")):
        services.elections_tick()
    member = make_member(tree["north"])
    client.force_login(member.person)
    assert "disk full" not in client.get(first.get_absolute_url()).content.decode()
    member.person.is_staff = True
    member.person.save()
    page = client.get(first.get_absolute_url()).content.decode()
    assert "RuntimeError: disk full" in page
    print(page[page.find("For the operator") :][:400])
    assert "could not take this election's next step (Close voting)" in page


def test_the_lines_of_a_closing_election_come_in_french(
    client, office, tree, make_member, voting_election
):
    first, _second = _two_closing(office, tree, make_member, voting_election)
    with mock.patch.object(timetable, "election_close", side_effect=RuntimeError("disk full")):
        services.elections_tick()
        services.elections_tick()
    staff = make_member(tree["north"])
    staff.person.is_staff = True
    staff.person.save()
    client.force_login(staff.person)
    with translation.override("en"):  # the request leaves French active: not for later tests
        page = client.get(first.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le vote est clos. Le dépouillement et la proclamation vont suivre." in page
    assert "(Clore le vote), dernière tentative le" in page
    assert "(2 tentatives)" in page
