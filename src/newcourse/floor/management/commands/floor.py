"""`newcourse floor CONFERENCE_ID [--format json]`: the hall from the command line — who is
present and whether conference is quorate, the item under debate, the vote open and how many
have voted, and each vote taken with its figures and outcome. Only reads: the floor is run
from the chair's console or through the API."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.conferences.models import Conference
from newcourse.floor import selectors
from newcourse.floor.models import FloorVote


class Command(console.Command):
    help = "Show a conference's floor: attendance, quorum, the vote open and the votes taken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("conference", type=int, help="the conference's id")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        conference = (
            Conference.objects.select_related("body").filter(pk=options["conference"]).first()
        )
        if conference is None:
            raise CommandError(f"There is no conference {options['conference']}.", returncode=2)
        floor = selectors.floor_of(conference)
        attendance = selectors.attendance(conference)
        running = selectors.open_vote(conference)
        taken = list(selectors.votes_of(conference).filter(state=FloorVote.State.CLOSED))
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "conference": conference.pk,
                        "open": floor is not None,
                        "debating": floor.debating.position if floor and floor.debating else None,
                        "credentialed": attendance.credentialed,
                        "present": attendance.present,
                        "remote": attendance.remote,
                        "measure": attendance.measure,
                        "counted": attendance.counted,
                        "of": attendance.of,
                        "needed": attendance.needed,
                        "quorate": attendance.quorate,
                        "vote": selectors.vote_summary(running) if running else None,
                        "votes": [selectors.vote_summary(vote) for vote in taken],
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{conference.title} ({conference.body.slug})")
        if floor is None:
            self.stdout.write("The floor is not open.")
        quorate = "quorate" if attendance.quorate else "NOT quorate"
        counted = (
            f", for delegations representing {attendance.counted} of {attendance.of} members"
            if attendance.measure == "members"
            else ""
        )
        self.stdout.write(
            f"Present: {attendance.present} of {attendance.credentialed} delegates "
            f"({attendance.remote} online){counted}; the quorum is {attendance.needed} "
            f"{attendance.measure}: {quorate}."
        )
        if floor is not None and floor.debating is not None:
            self.stdout.write(f"Under debate: {floor.debating}")
        if running is not None:
            cast = selectors.votes_cast(running) if running.electronic else "hands"
            self.stdout.write(
                f"Open: vote {running.number}, {running.get_kind_display()}: "
                f"{running.question} (cast: {cast})"
            )
        for vote in taken:
            if vote.outcome == FloorVote.Outcome.RETAKEN:
                self.stdout.write(
                    f"{vote.number:>3}  {vote.question}  [{vote.get_kind_display()}]  "
                    f"to be taken again: {vote.retaken_for} demanded"
                )
                continue
            self.stdout.write(
                f"{vote.number:>3}  {vote.question}  [{vote.get_kind_display()}]  "
                f"{vote.votes_for} for, {vote.votes_against} against, {vote.votes_abstain} "
                f"abstaining: {vote.outcome} ({vote.majority})"
            )
