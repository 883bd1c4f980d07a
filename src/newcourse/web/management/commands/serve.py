"""`newcourse serve`: the application behind gunicorn, a production WSGI server, and the one
scheduler that takes the timetables' due steps."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from gunicorn.app.base import BaseApplication

from newcourse import console
from newcourse.accounts.email import email_delivers

logger = logging.getLogger(__name__)
# How long a scheduler in the middle of a step is given to finish it when the server stops.
SCHEDULER_STOP_SECONDS = 30
# How often the server checks that its scheduler is still running.
SUPERVISE_SECONDS = 2.0
# A scheduler that ran this long before dying is restarted at once, not after a back-off.
HEALTHY_SECONDS = 60.0


class Command(console.Command):
    help = "Serve New Course with gunicorn, with its scheduler (NEWCOURSE_TICK_SECONDS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("NEWCOURSE_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("NEWCOURSE_THREADS", "8"))
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
            workers=options["workers"],
            threads=options["threads"],
        )


def scheduler_start(seconds: int) -> subprocess.Popen[bytes] | None:
    """Start the scheduler: one process for the whole server, not one per worker, running
    `newcourse election tick --every SECONDS`. A process of its own, not a thread in
    gunicorn's master, because the master forks the workers: a database connection opened
    there would be shared with them. It stops with the server (`scheduler_stop`), and by
    itself if the server is killed outright."""
    if seconds <= 0:
        return None
    command = [sys.executable, "-m", "newcourse", "election", "tick", "--every", str(seconds)]
    return subprocess.Popen([*command, "--stop-with", str(os.getpid())])  # noqa: S603


def scheduler_stop(process: subprocess.Popen[bytes] | None) -> None:
    """Ask the scheduler to stop after the step it is taking, then make sure it has."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SCHEDULER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        logger.warning("The scheduler did not stop in time; killing it")
        process.kill()
        process.wait()


def scheduler_supervise(
    scheduler: list[subprocess.Popen[bytes] | None], seconds: int, stopping: threading.Event
) -> None:
    """Keep the scheduler running while the server runs: if it dies (killed, out of memory),
    say so in the log and start it again, waiting longer after each death that follows soon
    after a start (up to a minute), so a scheduler that cannot start is not restarted in a
    tight loop. Runs in a thread of gunicorn's master, which only starts processes."""
    delay = 1.0
    started = time.monotonic()
    while not stopping.wait(SUPERVISE_SECONDS):
        process = scheduler[0]
        if process is None or process.poll() is None:
            continue
        if time.monotonic() - started > HEALTHY_SECONDS:
            delay = 1.0  # it ran well for a while: this death is not a crash loop
        logger.error(
            "The scheduler stopped (exit code %s); starting it again in %.0f s",
            process.returncode,
            delay,
        )
        if stopping.wait(delay):
            return
        scheduler[0] = scheduler_start(seconds)
        started = time.monotonic()
        delay = min(delay * 2, 60.0)


def serve(*, host: str, port: int, workers: int, threads: int) -> None:
    # The WSGI application is built only when serving, not whenever commands are listed.
    from newcourse.wsgi import application  # noqa: PLC0415

    scheduler: list[subprocess.Popen[bytes] | None] = [None]
    tick_seconds = settings.NEWCOURSE_TICK_SECONDS

    stopping = threading.Event()

    def when_ready(_server: Any) -> None:  # in gunicorn's master, once, before the workers
        scheduler[0] = scheduler_start(tick_seconds)
        if scheduler[0] is not None:
            threading.Thread(
                target=scheduler_supervise,
                args=(scheduler, tick_seconds, stopping),
                name="scheduler-supervisor",
                daemon=True,
            ).start()

    def on_exit(_server: Any) -> None:
        stopping.set()
        scheduler_stop(scheduler[0])

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            # No access log unless asked: its times and addresses, set beside the order of
            # requests, are exactly what ballot secrecy must not leave lying about.
            if os.environ.get("NEWCOURSE_ACCESS_LOG"):
                self.cfg.set("accesslog", os.environ["NEWCOURSE_ACCESS_LOG"])
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("when_ready", when_ready)
            self.cfg.set("on_exit", on_exit)

        def load(self) -> Any:
            return application

    Server().run()
