"""The disk full while members vote (SQLite on a small filesystem of its own): votes are
answered 503 with nothing saved, and go in once there is room again; and a backup taken while
members vote restores into an installation whose ballot boxes hold what they should."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from tests.web.test_web_backups import empty_target, newcourse  # noqa: F401 - a fixture

from .harness import Server, cast_until_acknowledged, environment, report, sessions_ended

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def small_filesystem(path: Path, megabytes: int):
    """A tmpfs of its own (as root, where the machine allows mounting), else skip."""
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small filesystem here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(path: Path) -> Path:
    """Write a file until the filesystem is full."""
    filler = path / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as out:
        while True:
            out.write(b"\0" * 65536)
            out.flush()
    return filler


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file on a full disk")
def test_a_full_disk_is_answered_503_and_the_votes_go_in_once_there_is_room(
    election_with_voters, tmp_path
):
    election, ranking, voters = election_with_voters
    source = Path(connection.settings_dict["NAME"])
    megabytes = source.stat().st_size // 2**20 + 8
    with small_filesystem(tmp_path / "disk", megabytes) as disk:
        # A copy of the test database on the small disk, by SQLite's online backup (the test
        # database itself is only read), in WAL mode with its WAL and shared memory made.
        database = disk / "newcourse.sqlite3"
        copy = sqlite3.connect(database)
        try:
            connection.ensure_connection()
            connection.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=WAL")
            copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            copy.close()
        server = Server(environment(tmp_path, DATABASE_URL=f"sqlite:///{database}"))
        server.start()
        filler = fill(disk)
        refusals = threading.Semaphore(0)

        def room_again() -> None:
            for _n in range(20):
                refusals.acquire()
            filler.unlink()

        def answered(answer: str) -> None:
            if answer == "503":
                refusals.release()

        started = time.monotonic()
        try:
            threading.Thread(target=room_again, daemon=True).start()
            tally = cast_until_acknowledged(
                lambda: server.port, election.pk, ranking, voters, on_answer=answered
            )
        finally:
            server.kill()
        stored = sqlite3.connect(database)
        try:
            box = stored.execute(
                "SELECT count(*) FROM elections_ballot WHERE election_id = ?", (election.pk,)
            ).fetchone()[0]
            in_box = {
                receipt
                for (receipt,) in stored.execute(
                    "SELECT receipt FROM elections_ballot WHERE election_id = ?", (election.pk,)
                )
            }
            marked = stored.execute(
                "SELECT count(*) FROM elections_elector WHERE election_id = ? AND has_voted",
                (election.pk,),
            ).fetchone()[0]
        finally:
            stored.close()

    given = {voter.receipt for voter in voters if voter.receipt is not None}
    report(
        "disk full mid-vote",
        acknowledged=tally.acknowledged,
        lost=len(given) - len(given & in_box),
        inconsistent=abs(box - marked),
        statuses=dict(tally.statuses),
        seconds=round(time.monotonic() - started, 2),
    )
    assert tally.statuses["503"] >= 20
    assert set(tally.statuses) <= {"201", "503"}
    assert tally.acknowledged == len(voters)
    assert (box, marked) == (len(voters), len(voters))


def test_a_backup_taken_while_members_vote_restores_with_full_boxes(
    election_with_voters,
    tmp_path,
    tmp_path_factory,
    empty_target,  # noqa: F811
):
    election, ranking, voters = election_with_voters
    env = environment(tmp_path)
    server = Server(env)
    server.start()
    backup = tmp_path_factory.mktemp("backups") / "during-the-vote.tar.gz"
    answers = threading.Semaphore(0)
    taken: list[subprocess.CompletedProcess[str]] = []

    def back_up_midway() -> None:
        for _n in range(len(voters) // 3):
            answers.acquire()
        taken.append(
            subprocess.run(
                [sys.executable, "-m", "newcourse", "backup", str(backup)],
                env={**env, "NEWCOURSE_SECRET_KEY": ""},
                capture_output=True,
                text=True,
                check=False,
            )
        )

    started = time.monotonic()
    try:
        worker = threading.Thread(target=back_up_midway)
        worker.start()
        tally = cast_until_acknowledged(
            lambda: server.port,
            election.pk,
            ranking,
            voters,
            on_answer=lambda answer: answers.release(),
        )
        worker.join(timeout=120)
    finally:
        server.kill()
        sessions_ended()

    assert tally.acknowledged == len(voters)
    assert taken and taken[0].returncode == 0, taken and taken[0].stderr
    target, url = empty_target
    restored = newcourse(target, "restore", str(backup), database_url=url)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    checked = newcourse(target, "check", database_url=url)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report(
        "backup taken mid-vote, restored",
        acknowledged=tally.acknowledged,
        inconsistent=int(checked.returncode != 0 or "FAILED" in checked.stdout),
        statuses={"backup": taken[0].returncode, "restore": restored.returncode},
        seconds=round(time.monotonic() - started, 2),
    )
    assert "FAILED" not in checked.stdout
