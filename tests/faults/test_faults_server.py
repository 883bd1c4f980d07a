"""The server killed mid-vote, and the database cut off mid-vote: nothing acknowledged is
lost, the box holds one ballot per elector marked as voted, and every voter whose answer was
lost gets, on trying again, the receipt of the ballot that counted."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from newcourse.elections.models import Ballot, Elector

from .harness import (
    Server,
    backend_pid,
    cast_until_acknowledged,
    database_cut_off,
    environment,
    pool_renewed,
    report,
    sessions_ended,
    vote_figures,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def box_and_marks(election) -> tuple[int, int]:
    return (
        Ballot.objects.filter(election=election).count(),
        Elector.objects.filter(election=election, has_voted=True).count(),
    )


def test_a_server_killed_mid_vote_loses_no_ballot_and_no_receipt(election_with_voters, tmp_path):
    election, ranking, voters = election_with_voters
    server = Server(environment(tmp_path))
    server.start()
    answered = threading.Semaphore(0)
    killed = threading.Event()

    def kill_halfway(answer: str) -> None:
        answered.release()

    def killer() -> None:
        for _n in range(len(voters) // 2):
            answered.acquire()
        server.kill()
        killed.set()
        server.start()

    started = time.monotonic()
    try:
        threading.Thread(target=killer, daemon=True).start()
        tally = cast_until_acknowledged(
            lambda: server.port, election.pk, ranking, voters, on_answer=kill_halfway
        )
    finally:
        server.kill()
        sessions_ended()
    report(
        "server killed mid-vote",
        **vote_figures(election, voters, tally, time.monotonic() - started),
    )

    assert killed.is_set()
    assert tally.acknowledged == len(voters)
    assert box_and_marks(election) == (len(voters), len(voters))
    receipts = {voter.receipt for voter in voters}
    assert len(receipts) == len(voters)
    assert set(Ballot.objects.filter(election=election).values_list("receipt", flat=True)) == (
        receipts
    )
    assert tally.statuses["201 with another receipt"] == 0
    assert tally.statuses["409"] == 0  # nobody told "already voted" without their receipt


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cuts a PostgreSQL database off")
def test_a_database_cut_off_mid_vote_is_answered_503_and_loses_nothing(
    election_with_voters, tmp_path
):
    election, ranking, voters = election_with_voters
    server = Server(environment(tmp_path))
    server.start()
    answered = threading.Semaphore(0)
    own = backend_pid()

    def cut_off_a_while() -> None:
        for _n in range(len(voters) // 3):
            answered.acquire()
        with database_cut_off(spare=own):
            threading.Event().wait(2.0)

    started = time.monotonic()
    try:
        threading.Thread(target=cut_off_a_while, daemon=True).start()
        tally = cast_until_acknowledged(
            lambda: server.port,
            election.pk,
            ranking,
            voters,
            on_answer=lambda answer: answered.release(),
        )
    finally:
        server.kill()
        pool_renewed()
        sessions_ended()
    report(
        "database cut off 2 s mid-vote",
        **vote_figures(election, voters, tally, time.monotonic() - started),
    )

    assert tally.acknowledged == len(voters)
    # Told to try again, or kept waiting until the database was back: never an error page.
    assert set(tally.statuses) <= {"201", "503"}
    assert box_and_marks(election) == (len(voters), len(voters))


def test_the_same_vote_without_a_fault(election_with_voters, tmp_path):
    """The reference for the figures above: the same voters, nothing going wrong."""
    election, ranking, voters = election_with_voters
    server = Server(environment(tmp_path))
    server.start()
    started = time.monotonic()
    try:
        tally = cast_until_acknowledged(lambda: server.port, election.pk, ranking, voters)
    finally:
        server.kill()
        sessions_ended()
    seconds = time.monotonic() - started
    report("no fault (reference)", **vote_figures(election, voters, tally, seconds))

    assert tally.statuses == {"201": len(voters)}
    assert box_and_marks(election) == (len(voters), len(voters))
