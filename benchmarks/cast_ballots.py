"""Ballots cast per second through the real vote page, served by `newcourse serve`.

Builds, in a fresh temporary data directory (and, for PostgreSQL, a fresh database), one body
of N members imported in bulk, an office and an election with three standing candidates whose
voting is open now (electorate frozen), a logged-in session and a CSRF token for every voter.
Then it starts `newcourse serve` on a free loopback port and has `--concurrency` clients cast
one ballot per voter (the confirming POST of the vote page, a random valid ranking, a new
connection per voter), and prints the sustained rate, the latency percentiles and the errors,
and checks against the database that every acknowledged receipt is in the ballot box and
nothing else is.

    .venv/bin/python benchmarks/cast_ballots.py [--database sqlite|postgres] [--voters 3000]
        [--concurrency 100] [--workers N] [--threads N]

PostgreSQL: the server at --pg-url (default postgres://postgres@127.0.0.1:5432, trust auth);
the database `newcourse_bench` is created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import served

ROOT = Path(__file__).resolve().parent.parent
NEWCOURSE = Path(sys.executable).parent / "newcourse"
BENCH_DB = "newcourse_bench"
RECEIPT = re.compile(rb'id="receipt">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<')


@dataclass
class Voter:
    session_key: str
    csrf: str
    fields: dict[str, str]


@dataclass
class Outcome:
    latency: float
    status: int  # 0: no HTTP answer
    receipt: str | None
    error: str | None = None


@dataclass
class Casting:
    outcomes: list[Outcome] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    not_attempted: int = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--voters", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument(
        "--workers", type=int, default=None, help="server processes (default: serve's own)"
    )
    parser.add_argument("--threads", type=int, default=8, help="threads each (default 8)")
    parser.add_argument("--seconds", type=float, default=180, help="bound on the casting phase")
    parser.add_argument("--request-timeout", type=float, default=30)
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="open loop: voters arrive at this many per second (still at most --concurrency "
        "at once) and latency counts from the arrival; default: closed loop, each client "
        "casts its next ballot as soon as the last is answered",
    )
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()
    # serve's default: one process on SQLite (live updates stay within it), two on PostgreSQL.
    workers = args.workers or (2 if args.database == "postgres" else 1)
    threads = args.threads

    home = Path(tempfile.mkdtemp(prefix="newcourse-bench-ballots-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWCOURSE_")}
    env.pop("DATABASE_URL", None)
    env.update(
        NEWCOURSE_HOME=str(home),
        NEWCOURSE_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="newcourse.settings",
    )
    if args.database == "postgres":
        served.pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        served.pg_admin(args.pg_url, f"CREATE DATABASE {BENCH_DB}")
        env["DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{BENCH_DB}"
    os.environ.clear()
    os.environ.update(env)
    server: subprocess.Popen[bytes] | None = None
    log = None
    try:
        import django

        django.setup()
        from django.db import connections

        print(f"database: {args.database}   workers: {workers}   threads: {threads}")
        mode = f"open loop at {args.rate:g} voters/s" if args.rate else "closed loop"
        print(f"voters: {args.voters}   concurrency: {args.concurrency} ({mode})")
        print(f"load average before: {served.loadavg()}")
        started = time.perf_counter()
        election_pk, voters = build(args.voters)
        print(f"setup (migrate, import, election, sessions): {time.perf_counter() - started:.1f} s")
        connections.close_all()

        port = served.free_port()
        log = (home / "server.log").open("wb")
        server = subprocess.Popen(
            [str(NEWCOURSE), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers), "--threads", str(threads)],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        served.wait_until_serving(port, server)
        asyncio.run(_warm_up(port, election_pk, voters[: args.concurrency]))

        cpu_before = served.cpu_times()
        server_before = served.process_cpu(server.pid)
        client_before = resource.getrusage(resource.RUSAGE_SELF)
        casting = asyncio.run(
            cast_all(
                port,
                election_pk,
                voters,
                args.concurrency,
                args.seconds,
                args.request_timeout,
                args.rate,
            )
        )
        busy = served.cpu_busy(cpu_before, served.cpu_times())
        server_cpu = {
            k: v - server_before.get(k, 0.0) for k, v in served.process_cpu(server.pid).items()
        }
        client_after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (client_after.ru_utime + client_after.ru_stime) - (
            client_before.ru_utime + client_before.ru_stime
        )
        report(casting, busy, client_cpu, server_cpu)
        served.stop(server)
        server = None
        ok = verify(election_pk, casting)
        print(f"load average after: {served.loadavg()}")
        return 0 if ok else 1
    finally:
        if server is not None:
            served.stop(server)
        if log is not None:
            log.close()
        if "django.db" in sys.modules:
            sys.modules["django.db"].connections.close_all()
        if args.database == "postgres":
            served.pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if args.keep:
            print(f"data directory kept: {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def build(n_voters: int) -> tuple[int, list[Voter]]:
    """The organisation, the open election and a session per voter, through the services."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from newcourse.elections import services as elections
    from newcourse.offices import services as office_services
    from newcourse.organisation import roster
    from newcourse.organisation.models import Member

    call_command("migrate", verbosity=0)
    from newcourse import rulebook
    from newcourse.rules import services as rules

    body = rules.organisation_found(
        actor="bench",
        name="Bench Union",
        kind="Union",
        text=rulebook.model_text("trade-union", "en"),
        source="model:trade-union.en",
        effective_on=datetime.date(2000, 1, 1),
    )
    lines = ["email,full_name,joined_on"]
    lines += [f"voter{n}@example.org,Voter {n},2020-01-01" for n in range(n_voters)]
    roster.members_import(actor="bench", body=body, text="\n".join(lines) + "\n")
    members = list(Member.objects.filter(body=body).select_related("person").order_by("pk"))
    assert len(members) == n_voters, (len(members), n_voters)

    now = timezone.now()
    earlier = now - datetime.timedelta(days=2)
    office = office_services.office_create(actor="bench", body=body, title="Committee", seats=1)
    election = elections.election_schedule(
        actor="bench",
        office=office,
        nominations_open_at=now - datetime.timedelta(days=3),
        nominations_close_at=now - datetime.timedelta(hours=1),
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(days=1),
    )
    elections.election_advance(election=election, now=earlier)
    nominator, seconder = members[3], members[4]
    for member in members[:3]:
        nomination = elections.candidate_nominate(
            nominator=nominator, election=election, candidate=member, now=earlier
        )
        elections.candidate_second(seconder=seconder, candidate=nomination, now=earlier)
        elections.candidate_accept(member=member, candidate=nomination, now=earlier)
    election = elections.election_advance(election=election, now=now)
    assert election.status == "voting" and election.electorate_size == n_voters, (
        election.status,
        election.electorate_size,
    )
    candidates = [str(pk) for pk in election.candidates.standing().values_list("pk", flat=True)]

    backend = settings.AUTHENTICATION_BACKENDS[0]
    expires = now + datetime.timedelta(days=1)
    store = SessionStore()
    sessions, voters = [], []
    for member in members:
        person = member.person
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(person.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: person.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        ranking = random.sample(candidates, random.randint(1, len(candidates)))
        fields = {f"c{pk}": str(rank) for rank, pk in enumerate(ranking, start=1)}
        voters.append(Voter(key, get_random_string(32), fields))
    Session.objects.bulk_create(sessions, batch_size=1000)
    return election.pk, voters


def _request(port: int, path: str, voter: Voter, body: bytes | None) -> bytes:
    cookies = f"sessionid={voter.session_key}; csrftoken={voter.csrf}"
    lines = [
        f"{'POST' if body is not None else 'GET'} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"Cookie: {cookies}",
        f"X-CSRFToken: {voter.csrf}",
        "Connection: close",
    ]
    if body is not None:
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


async def _warm_up(port: int, election_pk: int, voters: list[Voter]) -> None:
    """Bring every worker's templates and URL resolver up with GETs of the ballot page."""
    path = f"/elections/{election_pk}/vote/"
    results = await asyncio.gather(
        *(served.exchange(port, _request(port, path, v, None)) for v in voters),
        return_exceptions=True,
    )
    codes = [r[0] if isinstance(r, tuple) else type(r).__name__ for r in results]
    if any(code != 200 for code in codes):
        raise SystemExit(f"warm-up GETs of the ballot page failed: {sorted(set(map(str, codes)))}")


async def cast_all(
    port: int,
    election_pk: int,
    voters: list[Voter],
    concurrency: int,
    seconds: float,
    request_timeout: float,
    rate: float | None = None,
) -> Casting:
    path = f"/elections/{election_pk}/vote/"
    queue: asyncio.Queue[tuple[int, Voter]] = asyncio.Queue()
    for index, voter in enumerate(voters):
        queue.put_nowait((index, voter))
    casting = Casting()
    casting.started = time.perf_counter()
    deadline = casting.started + seconds

    async def client() -> None:
        while time.perf_counter() < deadline:
            try:
                index, voter = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            body = urllib.parse.urlencode({**voter.fields, "confirm": "yes"}).encode()
            payload = _request(port, path, voter, body)
            began = time.perf_counter()
            if rate:  # the voter arrives on schedule; waiting for a free client counts
                began = casting.started + index / rate
                await asyncio.sleep(max(0.0, began - time.perf_counter()))
            try:
                status, raw = await asyncio.wait_for(
                    served.exchange(port, payload), request_timeout
                )
            except TimeoutError:
                casting.outcomes.append(Outcome(time.perf_counter() - began, 0, None, "timeout"))
                continue
            except OSError as exc:
                name = type(exc).__name__
                casting.outcomes.append(Outcome(time.perf_counter() - began, 0, None, name))
                continue
            latency = time.perf_counter() - began
            found = RECEIPT.search(raw) if status == 200 else None
            receipt = found.group(1).decode() if found else None
            error = None if receipt else f"HTTP {status}" + ("" if status != 200 else " no receipt")
            casting.outcomes.append(Outcome(latency, status, receipt, error))

    await asyncio.gather(*(client() for _ in range(concurrency)))
    casting.finished = time.perf_counter()
    casting.not_attempted = queue.qsize()
    return casting


def report(casting: Casting, busy: float, client_cpu: float, server_cpu: dict[str, float]) -> None:
    wall = casting.finished - casting.started
    acknowledged = [o for o in casting.outcomes if o.receipt]
    errors: dict[str, int] = {}
    for outcome in casting.outcomes:
        if outcome.error:
            errors[outcome.error] = errors.get(outcome.error, 0) + 1
    latencies = sorted(o.latency * 1000 for o in casting.outcomes)
    print(f"casting phase: {wall:.2f} s wall, {len(casting.outcomes)} requests")
    print(f"sustained ballots per second: {len(acknowledged) / wall:.1f}")
    print(
        "latency ms: p50 {:.0f}   p95 {:.0f}   p99 {:.0f}   max {:.0f}".format(
            *(served.percentile(latencies, p) for p in (50, 95, 99, 100))
        )
    )
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(errors.items()))
    print(f"errors: {sum(errors.values())}" + (f" ({detail})" if detail else ""))
    if casting.not_attempted:
        print(f"not attempted (time bound reached): {casting.not_attempted}")
    print(f"cpu busy (all cores, all processes) while casting: {busy:.0%}")
    if acknowledged:
        n = len(acknowledged)
        per = "   ".join(f"{k} {v * 1000 / n:.1f}" for k, v in server_cpu.items())
        print(f"cpu ms per acknowledged ballot: {per}   client {client_cpu * 1000 / n:.1f}")
        spent = sum(server_cpu.values()) + client_cpu
        cores = os.cpu_count() or 1
        print(
            f"cores used by server, database and client: {spent / wall:.2f} of {cores}; "
            f"at this cpu cost all {cores} idle cores would sustain "
            f"{n * cores / spent:.0f} ballots/s"
        )


def verify(election_pk: int, casting: Casting) -> bool:
    from newcourse.elections.models import Ballot, Elector

    acknowledged = [o.receipt for o in casting.outcomes if o.receipt]
    in_box = set(Ballot.objects.filter(election_id=election_pk).values_list("receipt", flat=True))
    marked = Elector.objects.filter(election_id=election_pk, has_voted=True).count()
    missing = [r for r in acknowledged if r not in in_box]
    print(
        f"ballots in the box: {len(in_box)}   acknowledged receipts: {len(acknowledged)}   "
        f"electors marked as voted: {marked}   acknowledged but missing: {len(missing)}"
    )
    ok = len(in_box) == len(acknowledged) == len(set(acknowledged)) == marked and not missing
    print(f"every acknowledged ballot counted: {'yes' if ok else 'no'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
