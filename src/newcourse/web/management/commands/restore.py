"""`newcourse restore FILE`: a backup into an empty database and data directory, then the
checks of `newcourse check` (newcourse.web.backups, newcourse.web.soundness)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import __version__, console
from newcourse.web.backups import BackupFailed, BackupRefused, restore_read

from .check import data_check, findings_report


class Command(console.Command):
    help = (
        "Restore a backup made by `newcourse backup` into an empty database and data "
        "directory (refused otherwise, nothing changed), then check it as `newcourse check` does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a backup file written by `newcourse backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        try:
            manifest = restore_read(source)
        except BackupRefused as refused:
            raise CommandError(refused.message, returncode=2) from refused
        except BackupFailed as failed:
            raise CommandError(failed.message, returncode=1) from failed
        self.stdout.write(
            f"Restored {source}: the {manifest['engine']} database and "
            f"{len(manifest['files'])} files of the data directory, backed up "
            f"{manifest['created_at']} by newcourse {manifest['version']}."
        )
        if manifest["version"] != __version__:
            self.stdout.write(f"This is newcourse {__version__}.")
        if os.environ.get("NEWCOURSE_SECRET_KEY"):
            self.stderr.write(
                "NEWCOURSE_SECRET_KEY is set: it, not the restored secret_key file, is used. "
                "Unset it (or give it the backup's key) or members are logged out."
            )
        self.stdout.write("Checking what was restored (`newcourse check`):")
        findings_report(self, data_check())
