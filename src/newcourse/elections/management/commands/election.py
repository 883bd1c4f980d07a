"""`newcourse election list|export|tick|record|tellers`: elections from the command
line and from cron."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from django import db
from django.core.management.base import CommandError, CommandParser

from newcourse import console
from newcourse.elections import publication, services
from newcourse.elections.models import Election
from newcourse.elections.selectors import all_elections
from newcourse.refusals import NotPermitted, OutsideWindow
from newcourse.verifiable import selectors as verifiable
from newcourse.verifiable.models import TellerMessage, TellerStep

logger = logging.getLogger(__name__)


class Command(console.Command):
    help = (
        "List elections, export a counted election's ballots and report, run the timetable; "
        "for a verifiable election, write its record or show its tellers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="list every election")
        lister.add_argument("--format", choices=["text", "json"], default="text")
        export = sub.add_parser("export", help="write a counted election's ballots and report")
        export.add_argument("election", help="the election's id")
        export.add_argument("--ballots", help="write the anonymised ballots here (BLT)")
        export.add_argument("--result", help="write the published count report here (JSON)")
        tick = sub.add_parser("tick", help="take every step the timetables say is due (for cron)")
        tick.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="keep running, ticking every SECONDS until stopped (the scheduler `serve` starts)",
        )
        # The server that started this scheduler: it stops when that process is gone.
        tick.add_argument("--stop-with", type=int, default=None, help=argparse.SUPPRESS)
        record = sub.add_parser(
            "record", help="write a declared verifiable election's record (for newcourse verify)"
        )
        record.add_argument("election", help="the election's id")
        record.add_argument("--out", required=True, metavar="DIR", help="the record's folder")
        record.add_argument(
            "--force", action="store_true", help="write into DIR even if it is not empty"
        )
        tellers = sub.add_parser(
            "tellers", help="a verifiable election's tellers and the files each has handed in"
        )
        tellers.add_argument("election", help="the election's id")
        tellers.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self.list(options["format"])
        elif action == "export":
            self.export(options["election"], options.get("ballots"), options.get("result"))
        elif action == "record":
            self.record(options["election"], Path(options["out"]), options["force"])
        elif action == "tellers":
            self.tellers(options["election"], options["format"])
        elif options["every"] > 0:
            self.tick_every(options["every"], options["stop_with"])
        else:
            failed = self.tick(quiet=False)
            if failed:
                raise CommandError(
                    f"{failed} step(s) failed; they are tried again at the next tick.", returncode=1
                )

    def list(self, output: str) -> None:
        rows = [
            {
                "id": e.pk,
                "body": e.office.body.slug,
                "office": e.office.title,
                "kind": e.kind,
                "method": e.method,
                "status": e.status,
                "voting_closes_at": e.voting_closes_at.isoformat(),
                "ballots": e.ballots_cast,
                "verifiable": e.verifiable,
            }
            for e in all_elections()
        ]
        if output == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No elections.")
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['status']:<11}  {row['body']}: {row['office']} "
                f"({row['kind']}, {row['method']}, {row['ballots']} ballots)"
            )

    def export(self, election_id: str, ballots: str | None, result: str | None) -> None:
        if not ballots and not result:
            raise CommandError("Give --ballots FILE.blt, --result FILE.json or both.", returncode=2)
        election = election_numbered(election_id)
        outputs: list[tuple[Path, str]] = []
        if ballots:
            outputs.append((Path(ballots), publication.ballots_blt(election)))
        if result:
            report = publication.counted_result(election)
            text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
            outputs.append((Path(result), text))
        for path, _text in outputs:
            check_writable(path)
        for path, text in outputs:
            with console.written_whole(path) as out:
                out.write(text.encode("utf-8"))
            self.stderr.write(f"Wrote {path}.")

    def record(self, election_id: str, out: Path, force: bool) -> None:
        """Write the record's files (index.json among them) into `out`, for `newcourse
        verify`. Refused until a verifiable election's result is declared."""
        election = verifiable_numbered(election_id)
        if not verifiable.record_available(election):
            raise OutsideWindow(
                f"Election {election.pk} has not been declared yet (it is {election.status}): "
                "its record is published with the result."
            )
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} is a file, not a folder.", returncode=2)
        if out.is_dir() and any(out.iterdir()) and not force:
            raise CommandError(
                f"{out} is not empty: give an empty or new folder, or --force to write into it.",
                returncode=2,
            )
        files = verifiable.record_bytes(election)
        try:
            for name, data in files.items():
                path = out / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}.", returncode=2) from error
        self.stderr.write(
            f"Wrote the record of election {election.pk} ({len(files)} files) to {out}. "
            f"Check it with: newcourse verify {out}"
        )

    def tellers(self, election_id: str, output: str) -> None:
        """The tellers, n and t, the election's id in its record, and the files each teller
        has handed in, step by step."""
        election = verifiable_numbered(election_id)
        handed_in: dict[int, list[str]] = {}
        for index, kind in (
            TellerMessage.objects.filter(teller__election=election)
            .order_by("teller__index")
            .values_list("teller__index", "kind")
        ):
            handed_in.setdefault(index, []).append(kind)
        order = list(TellerStep.values)
        rows = [
            {
                "index": teller.index,
                "name": teller.member.person.full_name,
                "number": teller.member.number,
                "handed_in": sorted(handed_in.get(teller.index, []), key=order.index),
            }
            for teller in verifiable.tellers_of(election)
        ]
        summary = {
            "election": election.pk,
            "election_id": election.verification.record_id,
            "status": election.status,
            "tellers": election.verification.tellers,
            "threshold": election.verification.threshold,
            "steps": verifiable.step_counts(election),
            "members": rows,
        }
        if output == "json":
            self.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"Election {election.pk} ({election.office.title}, {election.office.body}), "
            f"{election.status}: record id {summary['election_id']}, "
            f"{summary['tellers']} tellers, threshold {summary['threshold']}."
        )
        steps = summary["steps"]
        self.stdout.write(
            "Handed in: "
            + ", ".join(f"{kind} {steps[kind]}/{summary['tellers']}" for kind in order)
        )
        for row in rows:
            done = ", ".join(row["handed_in"]) or "nothing yet"
            self.stdout.write(f"{row['index']:>3}  {row['name']} ({row['number']}): {done}")

    def tick(self, *, quiet: bool) -> int:
        """One run of the timetable: moves on stdout, failures on stderr; returns how many
        failed."""
        before = dict(Election.objects.values_list("pk", "status"))
        moved = 0
        tick = services.elections_tick()
        for election in tick.touched:
            was = before.get(election.pk)
            if was == election.status:
                continue
            moved += 1
            self.stdout.write(
                f"election {election.pk} ({election.office.title}, {election.office.body}): "
                f"{was or 'new'} -> {election.status}"
            )
        for failure in tick.failures:
            self.stderr.write(
                f"{failure.subject.replace(':', ' ')}: {failure.step} failed: {failure.error} "
                "(logged with its traceback; tried again at the next tick)"
            )
        if not moved and not tick.failures and not quiet:
            self.stdout.write("Nothing was due.")
        return len(tick.failures)

    def tick_every(self, seconds: int, stop_with: int | None) -> None:
        """The scheduler: tick, wait, tick again, until SIGTERM or SIGINT (or, when started by
        `newcourse serve`, until the server is gone). A step under way is finished first."""
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stop.set())
        while not stop.is_set():
            try:
                self.tick(quiet=True)
            except Exception:  # the database may be away for a moment: try at the next tick
                logger.exception("The timetable could not run")
            db.connections.close_all()
            # Wait a second at a time, so that a server killed outright is noticed at once.
            deadline = time.monotonic() + seconds
            while not stop.is_set() and time.monotonic() < deadline:
                if stop_with is not None and os.getppid() != stop_with:
                    return
                stop.wait(min(1.0, max(0.0, deadline - time.monotonic())))


def election_numbered(election_id: str) -> Election:
    election = (
        Election.objects.select_related("office__body")
        .filter(pk=int(election_id) if election_id.isascii() and election_id.isdigit() else -1)
        .first()
    )
    if election is None:
        raise CommandError(f"There is no election {election_id}.", returncode=2)
    if election.encrypted:
        # Nothing is read from an encrypted election that fails the verifier's checks.
        verifiable.stored_election_check(election)
    return election


def verifiable_numbered(election_id: str) -> Election:
    """The election, refused unless its ballots are verifiable."""
    election = election_numbered(election_id)
    if not election.verifiable:
        raise NotPermitted(
            f"Election {election.pk} is not verifiable: its ballots are secret but not "
            "encrypted, so it has no tellers, credentials or election record."
        )
    return election


def check_writable(path: Path) -> None:
    """Refuse before anything is written, so an export never leaves one file of two."""
    folder = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise CommandError(f"{path} is a folder, not a file.", returncode=2)
    if not folder.is_dir():
        raise CommandError(f"{folder} does not exist.", returncode=2)
    if not os.access(path if path.exists() else folder, os.W_OK):
        raise CommandError(f"{path}: permission denied.", returncode=2)
