"""`newcourse serve`: the application under uvicorn, a production ASGI server (an ASGI one so
that pages can update live: newcourse.live), the one scheduler that takes the timetables'
due steps, and the queue's worker that sends the mail."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

import uvicorn
from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from uvicorn.config import LOGGING_CONFIG

from newcourse import console
from newcourse.accounts.email import email_delivers

logger = logging.getLogger(__name__)
# How long a scheduler or worker in the middle of a step is given to finish it when the server
# stops.
SCHEDULER_STOP_SECONDS = 30
# How often the server checks that its scheduler and worker are still running.
SUPERVISE_SECONDS = 2.0
# One that ran this long before dying is restarted at once, not after a back-off.
HEALTHY_SECONDS = 60.0

Start = Callable[[], "subprocess.Popen[bytes] | None"]


class Command(console.Command):
    help = (
        "Serve New Course with uvicorn, with its scheduler (NEWCOURSE_TICK_SECONDS) and the "
        "queue's worker (NEWCOURSE_WORKER)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="server processes (default NEWCOURSE_WORKERS, else 1 with live updates "
            "within one process, 2 with live updates through PostgreSQL)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="ordinary requests each process handles at once, live streams aside "
            "(default NEWCOURSE_THREADS, else 8)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not email_delivers():
            self.stderr.write(
                "warning: email is not delivered (no NEWCOURSE_EMAIL_HOST): password reset by "
                "email is refused; see docs/deploy.md."
            )
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"] or default_workers(),
            threads=options["threads"] or settings.NEWCOURSE_THREADS,
        )


def default_workers() -> int:
    """NEWCOURSE_WORKERS, else one process when live updates stay within a process (several
    would each have their own delegates, and a vote taken by one would not reach the others),
    two when they go through PostgreSQL (one per core of a small server)."""
    if settings.NEWCOURSE_WORKERS:
        return int(settings.NEWCOURSE_WORKERS)
    return 1 if settings.NEWCOURSE_LIVE == "process" else 2


def scheduler_start(seconds: int) -> subprocess.Popen[bytes] | None:
    """Start the scheduler: one process for the whole server, not one per worker, running
    `newcourse election tick --every SECONDS`. A process of its own, not a thread of the
    server's: a long step (printing the conference papers) then never holds up requests, and
    the server's event loop never waits on it. It stops with the server (`companion_stop`),
    and by itself if the server is killed outright."""
    if seconds <= 0:
        return None
    command = [sys.executable, "-m", "newcourse", "election", "tick", "--every", str(seconds)]
    return subprocess.Popen([*command, "--stop-with", str(os.getpid())])  # noqa: S603


def worker_start() -> subprocess.Popen[bytes] | None:
    """Start the queue's worker (`newcourse worker`), which sends the outbox's mail: one for
    the whole server, unless NEWCOURSE_WORKER=0 (workers then run elsewhere). A process of its
    own, for the scheduler's reasons; it stops with the server."""
    if not settings.NEWCOURSE_WORKER:
        return None
    command = [sys.executable, "-m", "newcourse", "worker", "--stop-with", str(os.getpid())]
    return subprocess.Popen(command)  # noqa: S603


def companion_stop(process: subprocess.Popen[bytes] | None, name: str = "scheduler") -> None:
    """Ask the scheduler (or worker) to stop after the step it is taking, then make sure it
    has."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SCHEDULER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        logger.warning("The %s did not stop in time; killing it", name)
        process.kill()
        process.wait()


def supervise(
    holder: list[subprocess.Popen[bytes] | None],
    start: Start,
    name: str,
    stopping: threading.Event,
) -> None:
    """Keep the scheduler (or the worker) running while the server runs: if it dies (killed,
    out of memory), say so in the log and start it again, waiting longer after each death that
    follows soon after a start (up to a minute), so one that cannot start is not restarted in
    a tight loop. Runs in a thread of the server's first process."""
    delay = 1.0
    started = time.monotonic()
    while not stopping.wait(SUPERVISE_SECONDS):
        process = holder[0]
        if process is None or process.poll() is None:
            continue
        if time.monotonic() - started > HEALTHY_SECONDS:
            delay = 1.0  # it ran well for a while: this death is not a crash loop
        logger.error(
            "The %s stopped (exit code %s); starting it again in %.0f s",
            name,
            process.returncode,
            delay,
        )
        if stopping.wait(delay):
            return
        holder[0] = start()
        started = time.monotonic()
        delay = min(delay * 2, 60.0)


def serve(*, host: str, port: int, workers: int, threads: int) -> None:
    """Serve until stopped (SIGINT, SIGTERM): one process, or `workers` processes that
    uvicorn starts and restarts if one dies; the scheduler and the queue's worker beside
    them, once each."""
    if workers < 1 or threads < 1:
        raise CommandError("--workers and --threads take a number of at least 1.")
    if workers > 1 and settings.NEWCOURSE_LIVE == "process":
        raise CommandError(
            f"{workers} workers, but live updates stay within one process "
            "(NEWCOURSE_LIVE=process, the default on SQLite): a vote taken by one worker would "
            "not reach the delegates connected to another. Serve with one worker (it holds "
            "thousands of live connections), or on PostgreSQL (see the README: Serving)."
        )
    tick_seconds = settings.NEWCOURSE_TICK_SECONDS
    companions: dict[str, tuple[list[subprocess.Popen[bytes] | None], Start]] = {
        "scheduler": ([scheduler_start(tick_seconds)], lambda: scheduler_start(tick_seconds)),
        "worker": ([worker_start()], worker_start),
    }
    stopping = threading.Event()
    for name, (holder, start) in companions.items():
        if holder[0] is not None:
            threading.Thread(
                target=supervise,
                args=(holder, start, name, stopping),
                name=f"{name}-supervisor",
                daemon=True,
            ).start()
    # uvicorn, stopped by SIGTERM, raises it again once it has shut down: as SystemExit, so
    # that the scheduler and worker are stopped below rather than left to notice on their own.
    signal.signal(signal.SIGTERM, _exit)
    try:
        if workers == 1:
            from newcourse.asgi import Application  # noqa: PLC0415 - sets Django up to serve

            uvicorn.run(Application(threads=threads), **_options(host, port))
        else:
            # Each worker is a fresh interpreter that reads its settings from the environment.
            os.environ["NEWCOURSE_THREADS"] = str(threads)
            uvicorn.run("newcourse.asgi:application", workers=workers, **_options(host, port))
    finally:
        stopping.set()
        for name, (holder, _start) in companions.items():
            companion_stop(holder[0], name)


def _exit(_signal: int, _frame: Any) -> NoReturn:
    raise SystemExit(0)


def _options(host: str, port: int) -> dict[str, Any]:
    access_log = os.environ.get("NEWCOURSE_ACCESS_LOG", "")
    return {
        "host": host,
        "port": port,
        "lifespan": "on",
        # No access log unless asked: its times and addresses, set beside the order of
        # requests, are exactly what ballot secrecy must not leave lying about.
        "access_log": bool(access_log),
        "log_config": _log_config(access_log),
        # Whether a request came through a proxy over HTTPS, and from whom, is Django's to
        # decide (NEWCOURSE_BEHIND_PROXY, docs/deploy.md), not the server's.
        "proxy_headers": False,
        "server_header": False,
        # Requests still running when the server stops get this long to finish. Live
        # streams are ended at once (newcourse.asgi), their browsers reconnecting.
        "timeout_graceful_shutdown": 10,
    }


def _log_config(access_log: str) -> dict[str, Any]:
    """uvicorn's logging, its access log (if asked for) going to the file named (or `-`)."""
    config: dict[str, Any] = {
        **LOGGING_CONFIG,
        "handlers": {**LOGGING_CONFIG["handlers"]},
    }
    if access_log and access_log != "-":
        config["formatters"] = {
            **LOGGING_CONFIG["formatters"],
            "access": {**LOGGING_CONFIG["formatters"]["access"], "use_colors": False},
        }
        config["handlers"]["access"] = {
            "formatter": "access",
            "class": "logging.FileHandler",
            "filename": access_log,
        }
    return config
