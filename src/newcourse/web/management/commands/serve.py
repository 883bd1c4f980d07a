"""`newcourse serve`: the application behind gunicorn, a production WSGI server."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandParser

from newcourse import console


class Command(console.Command):
    help = "Serve New Course with gunicorn."

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
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            threads=options["threads"],
        )


def serve(*, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from newcourse.wsgi import application

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

        def load(self) -> Any:
            return application

    Server().run()
