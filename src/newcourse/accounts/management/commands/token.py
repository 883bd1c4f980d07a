"""`newcourse token create|revoke`: API tokens for programs acting as a person."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from newcourse import console
from newcourse.accounts.tokens import api_token_create, api_token_revoke


class Command(console.Command):
    help = "Create an API token for a login (printed once), or revoke one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("email", help="the login's email address")
        create.add_argument("--name", default="default", help="what the token is for")
        revoke = sub.add_parser("revoke", help="revoke a token")
        revoke.add_argument("email", help="the login's email address")
        revoke.add_argument("--name", required=True, help="the token's name")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            row, token = api_token_create(email=options["email"], name=options["name"])
            self.stderr.write(
                f"Token “{row.name}” for {row.user.email}, valid until "
                f"{row.expires_at:%Y-%m-%d %H:%M %Z}; it is shown only now. Send it as "
                "“Authorization: Bearer TOKEN”."
            )
            self.stdout.write(token)
        else:
            api_token_revoke(email=options["email"], name=options["name"])
            self.stdout.write(f"Revoked the token “{options['name']}” of {options['email']}.")
