"""`newcourse members import|export`: the roster as CSV, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.organisation import roster
from newcourse.organisation.models import Body


class Command(console.Command):
    help = "Import a roster CSV into a body (all rows or none), or export one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="import a roster CSV")
        importer.add_argument("file", help="CSV file (- for standard input)")
        importer.add_argument("--body", required=True, help="short name of the body")
        exporter = sub.add_parser("export", help="write the roster as CSV")
        exporter.add_argument("--body", help="short name of the body (default: the top body)")
        exporter.add_argument("--out", default="-", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        body = find_body(options.get("body"))
        if options["action"] == "import":
            text = read_text(options["file"])
            report = roster.members_import(actor="operator:cli", body=body, text=text)
            self.stdout.write(report.summary())
        else:
            lines = roster.members_export(body=body)
            if options["out"] == "-":
                sys.stdout.writelines(lines)
            else:
                with console.written_whole(options["out"]) as handle:
                    handle.writelines(line.encode("utf-8") for line in lines)


def find_body(slug: str | None) -> Body:
    if slug is None:
        roots = list(Body.objects.filter(parent=None)[:2])
        if len(roots) != 1:
            raise CommandError("Name the body with --body SHORT_NAME.", returncode=2)
        return roots[0]
    body = Body.objects.filter(slug=slug).first()
    if body is None:
        raise CommandError(f"There is no body with the short name “{slug}”.", returncode=2)
    return body


def read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise CommandError(f"{name}: no such file.", returncode=2) from error
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{name}: not UTF-8 text; save it from your spreadsheet as “CSV UTF-8”.", returncode=2
        ) from error
    except OSError as error:
        raise CommandError(f"{name}: {error.strerror}.", returncode=2) from error
