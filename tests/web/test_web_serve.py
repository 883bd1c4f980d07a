"""`newcourse serve` runs one scheduler for the whole server, which stops with it; it serves
live streams, which end when it stops rather than holding it up."""

from __future__ import annotations

import contextlib
import datetime
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from tests.live import channels  # noqa: F401 - registers test-members:…, published below
from tests.processes import database_url, free_port

from newcourse.elections.models import Election, ElectionStatus
from newcourse.live import live_publish
from newcourse.web.management.commands.serve import default_workers, scheduler_start, serve

ROOT = Path(__file__).resolve().parents[2]


def several_workers() -> int:
    """Several workers where live updates reach them all (PostgreSQL), else the one."""
    return 3 if connection.vendor == "postgresql" else 1


def test_no_scheduler_when_tick_seconds_is_0():
    assert scheduler_start(0) is None


def test_several_workers_are_refused_when_live_updates_stay_within_a_process(settings):
    settings.NEWCOURSE_LIVE = "process"

    with pytest.raises(CommandError, match="2 workers, but live updates stay within one process"):
        serve(host="127.0.0.1", port=free_port(), workers=2, threads=8)


@pytest.mark.parametrize(("live", "workers"), [("process", 1), ("postgresql", 2)])
def test_the_default_workers_follow_how_live_updates_travel(settings, live, workers):
    settings.NEWCOURSE_WORKERS = 0
    settings.NEWCOURSE_LIVE = live

    assert default_workers() == workers


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
        [
            *(sys.executable, "-m", "newcourse", "serve", "--port", str(port)),
            *("--workers", str(several_workers())),
        ],
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


def _event(response: http.client.HTTPResponse) -> bytes:
    """The next server-sent event or comment, up to its blank line."""
    lines = []
    while (line := response.readline()) not in (b"\n", b""):
        lines.append(line)
    return b"".join(lines)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_serve_streams_a_channel_and_stops_at_once_with_streams_open(tree, make_member, tmp_path):
    """Through a real server: the stream's first event is the current state, a change committed
    by another process (on PostgreSQL, where changes travel between processes) is the next,
    and SIGTERM stops the server well within its 10 s of grace for requests, the stream ended."""
    make_member(tree["north"])
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NEWCOURSE_HOME": str(tmp_path),
        "NEWCOURSE_SECRET_KEY": settings.SECRET_KEY,
        "NEWCOURSE_TICK_SECONDS": "0",
        # The test channels (tests/live/channels.py), registered in the server's workers too.
        "DJANGO_SETTINGS_MODULE": "tests.live.served_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "newcourse", "serve", "--port", str(port)),
            *("--workers", str(1 if connection.vendor != "postgresql" else 2)),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    stream = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stream.request("GET", "/live/test-members:north/")
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
                stream.close()
        response = stream.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        assert _event(response).startswith(b"retry: ")
        assert _event(response).endswith(b"data: <p>1 members</p>\n")
        if connection.vendor == "postgresql":
            with transaction.atomic():
                make_member(tree["north"])
                live_publish("test-members:north")
            assert _event(response).endswith(b"data: <p>2 members</p>\n")

        stopping = time.monotonic()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert time.monotonic() - stopping < 5
        assert response.read() == b""  # the stream ended
    finally:
        stream.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
