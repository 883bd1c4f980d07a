"""`newcourse office list|create|found`: a body's offices from the command line.

An office is created vacant; an election fills it (one opens by itself on the next
`newcourse election tick`). `found` records a new body's founding officers, once per office.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.offices import services
from newcourse.offices.models import CountingMethod, Office, OfficeKind
from newcourse.organisation.management.commands.members import find_body
from newcourse.organisation.models import Member
from newcourse.organisation.officers import Power


class Command(console.Command):
    help = "List a body's offices, create one, or record a new body's founding officers."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="list the offices of a body (default: all)")
        lister.add_argument("--body", help="short name of the body")
        create = sub.add_parser("create", help="create a vacant office")
        create.add_argument("--body", required=True, help="short name of the body")
        create.add_argument("--title", required=True)
        create.add_argument("--kind", choices=OfficeKind.values, default=OfficeKind.POST)
        create.add_argument(
            "--power",
            action="append",
            dest="powers",
            choices=[*Power.values, "none"],
            help="what its officers may do, once per power (default: those of its kind: a post "
            "or committee keeps the register and creates offices); 'none' for no power",
        )
        create.add_argument("--seats", type=int, default=1)
        create.add_argument("--method", choices=CountingMethod.values, default="auto")
        create.add_argument(
            "--verifiable",
            action="store_true",
            help="encrypted ballots counted by the body's tellers (plurality or approval)",
        )
        found = sub.add_parser("found", help="record a new body's founding officers, once")
        found.add_argument("office", type=int, help="the office's id")
        found.add_argument("members", nargs="+", help="membership numbers")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list(options.get("body"))
        elif options["action"] == "create":
            self.create(options)
        else:
            self.found(options["office"], options["members"])

    def list(self, slug: str | None) -> None:
        offices = Office.objects.select_related("body").order_by("body__path", "title")
        if slug:
            offices = offices.filter(body=find_body(slug))
        for office in offices:
            flags = " verifiable" if office.verifiable else ""
            powers = ", ".join(office.powers) or "none"
            self.stdout.write(
                f"{office.pk:>5}  {office.body.slug}: {office.title} ({office.kind}, "
                f"{office.seats} seat(s), {office.counting_method}{flags}) powers: {powers}"
            )

    def create(self, options: dict[str, Any]) -> None:
        if options["seats"] < 1:
            raise CommandError("An office has at least one seat.", returncode=2)
        office = services.office_create(
            actor="operator:cli",
            body=find_body(options["body"]),
            title=options["title"],
            kind=options["kind"],
            powers=_powers(options["powers"]),
            seats=options["seats"],
            method=options["method"],
            verifiable=options["verifiable"],
        )
        self.stdout.write(f"Created office {office.pk}: {office}.")

    def found(self, office_id: int, numbers: list[str]) -> None:
        office = Office.objects.filter(pk=office_id).first()
        if office is None:
            raise CommandError(f"There is no office {office_id}.", returncode=2)
        members = []
        for number in numbers:
            member = Member.objects.filter(number=number).first()
            if member is None:
                raise CommandError(f"There is no member numbered {number}.", returncode=2)
            members.append(member)
        terms = services.term_record_founding(actor="operator:cli", office=office, members=members)
        self.stdout.write(f"Recorded {len(terms)} founding officer(s) of {office}.")


def _powers(named: list[str] | None) -> list[str] | None:
    """The powers given with --power; None (the kind's own) when none is given."""
    if named is None:
        return None
    return [power for power in named if power != "none"]
