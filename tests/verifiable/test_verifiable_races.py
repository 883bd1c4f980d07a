"""A ballot cast as the close begins is on the board and counted, or refused: never lost, never
added after the sum, and the two never wait for each other for good (PostgreSQL's row locks)."""

import datetime
import threading
import time

import pytest
from django.db import connection

from newcourse.demo.tellers import cast
from newcourse.elections.services import timetable
from newcourse.verifiable.models import VerifiableElection, VerificationStatus
from newcourse.verifiable.services import board

SECOND = datetime.timedelta(seconds=1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_ballot_cast_as_the_close_begins_is_counted_not_deadlocked(
    open_verifiable_election, verifiable_voters, monkeypatch
):
    election, _directories, codes = open_verifiable_election
    voter = verifiable_voters[0]
    closes = election.voting_closes_at
    holding = threading.Event()
    append = board._claim_ciphertexts

    def slow_append(election, ballot):
        holding.set()  # the cast holds the verifiable row now
        time.sleep(1.0)
        return append(election, ballot)

    monkeypatch.setattr(board, "_claim_ciphertexts", slow_append)
    outcome = {}

    def casting():
        try:
            cast(election, voter, codes[voter.person.email], [1, 0, 0], now=closes - 5 * SECOND)
            outcome["cast"] = "ok"
        except Exception as error:
            outcome["cast"] = repr(error)
        finally:
            connection.close()

    def closing():
        holding.wait(10)
        time.sleep(0.2)
        try:
            outcome["close"] = str(timetable._step_take(election.pk, closes + SECOND))
        except Exception as error:
            outcome["close"] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=casting), threading.Thread(target=closing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert outcome == {"cast": "ok", "close": "close"}
    verification = VerifiableElection.objects.get(pk=election.pk)
    assert (verification.status, verification.counted) == (VerificationStatus.CLOSED, 1)
