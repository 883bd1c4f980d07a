"""The base of every `newcourse` management command: the CLI's one mapping of refusals.

A service's refusal (`newcourse.refusals.Refused`) becomes its message on stderr and exit code 2,
the same code a command gives for bad arguments, so scripts can tell "refused" (2) from "broke"
(1, with a traceback worth reporting). Commands raise or let refusals pass; none catches them.
The database down or the disk full is exit code 75 (EX_TEMPFAIL) with one line, no traceback;
a database not set up yet (or not migrated) is exit code 2, saying what to run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from newcourse.outage import not_set_up, unavailable
from newcourse.refusals import Refused

REFUSED_EXIT_CODE = 2
# The database down or the disk full (newcourse.outage): sysexits' EX_TEMPFAIL, "try again".
UNAVAILABLE_EXIT_CODE = 75


class Command(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except Refused as refused:
            raise CommandError(refused.message, returncode=REFUSED_EXIT_CODE) from refused
        except Exception as error:
            refused = unavailable(error)
            if refused is not None:
                raise CommandError(refused.message, returncode=UNAVAILABLE_EXIT_CODE) from error
            missing = not_set_up(error)
            if missing is not None:
                raise CommandError(missing, returncode=REFUSED_EXIT_CODE) from error
            raise
