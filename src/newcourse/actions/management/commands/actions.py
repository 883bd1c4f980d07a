"""`newcourse actions list --body B [--format json]` and `newcourse actions report --body B
[--since DATE] [--owned] [--format json]`: a body's actions with their status and overdue flag,
and the generated report of every action since a date (with `--owned`, of the actions the body
carries out, for its next meeting). Only reads."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.actions import selectors
from newcourse.organisation.management.commands.members import find_body


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}", returncode=2) from error


class Command(console.Command):
    help = "A body's actions with their status, or the generated report of them since a date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="a body's actions, with status and overdue flag")
        lister.add_argument("--body", required=True, help="short name of the body")
        lister.add_argument("--format", choices=["text", "json"], default="text")
        report = sub.add_parser("report", help="every action of a body since a date")
        report.add_argument("--body", required=True, help="short name of the body")
        report.add_argument("--since", help="YYYY-MM-DD (default: every action)")
        report.add_argument(
            "--owned",
            action="store_true",
            help="the actions B carries out (its report to its next meeting), not B's decisions'",
        )
        report.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        body = find_body(options["body"])
        since = _date(options["since"]) if options.get("since") else None
        report = selectors.action_report(body, since=since, owned=options.get("owned", False))
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        elif options["action"] == "report":
            self.stdout.write(report.as_text(), ending="")
        else:
            for line in report.lines:
                action = line.action
                due = action.due_on.isoformat() if action.due_on else "-"
                overdue = " OVERDUE" if line.overdue else ""
                self.stdout.write(
                    f"{action.pk:>4}  [{action.status}{overdue}]  due {due}  "
                    f"{action.owner_name}  {action.task[:60]}"
                )
