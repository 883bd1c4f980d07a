"""The base of every `newcourse` management command: the CLI's one mapping of refusals.

A service's refusal (`newcourse.refusals.Refused`) becomes its message on stderr and exit code 2,
the same code a command gives for bad arguments, so scripts can tell "refused" (2) from "broke"
(1, with a traceback worth reporting). Commands raise or let refusals pass; none catches them.
The database down or the disk full is exit code 75 (EX_TEMPFAIL) with one line, no traceback;
a database not set up yet (or not migrated) is exit code 2, saying what to run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

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


@contextlib.contextmanager
def written_whole(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A file to write an export to, which appears at `path` whole or not at all: it is written
    beside it under a temporary name, flushed to disk, then renamed over `path`. A full disk or
    a command killed halfway leaves the old file (or none), never one cut mid-entry. A failure
    to write is a refusal naming the file (exit 2), not a traceback."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise CommandError(f"{target} is a folder, not a file.", returncode=REFUSED_EXIT_CODE)
    if not folder.is_dir():
        raise CommandError(f"{folder} does not exist.", returncode=REFUSED_EXIT_CODE)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as error:
        raise CommandError(f"{target}: {error.strerror}.", returncode=REFUSED_EXIT_CODE) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        nothing = "nothing was written" if not target.exists() else "the old file is unchanged"
        raise CommandError(
            f"{target}: {error.strerror or error}; {nothing}.", returncode=REFUSED_EXIT_CODE
        ) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
