"""`newcourse backup FILE`: the database and the data directory's material in one file, taken
while the server runs (newcourse.web.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.web.backups import BackupFailed, BackupRefused, backup_write


class Command(console.Command):
    help = (
        "Write a consistent backup (database, secret key, the data directory's material) to "
        "FILE while the server runs. The file is secret: keep it as the data directory is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the backup file to write (replaced if it exists)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_write(Path(options["file"]))
        except BackupRefused as refused:
            raise CommandError(refused.message, returncode=2) from refused
        except BackupFailed as failed:
            raise CommandError(failed.message, returncode=1) from failed
        self.stdout.write(
            f"Wrote {report.path} ({report.size:,} bytes): the {report.engine} database and "
            f"{len(report.files)} files of the data directory ({report.files_summary()})."
        )
        self.stdout.write(
            "This file is secret and not encrypted: with it anyone can sign in as any member and "
            "sign the record's heads in this installation's name. Keep it where only the "
            "operator can read it (it was written readable by its owner only)."
        )
