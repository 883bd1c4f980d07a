"""`newcourse serve` runs one scheduler for the whole server, which stops with it."""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from newcourse.elections.models import Election, ElectionStatus
from newcourse.web.management.commands.serve import scheduler_start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, for a server of its own (as in test_elections_durability)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = urllib.parse.quote(db.get("USER") or "postgres")
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def test_no_scheduler_when_tick_seconds_is_0():
    assert scheduler_start(0) is None


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.django_db(transaction=True)
def test_serve_runs_one_scheduler_that_moves_elections_and_stops_with_it(
    tree, make_member, voting_election, tmp_path
):
    members = [make_member(tree["north"]) for _ in range(4)]
    election = voting_election(
        tree["region"], candidates=members[:2], proposer=members[2], seconder=members[3]
    )
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NEWCOURSE_HOME": str(tmp_path),
        "NEWCOURSE_SECRET_KEY": settings.SECRET_KEY,
        "NEWCOURSE_TICK_SECONDS": "1",
    }
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newcourse", "serve", "--port", str(port), "--workers", "3"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if Election.objects.get(pk=election.pk).status == ElectionStatus.DECLARED:
                break
            time.sleep(0.2)
        assert Election.objects.get(pk=election.pk).status == ElectionStatus.DECLARED
        schedulers = [
            pid for pid in _children(server.pid) if "election tick --every 1" in _command_line(pid)
        ]
        assert len(schedulers) == 1
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        assert _command_line(schedulers[0]) == ""  # gone, reaped by the server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
