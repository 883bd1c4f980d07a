"""`newcourse case list [--body SLUG]` and `newcourse case stats --body SLUG [--year Y]`: the
cases as the open record shows them (number, body, clauses, status, outcome, dates) and the
figures per body and year. Only reads, and never shows a case file: no names, facts,
evidence, reply, notes or reasons, which are the parties' and the panel's alone."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from newcourse import console
from newcourse.discipline import selectors
from newcourse.discipline.models import Case
from newcourse.organisation.management.commands.members import find_body


class Command(console.Command):
    help = "List the due-process cases (of a body), or show a body's figures for a year."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="list the cases (default: of every body)")
        lister.add_argument("--body", help="short name of the body")
        stats = sub.add_parser("stats", help="a body's charges, outcomes and times in a year")
        stats.add_argument("--body", required=True, help="short name of the body")
        stats.add_argument("--year", type=int, help="the year (default: this year)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list(options.get("body"))
        else:
            body = find_body(options["body"])
            year = options.get("year") or timezone.localdate().year
            figures = selectors.statistics(body, year).as_json()
            self.stdout.write(json.dumps(figures, indent=2))

    def list(self, slug: str | None) -> None:
        cases = Case.objects.select_related("body").order_by("body__path", "filed_at", "pk")
        if slug:
            cases = cases.filter(body=find_body(slug))
        for case in cases:
            outcome = selectors.final_outcome(case) if case.outcome else "-"
            self.stdout.write(
                f"{case.pk:>4}  {case.body.slug}  clauses {', '.join(case.clauses)}  "
                f"[{case.status}]  {outcome}  filed {timezone.localdate(case.filed_at)}"
            )
