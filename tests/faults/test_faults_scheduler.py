"""The scheduler killed mid-count, and two schedulers at once: the count is rolled back and
taken again exactly once, and the result is declared once."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from newcourse.elections.models import Ballot, Election, ElectionStatus
from newcourse.record.models import RecordEntry

from .harness import environment, report, sessions_ended, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BALLOTS = 30_000


@pytest.fixture
def closing_election(tree, make_member, voting_election):
    """Six candidates for two seats, 30,000 ranked ballots, voting closed a second ago."""
    members = [make_member(tree["north"]) for _ in range(8)]
    election = voting_election(
        tree["region"], candidates=members[:6], proposer=members[6], seconder=members[7], seats=2
    )
    candidates = [str(pk) for pk in election.candidates.values_list("pk", flat=True)]
    rng = random.Random(23)
    Ballot.objects.bulk_create(
        Ballot(election=election, choices=rng.sample(candidates, rng.randint(1, 6)))
        for _ in range(BALLOTS)
    )
    Election.objects.filter(pk=election.pk).update(voting_closes_at=timezone.now())
    return election


def tick(tmp_path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newcourse", "election", "tick"],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def declarations(election) -> int:
    return RecordEntry.objects.filter(
        action="election.declared", subject=f"election:{election.pk}"
    ).count()


def test_a_scheduler_killed_mid_count_counts_again_once(closing_election, tmp_path):
    election = closing_election
    started = time.monotonic()
    first = tick(tmp_path)
    closed = wait_until(
        lambda: Election.objects.get(pk=election.pk).status != ElectionStatus.VOTING, 120
    )
    first.kill()
    first.wait()
    mid_count = Election.objects.get(pk=election.pk).status == ElectionStatus.CLOSED
    second = tick(tmp_path)
    _out, err = second.communicate(timeout=300)
    sessions_ended()
    election.refresh_from_db()
    report(
        "scheduler killed mid-count",
        acknowledged=BALLOTS,
        inconsistent=abs(declarations(election) - 1),
        statuses={"killed while counting": int(mid_count), "rerun exit": second.returncode},
        seconds=round(time.monotonic() - started, 2),
    )

    assert closed and mid_count
    assert second.returncode == 0, err.decode()
    assert election.status == ElectionStatus.DECLARED
    assert declarations(election) == 1


def test_two_schedulers_at_once_declare_once(closing_election, tmp_path):
    election = closing_election
    started = time.monotonic()
    ticks = [tick(tmp_path), tick(tmp_path)]
    results = [process.communicate(timeout=300) for process in ticks]
    sessions_ended()
    election.refresh_from_db()
    report(
        "two schedulers at once",
        acknowledged=BALLOTS,
        inconsistent=abs(declarations(election) - 1),
        statuses={f"exit {process.returncode}": 1 for process in ticks},
        seconds=round(time.monotonic() - started, 2),
    )

    assert [process.returncode for process in ticks] == [0, 0], [e.decode() for _o, e in results]
    assert election.status == ElectionStatus.DECLARED
    assert declarations(election) == 1
