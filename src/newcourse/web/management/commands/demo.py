"""`newcourse demo`: migrate, seed the demo organisation (once), print the logins, serve."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from newcourse import console, demo

from .serve import default_workers, serve


class Command(console.Command):
    help = "Set up the demo organisation and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="seed (or reuse) and exit")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if demo.demo_exists():
            self.stdout.write(f"Reusing the demo data in {settings.NEWCOURSE_HOME}.")
        else:
            self.stdout.write("Seeding the demo organisation (a few seconds)…")
            demo.demo_seed()
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):")
        for login in demo.demo_logins():
            self.stdout.write(f"  {login.email:36} {login.role}")
        notes = demo.verifiable_notes(f"http://{options['host']}:{options['port']}")
        if notes:
            self.stdout.write("\n" + "\n".join(notes))
        if options["no_serve"]:
            return
        self.stdout.write(
            f"\nServing on http://{options['host']}:{options['port']}/ (Ctrl-C stops)\n"
        )
        self.stdout.flush()
        serve(
            host=options["host"],
            port=options["port"],
            workers=default_workers(),
            threads=settings.NEWCOURSE_THREADS,
        )
