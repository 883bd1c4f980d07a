"""`newcourse rules show|diff|text|changes|models|found`: the rules from the command line.

Everything here reads, except `found`, which gives an organisation that has none its first
rulebook (once: after that only a rule change carried by conference changes it). No command
sets a parameter. `newcourse rules check FILE` checks a rulebook file without a database (the
pure library's, see `newcourse.cli`).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from newcourse import console
from newcourse import rulebook as library
from newcourse.organisation.management.commands.members import find_body
from newcourse.organisation.models import Body
from newcourse.rules import selectors, services
from newcourse.rules.catalogue import description


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date: “{text}” is not a date (YYYY-MM-DD).", returncode=2) from error


class Command(console.Command):
    help = "Show the rules in force, compare versions, or found an organisation's rulebook."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="the parameters in force for a body on a date")
        show.add_argument("--body", help="short name of the body (default: the top body)")
        show.add_argument("--date", help="YYYY-MM-DD (default: today)")
        show.add_argument("--format", choices=["text", "json"], default="text")
        diff = sub.add_parser("diff", help="what changed between two versions")
        diff.add_argument("old", type=int, help="a version number")
        diff.add_argument("new", type=int, help="a later (or earlier) version number")
        diff.add_argument("--body", help="short name of the body (default: the top body)")
        diff.add_argument("--format", choices=["text", "json"], default="text")
        text = sub.add_parser("text", help="a version's text, with its line numbers")
        text.add_argument("--body", help="short name of the body (default: the top body)")
        text.add_argument("--version", type=int, help="default: the one in force today")
        changes = sub.add_parser("changes", help="the rule changes proposed and decided")
        changes.add_argument("--body", help="short name of the body (default: every body)")
        sub.add_parser("models", help="the model rulebooks an organisation can start from")
        found = sub.add_parser("found", help="give an organisation its first rulebook, once")
        found.add_argument("--body", help="short name of the top body (default: the top body)")
        source = found.add_mutually_exclusive_group(required=True)
        source.add_argument("--model", choices=library.MODEL_KEYS)
        source.add_argument("--file", help="a rulebook file of your own")
        found.add_argument("--language", choices=library.MODEL_LANGUAGES, default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "show":
            self.show(options)
        elif action == "diff":
            self.diff(options)
        elif action == "text":
            self.text(options)
        elif action == "changes":
            self.changes(options.get("body"))
        elif action == "models":
            for model in library.MODELS:
                self.stdout.write(f"{model.key:<14} {model.language}  {model.title}")
        else:
            self.found(options)

    def show(self, options: dict[str, Any]) -> None:
        body = find_body(options.get("body"))
        on = _date(options["date"]) if options.get("date") else timezone.localdate()
        rules = selectors.rules_for(body, on)
        parameters = {
            name: library.json_value(library.CATALOGUE[name].kind, value)
            for name, value in sorted(rules.values.items())
        }
        if options["format"] == "json":
            document = {
                "version": rules.rulebook_version,
                "standing_orders_version": rules.standing_orders_version,
                "body": body.slug,
                "date": on.isoformat(),
                "parameters": parameters,
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
            return
        orders = (
            f", standing orders version {rules.standing_orders_version}"
            if rules.standing_orders_version
            else ""
        )
        self.stdout.write(
            f"The rules of {body} on {on.isoformat()}: rulebook version "
            f"{rules.rulebook_version}{orders}."
        )
        width = max(len(name) for name in parameters)
        for name in sorted(rules.values):
            self.stdout.write(f"  {name:<{width}}  {rules.written(name):<10}  {description(name)}")

    def _versions(self, options: dict[str, Any]) -> tuple[Any, Any]:
        body = find_body(options.get("body"))
        found = []
        for number in (options["old"], options["new"]):
            version = selectors.version_of(body, number)
            if version is None:
                raise CommandError(f"{body} has no version {number} of its rules.", returncode=2)
            found.append(version)
        return found[0], found[1]

    def diff(self, options: dict[str, Any]) -> None:
        old, new = self._versions(options)
        comparison = selectors.versions_compared(old, new)
        if options["format"] == "json":
            self.stdout.write(json.dumps(comparison.as_json(), indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"The rules of {old.body}: version {old.number} (in force from "
            f"{old.effective_on}) against version {new.number} (from {new.effective_on})."
        )
        if not comparison.parameters and not comparison.text:
            self.stdout.write("No difference.")
            return
        for change in comparison.parameters:
            self.stdout.write(f"  {change.name}: {change.old or '-'} -> {change.new or '-'}")
        if comparison.text:
            self.stdout.write("")
            self.stdout.write(comparison.text.rstrip("\n"))

    def text(self, options: dict[str, Any]) -> None:
        body = find_body(options.get("body"))
        if options.get("version") is not None:
            version = selectors.version_of(body, options["version"])
        else:
            version = selectors.version_in_force(body, timezone.localdate())
        if version is None:
            raise CommandError(f"{body} has no such version of its rules.", returncode=2)
        for line in selectors.numbered_lines(version):
            self.stdout.write(f"{line.number:>5}  {line.text}")

    def changes(self, slug: str | None) -> None:
        if slug:
            changes = selectors.rule_changes_of(find_body(slug))
        else:
            changes = selectors.rule_changes_all()
        if not changes:
            self.stdout.write("No rule change has been proposed.")
        for change in changes:
            self.stdout.write(
                f"{change.pk:>5}  {change.body.slug}: {change.title} — "
                f"{selectors.status_implied(change)}; vote "
                f"{timezone.localtime(change.voting_opens_at):%Y-%m-%d %H:%M} to "
                f"{timezone.localtime(change.voting_closes_at):%Y-%m-%d %H:%M}"
            )

    def found(self, options: dict[str, Any]) -> None:
        if not options.get("body") and not Body.objects.filter(parent=None).exists():
            raise CommandError(
                "There is no organisation yet: found it on its rulebook with `newcourse init "
                "--rulebook MODEL_OR_FILE --name NAME`.",
                returncode=2,
            )
        body = find_body(options.get("body"))
        if options.get("file"):
            path = Path(options["file"])
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: cannot be read ({error}).", returncode=2) from error
            source = "file"
        else:
            text = library.model_text(options["model"], options["language"])
            source = f"model:{options['model']}.{options['language']}"
        version = services.rulebook_found(actor="operator:cli", body=body, text=text, source=source)
        self.stdout.write(
            f"{body} now has its rulebook (version {version.number}, in force from "
            f"{version.effective_on}). From now on only a rule change carried by its "
            "members' vote changes it."
        )
