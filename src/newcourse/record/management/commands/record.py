"""`newcourse record export|verify|openings`: the open record as a file, its check, and the
check of the personal details kept apart from it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console, ledger
from newcourse.record import selectors


class Command(console.Command):
    help = "Export the open record as JSON Lines, or verify its hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write the record as JSON Lines")
        export.add_argument("--out", required=True, help="file to write (- for standard output)")
        verify = sub.add_parser("verify", help="check the hash chain")
        verify.add_argument("--file", help="an exported record; without it, the database's")
        verify.add_argument("--head", help="the head hash you expect, to detect a cut-off end")
        sub.add_parser(
            "openings",
            help="check that every entry's stored personal details match its commitment",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.export(options["out"])
        elif options["action"] == "openings":
            self.openings()
        else:
            self.verify(options.get("file"), options.get("head"))

    def export(self, out: str) -> None:
        entries = selectors.record_entries()
        if out == "-":
            report = ledger.write_jsonl(entries, sys.stdout)
        else:
            path = Path(out)
            if not path.parent.exists():
                raise CommandError(f"{path.parent} does not exist.", returncode=2)
            report = ledger.write_jsonl(entries, path)
        self.stderr.write(f"Wrote {report.count} entries to {out}; head {report.head}.")

    def verify(self, file: str | None, head: str | None) -> None:
        if file is not None:
            code = ledger.verify_main(["--file", file, *(["--head", head] if head else [])])
            if code:
                sys.exit(code)
            return
        try:
            report = selectors.record_verify(head=head)
        except ValueError as error:  # a --head that is not a hash
            raise CommandError(str(error), returncode=2) from error
        except ledger.ChainBroken as broken:
            self.stderr.write(f"record broken at entry {broken.seq}: {broken.reason}")
            sys.exit(1)
        self.stdout.write(f"The record is intact: {report.count} entries, head {report.head}.")

    def openings(self) -> None:
        count, broken = selectors.private_parts_check()
        if broken:
            listed = ", ".join(str(seq) for seq in broken[:20])
            self.stderr.write(
                f"{len(broken)} of {count} entries' personal details do not match their "
                f"commitment: entries {listed}."
            )
            sys.exit(1)
        self.stdout.write(f"The personal details of {count} entries match their commitments.")
