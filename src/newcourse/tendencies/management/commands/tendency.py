"""`newcourse tendency list [--body SLUG]` and `newcourse tendency show ID`: the tendencies
from the command line, with their signatures counted. Only reads, and never names a signatory:
who signed is shown on the pages, to whom the rulebook allows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.organisation.management.commands.members import find_body
from newcourse.tendencies import selectors
from newcourse.tendencies.models import Tendency


class Command(console.Command):
    help = "List the tendencies (of a body), or show one with its platform and threshold."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="list the tendencies (default: of every body)")
        lister.add_argument("--body", help="short name of the body")
        show = sub.add_parser("show", help="a tendency: platform, status, signatures")
        show.add_argument("tendency", type=int, help="the tendency's id")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list(options.get("body"))
        else:
            self.show(options["tendency"])

    def list(self, slug: str | None) -> None:
        bodies = [find_body(slug)] if slug else None
        tendencies = Tendency.objects.select_related("body").order_by("body__path", "name")
        if bodies is not None:
            tendencies = tendencies.filter(body__in=bodies)
        for tendency in tendencies:
            self.stdout.write(
                f"{tendency.pk:>4}  {tendency.body.slug}  {tendency.name}  [{tendency.status}]  "
                f"{selectors.signature_count(tendency)} signatures"
            )

    def show(self, pk: int) -> None:
        tendency = Tendency.objects.select_related("body").filter(pk=pk).first()
        if tendency is None:
            raise CommandError(f"There is no tendency {pk}.", returncode=2)
        threshold = selectors.threshold_for(tendency.body)
        self.stdout.write(f"{tendency.name} ({tendency.body.slug}): {tendency.status}")
        self.stdout.write(
            f"Signatures: {selectors.signature_count(tendency)}; {threshold.needed} declare a "
            f"tendency in {tendency.body.slug} ({threshold.members} members in good standing)."
        )
        self.stdout.write(
            f"Asking to dissolve it: {selectors.dissolution_count(tendency)} "
            "(more than half of the signatories dissolve it)."
        )
        self.stdout.write("")
        self.stdout.write(tendency.platform)
