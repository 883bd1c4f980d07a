"""`newcourse election list|export|tick`: elections from the command line and from cron."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newcourse.elections import publication, services
from newcourse.elections.errors import ElectionRefused
from newcourse.elections.models import Election
from newcourse.elections.selectors import all_elections


class Command(BaseCommand):
    help = "List elections, export a counted election's ballots and report, or run the timetable."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="list every election")
        lister.add_argument("--format", choices=["text", "json"], default="text")
        export = sub.add_parser("export", help="write a counted election's ballots and report")
        export.add_argument("election", help="the election's id")
        export.add_argument("--ballots", help="write the anonymised ballots here (BLT)")
        export.add_argument("--result", help="write the published count report here (JSON)")
        sub.add_parser("tick", help="take every step the timetables say is due (for cron)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list(options["format"])
        elif options["action"] == "export":
            self.export(options["election"], options.get("ballots"), options.get("result"))
        else:
            self.tick()

    def list(self, output: str) -> None:
        rows = [
            {
                "id": e.pk,
                "body": e.office.body.slug,
                "office": e.office.title,
                "kind": e.kind,
                "method": e.method,
                "status": e.status,
                "voting_closes_at": e.voting_closes_at.isoformat(),
                "ballots": e.ballots_cast,
                "verifiable": e.verifiable,
            }
            for e in all_elections()
        ]
        if output == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No elections.")
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['status']:<11}  {row['body']}: {row['office']} "
                f"({row['kind']}, {row['method']}, {row['ballots']} ballots)"
            )

    def export(self, election_id: str, ballots: str | None, result: str | None) -> None:
        if not ballots and not result:
            raise CommandError("Give --ballots FILE.blt, --result FILE.json or both.", returncode=2)
        election = (
            Election.objects.select_related("office__body")
            .filter(pk=int(election_id) if election_id.isdigit() else -1)
            .first()
        )
        if election is None:
            raise CommandError(f"There is no election {election_id}.", returncode=2)
        outputs: list[tuple[Path, str]] = []
        try:
            if ballots:
                outputs.append((Path(ballots), publication.ballots_blt(election)))
            if result:
                report = publication.counted_result(election)
                text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
                outputs.append((Path(result), text))
        except ElectionRefused as refused:
            raise CommandError(refused.message, returncode=2) from refused
        for path, _text in outputs:
            check_writable(path)
        for path, text in outputs:
            try:
                path.write_text(text, encoding="utf-8", newline="\n")
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}.", returncode=2) from error
            self.stderr.write(f"Wrote {path}.")

    def tick(self) -> None:
        before = dict(Election.objects.values_list("pk", "status"))
        moved = 0
        for election in services.elections_tick():
            was = before.get(election.pk)
            if was == election.status:
                continue
            moved += 1
            self.stdout.write(
                f"election {election.pk} ({election.office.title}, {election.office.body}): "
                f"{was or 'new'} -> {election.status}"
            )
        if not moved:
            self.stdout.write("Nothing was due.")


def check_writable(path: Path) -> None:
    """Refuse before anything is written, so an export never leaves one file of two."""
    folder = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise CommandError(f"{path} is a folder, not a file.", returncode=2)
    if not folder.is_dir():
        raise CommandError(f"{folder} does not exist.", returncode=2)
    if not os.access(path if path.exists() else folder, os.W_OK):
        raise CommandError(f"{path}: permission denied.", returncode=2)
