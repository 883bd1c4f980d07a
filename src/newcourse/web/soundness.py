"""What `newcourse check` looks at beyond Django's system checks: whether the stored data still
holds together, which `newcourse record verify` cannot tell alone.

A copy of a live SQLite file taken with `cp` once restored with 1,020 ballots for 1,008 electors
marked as having voted and a corrupt index, and its record still verified: the record gains no
entry while voting runs. So each secret ballot box is counted against its marked electors,
receipts are checked unique (their unique index may be the damaged part), the database runs its
own integrity check, verifiable boards are checked against their hash chains, and the open
record is verified with the same selector `record verify` uses.

Each check gives one `Finding`; a check that finds something says what and where, never who
voted: a box is named by its election, rule change or vote, not by its electors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, QuerySet

from newcourse import ledger
from newcourse.conferences.models import PrioritiesElector, PrioritiesPaper
from newcourse.elections.models import Ballot, Election, Elector
from newcourse.floor.models import FloorPaper, FloorVote, FloorVoter
from newcourse.outage import unapplied_migrations
from newcourse.record.consistency import consistency_problems
from newcourse.record.selectors import record_verify
from newcourse.refusals import Refused
from newcourse.rules.models import RuleChangeBallot, RuleChangeElector
from newcourse.verifiable.models import BoardEntry
from newcourse.verifiable.selectors import board_entries, crypto_election

OK = "ok"
FAILED = "FAILED"
SKIPPED = "skipped"
# How many problems a finding names before it says "and N more".
SHOWN = 10


@dataclass(frozen=True)
class Finding:
    check: str
    status: str  # OK, FAILED or SKIPPED (the database has no such check)
    detail: str

    @property
    def failed(self) -> bool:
        return self.status == FAILED

    def line(self) -> str:
        return f"{self.status:<7} {self.check}: {self.detail}"


class NotReady(Exception):
    """There is nothing to check yet, or the database cannot be reached: the checks could not
    run (exit code 2), which is not the same as a check that failed."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def database_where() -> str:
    """The database as an operator names it: the SQLite file, or PostgreSQL's database."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"the SQLite database {name}"
    return f"the {connection.vendor} database {name!r}"


def database_ready() -> None:
    """Refuse (NotReady) unless the database can be reached and carries this version's tables."""
    try:
        pending = unapplied_migrations()
    except DatabaseError as error:
        raise NotReady(f"{database_where()} cannot be reached: {error}".strip()) from error
    if pending is None:
        raise NotReady(
            f"There is no database yet in {settings.NEWCOURSE_HOME} ({database_where()} is "
            "empty): `newcourse init` creates one, `newcourse restore FILE` brings back a backup."
        )
    if pending:
        raise NotReady(
            f"{database_where()} is from an earlier version ({len(pending)} migrations to "
            "apply): run `newcourse migrate`, then check again."
        )


def installation_check() -> list[Finding]:
    """Every check, in order; NotReady if they cannot run at all."""
    database_ready()
    checks: list[Callable[[], Finding]] = [
        database_integrity,
        ballot_boxes,
        receipts_unique,
        verifiable_boards,
        open_record,
    ]
    return [check() for check in checks]


def _listed(problems: list[str]) -> str:
    shown = "; ".join(problems[:SHOWN])
    more = len(problems) - SHOWN
    return f"{shown}; and {more} more" if more > 0 else shown


def database_integrity() -> Finding:
    """The database's own check of its files: SQLite's integrity and foreign key checks. Plain
    PostgreSQL has none; with its amcheck extension installed, every index is checked."""
    name = "database integrity"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            damage = [str(row[0]) for row in cursor.fetchall() if row[0] != "ok"]
            cursor.execute("PRAGMA foreign_key_check")
            dangling = [f"a row of {row[0]} refers to a missing {row[2]}" for row in cursor]
        if damage or dangling:
            return Finding(name, FAILED, _listed(damage + dangling))
        return Finding(name, OK, "SQLite's integrity check and foreign key check find nothing")
    if connection.vendor == "postgresql":
        return _postgresql_indexes(name)
    return Finding(name, SKIPPED, f"not available on {connection.vendor}")


def _postgresql_indexes(name: str) -> Finding:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")
        if cursor.fetchone() is None:
            return Finding(
                name,
                SKIPPED,
                "PostgreSQL has no integrity check of its own; with the amcheck extension "
                "(CREATE EXTENSION amcheck) every index is checked",
            )
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'btree' AND n.nspname = current_schema() "
            "AND c.relpersistence <> 't' AND i.indisready AND i.indisvalid ORDER BY 1"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        damaged = []
        for index in indexes:
            try:
                with connection.cursor() as checking:
                    checking.execute("SELECT bt_index_check(%s::regclass, true)", [index])
            except DatabaseError as error:
                damaged.append(f"{index}: {str(error).strip()}")
    if damaged:
        return Finding(name, FAILED, _listed(damaged))
    return Finding(name, OK, f"amcheck finds the {len(indexes)} indexes sound")


def _per(rows: QuerySet, key: str, counted: str = "pk") -> dict[int, int]:
    """How many rows of `rows` each `key` has (rows counted by `counted`, distinct)."""
    grouped = rows.order_by().values(key).annotate(n=Count(counted, distinct=True))
    return {row[key]: row["n"] for row in grouped}


def _mismatches(
    kind: str, boxes: dict[int, int], marked: dict[int, int], paper: str = "ballots"
) -> list[str]:
    return [
        f"{kind} {pk}: {boxes.get(pk, 0)} {paper}, {marked.get(pk, 0)} marked as having voted"
        for pk in sorted(set(boxes) | set(marked))
        if boxes.get(pk, 0) != marked.get(pk, 0)
    ]


def ballot_boxes() -> Finding:
    """Each secret box holds one ballot per elector marked as having voted: elections (their
    ballots, or on a verifiable election the credentials on its board: a revote supersedes,
    and counts once), rule changes, conference priorities and secret votes on the floor."""
    elections = _per(Ballot.objects.all(), "election")
    for pk, credentials in _per(BoardEntry.objects.all(), "election", "credential").items():
        elections[pk] = elections.get(pk, 0) + credentials
    secret_votes = FloorVoter.objects.filter(vote__kind=FloorVote.Kind.SECRET)
    comparisons: Iterable[tuple[str, dict[int, int], dict[int, int], str]] = [
        (
            "election",
            elections,
            _per(Elector.objects.filter(has_voted=True), "election"),
            "ballots",
        ),
        (
            "rule change",
            _per(RuleChangeBallot.objects.all(), "change"),
            _per(RuleChangeElector.objects.filter(has_voted=True), "change"),
            "ballots",
        ),
        (
            "priorities ballot",
            _per(PrioritiesPaper.objects.all(), "ballot"),
            _per(PrioritiesElector.objects.filter(has_voted=True), "ballot"),
            "papers",
        ),
        (
            "floor vote",
            _per(FloorPaper.objects.all(), "vote"),
            _per(secret_votes, "vote"),
            "papers",
        ),
    ]
    problems: list[str] = []
    boxes = 0
    for kind, box, marked, paper in comparisons:
        boxes += len(set(box) | set(marked))
        problems += _mismatches(kind, box, marked, paper)
    name = "ballot boxes"
    if problems:
        return Finding(name, FAILED, _listed(problems))
    return Finding(
        name, OK, f"every box ({boxes}) holds one ballot per elector marked as having voted"
    )


def receipts_unique() -> Finding:
    """No receipt (or verifiable tracker) twice in one election. The database's unique indexes
    promise it, and a damaged index is what would break the promise."""
    problems = []
    for model, field, what in ((Ballot, "receipt", "receipt"), (BoardEntry, "tracker", "tracker")):
        repeated = (
            model.objects.order_by()
            .values("election", field)
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        problems += [
            f"election {row['election']}: {what} {row[field]} {row['n']} times" for row in repeated
        ]
    counted = Ballot.objects.count() + BoardEntry.objects.count()
    name = "receipts"
    if problems:
        return Finding(name, FAILED, _listed(problems))
    return Finding(name, OK, f"no receipt or tracker twice in an election ({counted} in all)")


def verifiable_boards() -> Finding:
    """Each encrypted election as stored, checked as its page checks it: the election against
    its fingerprint and the whole board against its hash chain (not only the entries this
    process has not seen, as a page does). Not the ballots' proofs: those are the verifier's
    (`newcourse verify`), at about 4 ms a ballot."""
    problems = []
    checked = 0
    for election in Election.objects.filter(verifiable=True).select_related("verification"):
        if not election.encrypted:
            continue
        checked += 1
        try:
            crypto_election(election)
            for _entry in board_entries(election):
                pass  # each entry is checked against the chain as it is read
        except Refused as tampered:
            problems.append(tampered.message)
    name = "verifiable boards"
    if problems:
        return Finding(name, FAILED, _listed(problems))
    return Finding(
        name,
        OK,
        f"every encrypted election ({checked}) matches its fingerprint, its board its hash chain",
    )


def open_record() -> Finding:
    """The open record's hash chain and the rows it vouches for, as `record verify` checks."""
    name = "open record"
    try:
        report = record_verify()
    except ledger.ChainBroken as broken:
        where = f" at entry {broken.seq}" if broken.seq else ""
        return Finding(name, FAILED, f"broken{where}: {broken.reason}")
    problems = consistency_problems()
    if problems:
        return Finding(
            name,
            FAILED,
            "the chain is intact, but the database no longer matches it: " + _listed(problems),
        )
    return Finding(name, OK, f"intact, {report.count} entries, head {report.head}")
