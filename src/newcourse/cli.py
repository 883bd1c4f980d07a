"""`newcourse`: the one command for everything a user runs.

`version`, `count`, `verify`, `teller`, `credentials`, `delegates`, `lists`, `speakers`,
`rules check` and `record verify --file` work without Django (the pure libraries need no
database), and so with the core install alone (`pip install newcourse`); every other command
is Django's or one of ours in an app's `management/commands`, and needs the site's extra
(`newcourse[server]`). Django is imported only once a command needs it, so the pure commands
start fast, and where it is not installed the command says which extra to install.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable

from newcourse import __version__

USAGE = """\
usage: newcourse COMMAND [options]

Commands:
  demo [--no-serve]            set up the demo organisation (SQLite) and serve it
  serve [--port N]             serve the application with uvicorn, its scheduler and its worker
  worker [--batch]             the queue's worker, which sends mail (serve starts one)
  init [--rulebook MODEL|FILE] create the data directory and database, ready to serve; with
                               --rulebook, found the organisation on a model rulebook
                               (trade-union, party, co-operative; --language en|fr) or a file
  check [--deploy]             the configuration, then the stored data: each ballot box against
                               its marked electors, receipts, the database's integrity, the
                               record (exit 0 sound, 1 a check failed, 2 could not run);
                               with --deploy, the production configuration alone
  backup FILE                  a consistent backup in one file while the server runs: database,
                               secret key, the data directory's material (keep it secret)
  restore FILE                 a backup into an empty data directory or database, then check it
  members import FILE --body B import a roster CSV into body B (all rows or none)
  members export [--body B]    write the roster as CSV
  record export --out FILE     write the open record as JSON Lines
  record openings              check the personal details kept apart against the record
  record verify [--file FILE] [--head SEQ:HASH]
                               check the open record's hash chain, and that it still
                               holds a head you kept (without --file: the database's)
  record head                  print the record's signed head (keep it)
  record peer add|list         installations whose signed heads this one countersigns
  record countersign           fetch, check and countersign the peers' heads
  rules show [--body B] [--date D] [--format json]
                               the rulebook's parameters in force (with B's standing orders)
  rules diff V1 V2 [--body B]  what changed between two versions of the rules
  rules text|changes|models    a version's numbered text; the rule changes; the model rulebooks
  rules check FILE             check a rulebook file (no database needed)
  rules found --model M|--file F
                               give an organisation without one its founding rulebook
  office list|create|found     a body's offices: create one, record founding officers
  election list|export|tick    elections: list them, export ballots and result, run the timetable
  election record|tellers ID   a verifiable election: its record, its tellers
  token create|revoke EMAIL    API tokens for /api/v1/
  count FILE --method M        count a ballot file (BLT, CSV or JSON)
  delegates --branches FILE.csv --rule RULE.toml [--format json]
                               delegates per branch from their membership, by a rule
  lists FILE.toml [--format json]
                               a list election's seats per slate and who fills them
  speakers order FILE.json [--format json]
                               a speakers' list in order by its rules, with the reasons
  conference list [--body B]   the conferences (of B and the bodies above it)
  conference show ID [--format json]
                               a conference's timetable and delegates, with the arithmetic
  conference motions ID        a conference's motions: number, body, title
  conference motion MOTION_ID  a motion's decision and its text, by numbered line
  floor CONFERENCE_ID [--format json]
                               a conference sitting: attendance, quorum, votes
  minutes CONFERENCE_ID [--pdf FILE]
                               a conference's minutes as Markdown; its latest PDF to FILE
  tendency list [--body B]     the tendencies (of B), each with its signatures counted
  tendency show ID             a tendency's platform, status, signatures and threshold
  case list [--body B]         due-process cases (of B) as the record shows them, no case file
  case stats --body B [--year Y]
                               a body's charges by whom, against whom, outcomes and times
  actions list --body B [--format json]
                               a body's actions: owner, due date, status, overdue
  actions report --body B [--since DATE] [--owned] [--format json]
                               every action of B's decisions (--owned: that B carries
                               out) since DATE, with its last update
  verify DIR [--tracker T]     verify a verifiable election's record
  teller ...                   a teller's key generation and decryption share
  credentials download|generate|upload
                               the credential authority's steps, on their own machine
  version                      print the version
  help                         this message; `newcourse help COMMAND` for Django's commands

Any other command is one of Django's management commands (migrate, createsuperuser, ...).
Configuration: NEWCOURSE_HOME (data directory, default ./.newcourse), DATABASE_URL,
NEWCOURSE_SECRET_KEY, NEWCOURSE_DEBUG, NEWCOURSE_ALLOWED_HOSTS, NEWCOURSE_EMAIL_BACKEND.
"""


def _pure(module: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        main: Callable[[list[str]], int] = importlib.import_module(module).main
        return main(argv)

    return run


PURE_COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "count": _pure("newcourse.counting._cli"),
    "verify": _pure("newcourse.crypto._verify_cli"),
    "teller": _pure("newcourse.crypto._teller_cli"),
    "credentials": _pure("newcourse.crypto._authority_cli"),
    "delegates": _pure("newcourse.apportionment._cli"),
    "lists": _pure("newcourse.apportionment._slates_cli"),
    "speakers": _pure("newcourse.speakers._cli"),
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args == ["help"] or args[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return 0
    command, rest = args[0], args[1:]
    if command in {"version", "--version"}:
        print(f"newcourse {__version__}")
        return 0
    if command in PURE_COMMANDS:
        return PURE_COMMANDS[command](rest)
    if args[:2] == ["rules", "check"]:
        # A rulebook file is checked with the pure library alone, before any database exists.
        check: Callable[[list[str]], int] = importlib.import_module("newcourse.rulebook._cli").main
        return check(args[1:])
    if args[:2] == ["record", "verify"] and any(a.split("=")[0] == "--file" for a in rest):
        # A downloaded record is checked with the pure library alone: no settings, no database.
        verify_main: Callable[[list[str]], int] = importlib.import_module(
            "newcourse.ledger"
        ).verify_main
        return verify_main(args[2:])
    return _django(["newcourse", *args])


# The packages the site's commands import, by the extra that installs them.
EXTRA_OF_PACKAGE = {
    **dict.fromkeys(
        (
            "django",
            "dj_database_url",
            "django_tasks",
            "django_tasks_db",
            "httptools",
            "polib",
            "segno",
            "uvicorn",
            "uvloop",
            "weasyprint",
            "whitenoise",
        ),
        "server",
    ),
    **dict.fromkeys(("psycopg", "psycopg_pool"), "postgres"),
}
# What runs without each extra.
WITHOUT_EXTRA = {
    "server": "Without it, newcourse runs count, verify, teller, credentials, delegates, lists, "
    "speakers, rules check and record verify --file.",
    "postgres": "Without it, the site runs on SQLite (a DATABASE_URL of sqlite:///…).",
}


def _missing_extra(command: str, error: ModuleNotFoundError) -> int:
    """Tell the user of the core install which extra a command needs, or re-raise a real bug."""
    package = (error.name or "").partition(".")[0]
    extra = EXTRA_OF_PACKAGE.get(package)
    if extra is None:
        raise error
    print(
        f"newcourse: `{command}` needs {package}, which the core install leaves out: "
        f"pip install 'newcourse[{extra}]'. {WITHOUT_EXTRA[extra]}",
        file=sys.stderr,
    )
    return 2


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newcourse.settings")
    command = argv[1]
    # Django only now: `count`, `verify` and `teller` must start fast and work without it.
    try:
        from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415
        from django.core.management import execute_from_command_line  # noqa: PLC0415
    except ModuleNotFoundError as error:
        return _missing_extra(command, error)

    try:
        execute_from_command_line(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except ImproperlyConfigured as error:
        # Django's PostgreSQL backend says it cannot load psycopg; the import it tried is the
        # context of its error, and the postgres extra is the fix.
        cause = error.__context__
        while cause is not None and not (
            isinstance(cause, ModuleNotFoundError)
            and (cause.name or "").partition(".")[0] in EXTRA_OF_PACKAGE
        ):
            cause = cause.__context__
        if isinstance(cause, ModuleNotFoundError):
            return _missing_extra(command, cause)
        # A bad environment variable, named in the message: the operator's fix, no traceback.
        print(f"newcourse: {error}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as error:
        # Django is there but not the rest of the site (or PostgreSQL's driver).
        return _missing_extra(command, error)
    return 0
