"""`newcourse init`: a data directory and a migrated database, ready to serve; with
`--rulebook`, the organisation founded on a model rulebook (or a file of its own)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse import rulebook as library
from newcourse.organisation.models import Body
from newcourse.rules import selectors, services


class Command(console.Command):
    help = (
        "Create the data directory and bring the database up to date; with --rulebook, found "
        "the organisation on a model rulebook or a rulebook file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rulebook",
            metavar="MODEL_OR_FILE",
            help=f"a model ({', '.join(library.MODEL_KEYS)}) or the path of a rulebook file",
        )
        parser.add_argument(
            "--language",
            choices=library.MODEL_LANGUAGES,
            default="en",
            help="the model's language (default en)",
        )
        parser.add_argument(
            "--name", help="the organisation's name (default: the rulebook's title)"
        )
        parser.add_argument(
            "--kind", default="", help="what it calls its top level (Union, Party...)"
        )
        parser.add_argument("--slug", help="its short name in addresses")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Data directory: {settings.NEWCOURSE_HOME}")
        if options.get("rulebook"):
            self.found(options)
        self.stdout.write(
            "Database ready. Next: `newcourse createsuperuser`, then `newcourse serve`."
        )

    def found(self, options: dict[str, Any]) -> None:
        choice = options["rulebook"]
        if choice in library.MODEL_KEYS:
            text = library.model_text(choice, options["language"])
            source = f"model:{choice}.{options['language']}"
        else:
            path = Path(choice)
            if not path.is_file():
                raise CommandError(
                    f"--rulebook: “{choice}” is neither a model "
                    f"({', '.join(library.MODEL_KEYS)}) nor a file.",
                    returncode=2,
                )
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: cannot be read ({error}).", returncode=2) from error
            source = "file"
        roots = list(Body.objects.filter(parent=None)[:2])
        if roots:
            if len(roots) > 1 or selectors.latest_version(roots[0]) is not None:
                raise CommandError(
                    "This installation's organisation already has its rulebook: it changes "
                    "only by a rule change carried by its members' vote.",
                    returncode=2,
                )
            services.rulebook_found(actor="operator:cli", body=roots[0], text=text, source=source)
            self.stdout.write(f"{roots[0]} now has its rulebook.")
            return
        parsed = services.rulebook_check(text)
        body = services.organisation_found(
            actor="operator:cli",
            name=options.get("name") or parsed.document.title,
            kind=options.get("kind") or "Organisation",
            slug=options.get("slug"),
            text=text,
            source=source,
        )
        self.stdout.write(
            f"Founded {body} (short name {body.slug}) on its rulebook; `newcourse rules show` "
            "prints its parameters."
        )
