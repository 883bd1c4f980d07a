"""`newcourse minutes CONFERENCE_ID [--pdf FILE]`: a conference's minutes as Markdown on
standard output (in the installation's language), to keep in the organisation's archive; with
`--pdf`, also the latest PDF the scheduler rendered, written to FILE. Only reads."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.conferences.models import Conference
from newcourse.floor.minutes_document import minutes_markdown
from newcourse.floor.selectors_minutes import minutes_of, minutes_pdf_of


class Command(console.Command):
    help = "Print a conference's minutes as Markdown; --pdf FILE writes their latest PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("conference", type=int, help="the conference's id")
        parser.add_argument("--pdf", metavar="FILE", help="write the minutes' PDF to FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        conference = (
            Conference.objects.select_related("body").filter(pk=options["conference"]).first()
        )
        if conference is None:
            raise CommandError(f"There is no conference {options['conference']}.", returncode=2)
        pdf = minutes_pdf_of(conference) if options["pdf"] else None
        if options["pdf"] and pdf is None:
            raise CommandError(
                "The minutes' PDF is not rendered yet: the scheduler renders it within a "
                "minute of the floor opening.",
                returncode=2,
            )
        self.stdout.write(minutes_markdown(minutes_of(conference)), ending="")
        if pdf is not None:
            with console.written_whole(options["pdf"]) as out:
                out.write(bytes(pdf.pdf))
            # On standard error, so that standard output stays the Markdown alone.
            self.stderr.write(
                f"The minutes' PDF, rendered at {pdf.rendered_at:%Y-%m-%d %H:%M}, written to "
                f"{options['pdf']}."
            )
