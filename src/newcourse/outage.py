"""When the database is down or the disk is full: "try again", not a server error.

PostgreSQL restarting for two seconds, a pool with no connection free, SQLite locked by a long
backup, a full disk: nothing is wrong with the request, and nothing was saved, since the
transaction could not commit. `unavailable(error)` tells such an error from a bug and turns it
into the refusal `Unavailable` (503, with Retry-After), which pages, the API and the CLI answer
as they answer any refusal. It logs one line when the outage is first seen (and again at most
once a minute while it lasts), never a traceback per request: a 15-second outage under load
used to write megabytes of identical tracebacks.

An error that says the code is wrong (no such table, a bad query) is not an outage and still
fails loudly.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from newcourse.refusals import Unavailable

logger = logging.getLogger(__name__)

# How long a client is told to wait before trying again.
RETRY_AFTER_SECONDS = 10
# While an outage lasts, it is logged again at most this often.
LOG_EVERY_SECONDS = 60.0

# PostgreSQL's SQLSTATE classes and codes that mean "not now": connection exceptions (08),
# a transaction rolled back to be tried again (40: serialization failure, deadlock),
# insufficient resources (53: disk full, out of memory, too many connections), operator
# intervention (57P01-57P05: shutting down, starting up, idle-session timeout).
_PG_CLASSES = ("08", "40", "53")
_PG_CODES = ("57P01", "57P02", "57P03", "57P04", "57P05")
# SQLite says so in words.
_SQLITE_WORDS = (
    "database is locked",
    "database or disk is full",
    "disk i/o error",
    "unable to open database",
)

_lock = threading.Lock()
_logged_at = float("-inf")


def unavailable(error: BaseException) -> Unavailable | None:
    """The refusal to answer `error` with, if it means the database or the disk cannot serve
    now; None if it is anything else (a bug, to fail as bugs do)."""
    if not _is_outage(error):
        return None
    _log(error)
    return Unavailable(
        _("The service is unavailable for a moment: nothing was saved. Try again in a minute."),
        retry_after=RETRY_AFTER_SECONDS,
    )


def _is_outage(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    if isinstance(error, InterfaceError):
        return True  # the connection is closed or broken
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate[:2] in _PG_CLASSES or sqlstate in _PG_CODES
    if type(cause).__module__.startswith(("psycopg", "psycopg_pool")):
        # No SQLSTATE: psycopg could not connect at all, or the pool gave no connection in time.
        return True
    message = str(error).lower()
    return any(words in message for words in _SQLITE_WORDS)


def _log(error: BaseException) -> None:
    global _logged_at
    now = time.monotonic()
    with _lock:
        if now - _logged_at < LOG_EVERY_SECONDS:
            return
        _logged_at = now
    first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    logger.error(
        "The database or the disk cannot serve (%s: %s): answering 503 until it can "
        "(logged at most once a minute).",
        type(error).__name__,
        first_line,
    )


def unapplied_migrations() -> list[Any] | None:
    """The migrations this version has that the database lacks; None when it has no tables at
    all (a new data directory). Raises DatabaseError when the database cannot be reached. The
    one test of "set up" that commands, `newcourse check` and `/readyz` share."""
    if "django_migrations" not in connection.introspection.table_names():
        return None
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def not_set_up(error: BaseException) -> str | None:
    """What to run, if `error` (a missing table, say) came of a database that is not set up
    yet, or not migrated to this version; None if the database is whole (then it is a bug).
    A command run on a new data directory used to end in a traceback ("no such table")."""
    if not isinstance(error, DatabaseError):
        return None
    try:
        pending = unapplied_migrations()
    except DatabaseError:
        return None
    if pending is None:
        return _(
            "There is no database yet in %(home)s: `newcourse init` creates one, "
            "`newcourse restore FILE` brings back a backup."
        ) % {"home": settings.NEWCOURSE_HOME}
    if pending:
        return _("The database is from an earlier version: run `newcourse migrate`.")
    return None
