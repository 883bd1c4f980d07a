"""`newcourse worker`: the queue's worker (Django's tasks framework, the database backend),
which sends the outbox's mail. `newcourse serve` starts one beside the server; run this on
another host (or under a service manager of its own) when the server runs with
NEWCOURSE_WORKER=0, or to add workers: several take tasks from the same table without taking
the same one twice."""

from __future__ import annotations

import argparse
import os
import socket
import threading
from typing import Any

from django.core.management.base import CommandParser
from django_tasks_db.management.commands.db_worker import Worker

from newcourse import console


class Command(console.Command):
    help = "Run the queue's worker: send the outbox's mail, and retry what failed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run the tasks that are due, then stop"
        )
        parser.add_argument("--stop-with", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(
            queue_names=["*"],
            interval=1.0,
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=f"{socket.gethostname()[:40]}-{os.getpid()}",
            excluded_queue_names=[],
        )
        worker.configure_signals()
        if options["stop_with"] is not None:
            threading.Thread(
                target=_stop_with, args=(worker, options["stop_with"]), daemon=True
            ).start()
        worker.run()


def _stop_with(worker: Worker, parent: int) -> None:
    """Started by `newcourse serve`: stop once the server is gone, even killed outright (the
    task under way, a message being sent, is finished first)."""
    gone = threading.Event()
    while not gone.wait(1.0):
        if os.getppid() != parent:
            worker.running = False
            gone.set()
