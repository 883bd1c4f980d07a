"""What an operator does to a running installation, as code: start `newcourse serve` or
`newcourse worker` as processes of their own on the test database, kill them, cut the database
off, and count what voters and members were told. `tests/faults/` asserts on it;
`benchmarks/faults.py` prints it as a table.

Voters cast through the API, each with a bearer token and an Idempotency-Key that stays the
same across their retries (as a voter sending the form again sends the same form key).
"""

from __future__ import annotations

import contextlib
import email
import http.client
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from tests.processes import database_url, free_port


def environment(home: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "NEWCOURSE_HOME": str(home),
        "NEWCOURSE_SECRET_KEY": settings.SECRET_KEY,
        "NEWCOURSE_TICK_SECONDS": "0",
        "NEWCOURSE_WORKER": "0",
        **extra,
    }


class Process:
    """A `newcourse` command run as its own process group, so that a kill takes it whole."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.args, self.env = args, env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newcourse", *self.args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL: no clean-up, as when the machine runs out of memory or the power goes."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Server(Process):
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        super().__init__(["serve", "--port", str(self.port), "--workers", "1"], env)

    def start(self) -> None:
        super().start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                request = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                request.request("GET", "/healthz")
                if request.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start within 60 s")


def sessions_ended(seconds: float = 20.0) -> None:
    """Wait until the killed processes' sessions have left PostgreSQL, so that the test
    database can be dropped at the end of the run."""
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()",
                (name,),
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def report(fault: str, **figures: Any) -> None:
    """Keep a fault's figures for `benchmarks/faults.py`, which names the file to append them
    to in NEWCOURSE_FAULTS_REPORT (nothing is written otherwise)."""
    path = os.environ.get("NEWCOURSE_FAULTS_REPORT")
    if path:
        line = {"fault": fault, "database": connection.vendor, **figures}
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(line, default=dict) + "\n")


def vote_figures(
    election: Any, voters: list[Voter], tally: Tally, seconds: float
) -> dict[str, Any]:
    """What a vote under a fault comes to: receipts given and not in the box (lost), ballots
    in the box against electors marked (inconsistent), what voters were told."""
    from newcourse.elections.models import Ballot, Elector  # noqa: PLC0415

    box = set(Ballot.objects.filter(election=election).values_list("receipt", flat=True))
    marked = Elector.objects.filter(election=election, has_voted=True).count()
    given = {voter.receipt for voter in voters if voter.receipt is not None}
    return {
        "acknowledged": tally.acknowledged,
        "lost": len(given - box),
        "inconsistent": abs(len(box) - marked),
        "duplicate mail": 0,
        "statuses": dict(tally.statuses),
        "seconds": round(seconds, 2),
    }


# Voters ------------------------------------------------------------------------------------


@dataclass
class Voter:
    token: str
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    receipt: str | None = None
    answers: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """What the voters were told, and what the box holds."""

    acknowledged: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    def seen(self, answer: str) -> None:
        self.statuses[answer] += 1


def cast(port: int, election_pk: int, ranking: list[int], voter: Voter) -> str:
    """One attempt: "201" with the receipt kept, another status, or "no answer"."""
    try:
        request = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        request.request(
            "POST",
            f"/api/v1/elections/{election_pk}/ballots/",
            body=json.dumps({"ranking": ranking}),
            headers={
                "Authorization": f"Bearer {voter.token}",
                "Idempotency-Key": voter.key,
                "Content-Type": "application/json",
            },
        )
        response = request.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException):
        answer = "no answer"
    else:
        answer = str(response.status)
        if response.status == 201:
            receipt = json.loads(body)["receipt"]
            if voter.receipt not in (None, receipt):
                answer = "201 with another receipt"
            voter.receipt = receipt
    voter.answers.append(answer)
    return answer


def cast_until_acknowledged(
    port: Callable[[], int],
    election_pk: int,
    ranking: list[int],
    voters: list[Voter],
    *,
    threads: int = 10,
    give_up_after: float = 120.0,
    on_answer: Callable[[str], None] = lambda answer: None,
) -> Tally:
    """Every voter casts, and tries again (same key) until a receipt comes back, as a voter
    told "try again" or left without an answer would."""
    tally = Tally()
    deadline = time.monotonic() + give_up_after
    lock = threading.Lock()

    def vote(voter: Voter) -> None:
        while voter.receipt is None and time.monotonic() < deadline:
            answer = cast(port(), election_pk, ranking, voter)
            with lock:
                tally.seen(answer)
            on_answer(answer)
            if voter.receipt is None:
                time.sleep(0.2)
        if voter.receipt is not None:
            with lock:
                tally.acknowledged += 1

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(vote, voters))
    return tally


# A mail server -----------------------------------------------------------------------------


class MailSink:
    """A mail server on localhost that accepts every message (after `delay` seconds each) and
    keeps its Message-ID and subject."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.received: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        data = []
                        while (part := self.rfile.readline()) not in (b".\r\n", b""):
                            data.append(part)
                        message = email.message_from_bytes(b"".join(data))
                        time.sleep(sink.delay)
                        with sink._lock:
                            sink.received.append(
                                (str(message["Message-ID"]), str(message["Subject"]))
                            )
                        self.wfile.write(b"250 accepted\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def __enter__(self) -> MailSink:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def subjects(self) -> Counter[str]:
        with self._lock:
            return Counter(subject for _message_id, subject in self.received)

    def environment(self) -> dict[str, str]:
        return {
            "NEWCOURSE_EMAIL_HOST": "127.0.0.1",
            "NEWCOURSE_EMAIL_PORT": str(self.port),
            "NEWCOURSE_EMAIL_TLS": "0",
            "NEWCOURSE_FROM_EMAIL": "faults@example.org",
        }


def wait_until(condition: Callable[[], bool], seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# The database cut off (PostgreSQL) --------------------------------------------------------


def backend_pid() -> int:
    """This thread's PostgreSQL session, to spare in `database_cut_off`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def pool_renewed() -> None:
    """After a cut-off, this process's pool holds dead connections: start it afresh."""
    connection.close()
    if getattr(connection, "pool", None) is not None:
        connection.close_pool()


@contextlib.contextmanager
def database_cut_off(*, spare: int) -> Iterator[None]:
    """As when PostgreSQL restarts: every session on the test database but `spare` (the test's
    own) is ended, and new ones are refused until the block ends."""
    import psycopg  # noqa: PLC0415 - PostgreSQL only

    name = connection.settings_dict["NAME"]
    admin_url = database_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> %s",
                (name, spare),
            )
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
