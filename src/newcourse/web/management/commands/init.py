"""`newcourse init`: a data directory and a migrated database, ready to serve."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command

from newcourse import console


class Command(console.Command):
    help = "Create the data directory and bring the database up to date."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Data directory: {settings.NEWCOURSE_HOME}")
        self.stdout.write(
            "Database ready. Next: `newcourse createsuperuser`, then `newcourse serve`."
        )
