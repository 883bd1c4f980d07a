"""`newcourse check`: Django's system checks of the configuration, then the checks of the stored
data that `newcourse record verify` cannot make alone (newcourse.web.soundness).

Exit 0 when everything holds, 1 when a check fails, 2 when the checks could not run (no database
yet, or one that cannot be reached). With Django's own options (`--deploy`, `--tag`,
`--list-tags`, `--database`, app labels) only the configuration is checked, as before: a
deployment is checked that way before it has a database.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import check as django_check

from newcourse import console
from newcourse.web.soundness import Finding, NotReady, installation_check


class Command(console.Command, django_check.Command):
    help = (
        "Check the configuration (Django's system checks), then the stored data: each ballot "
        "box against its marked electors, receipts, the database's own integrity, verifiable "
        "boards and the open record. Exit 0 all hold, 1 one fails, 2 could not run."
    )

    def handle(self, *app_labels: str, **options: Any) -> None:
        super().handle(*app_labels, **options)
        configuration_only = (
            app_labels
            or options["deploy"]
            or options["tags"]
            or options["list_tags"]
            or options["databases"]
        )
        if not configuration_only:
            findings_report(self, data_check())


def data_check() -> list[Finding]:
    """The data checks, or the reason they could not run as exit code 2."""
    try:
        return installation_check()
    except NotReady as not_ready:
        raise CommandError(not_ready.message, returncode=2) from not_ready


def findings_report(command: console.Command, findings: list[Finding]) -> None:
    """One line per check on stdout; a count of the failures on stderr and exit 1 if any."""
    for finding in findings:
        command.stdout.write(finding.line())
    failed = [finding for finding in findings if finding.failed]
    if failed:
        command.stderr.write(
            f"{len(failed)} of {len(findings)} checks failed: "
            f"{', '.join(finding.check for finding in failed)}."
        )
        sys.exit(1)
