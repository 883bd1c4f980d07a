"""`newcourse record export|verify|openings|head|peer|countersign`: the open record as a
file, its check against a head someone kept, the check of the personal details kept apart from
it, its signed head, and the peers that witness it."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from newcourse import console, ledger
from newcourse.record import heads, selectors, witnesses
from newcourse.record.consistency import consistency_problems


class Command(console.Command):
    help = (
        "Export the open record as JSON Lines, verify its hash chain (against a head you "
        "kept), print its signed head, register peers and countersign their heads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write the record as JSON Lines")
        export.add_argument("--out", required=True, help="file to write (- for standard output)")
        verify = sub.add_parser("verify", help="check the hash chain")
        verify.add_argument("--file", help="an exported record; without it, the database's")
        verify.add_argument(
            "--head",
            metavar="[SEQ:]HASH",
            help="a head you kept: the record must still hold it (a rewritten one does not)",
        )
        head = sub.add_parser("head", help="print the record's signed head (JSON)")
        head.add_argument(
            "--public-key", action="store_true", help="print the installation's public key only"
        )
        peer = sub.add_parser("peer", help="the installations whose heads this one countersigns")
        peer_sub = peer.add_subparsers(dest="peer_action", required=True)
        add = peer_sub.add_parser("add", help="register a peer installation")
        add.add_argument("name", help="a short name (letters, digits, hyphens)")
        add.add_argument("url", help="the URL of its signed head (…/record/head.json)")
        add.add_argument("public_key", help="its public key (64 hex digits, from …/record/key)")
        peer_sub.add_parser("list", help="list the peers and the last head countersigned")
        sub.add_parser("countersign", help="fetch, check and countersign every peer's head")
        sub.add_parser(
            "openings",
            help="check that every entry's stored personal details match its commitment",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self.export(options["out"])
        elif action == "openings":
            self.openings()
        elif action == "verify":
            self.verify(options.get("file"), options.get("head"))
        elif action == "head":
            self.head(public_key_only=options["public_key"])
        elif action == "peer":
            self.peer(options)
        else:
            self.countersign()

    def export(self, out: str) -> None:
        entries = selectors.record_entries()
        if out == "-":
            report = ledger.write_jsonl(entries, sys.stdout)
        else:
            with console.written_whole(out) as handle:
                report = ledger.write_jsonl(entries, handle)
        self.stderr.write(f"Wrote {report.count} entries to {out}; head {report.head}.")

    def verify(self, file: str | None, head: str | None) -> None:
        """Exit 0 intact, 1 broken or not holding the kept head, 2 unusable input."""
        if file is not None:
            code = ledger.verify_main(["--file", file, *(["--head", head] if head else [])])
            if code:
                sys.exit(code)
            return
        try:
            kept = ledger.parse_kept_head(head) if head is not None else None
        except ValueError as error:
            raise CommandError(f"--head: {error}", returncode=2) from error
        try:
            report = selectors.record_verify(kept=kept)
        except ledger.ChainBroken as broken:
            where = f" at entry {broken.seq}" if broken.seq else ""
            self.stderr.write(f"record broken{where}: {broken.reason}")
            sys.exit(1)
        except DatabaseError as error:  # no database to read at all
            raise CommandError(f"The record cannot be read: {error}", returncode=2) from error
        problems = consistency_problems()
        if problems:
            self.stderr.write(
                f"The chain is intact ({report.count} entries), but the database no longer "
                "matches what the record says of it:"
            )
            for problem in problems:
                self.stderr.write(f"  {problem}")
            sys.exit(1)
        self.stdout.write(f"The record is intact: {report.count} entries, head {report.head}.")
        self.stdout.write(ledger.kept_head_verdict(kept))

    def openings(self) -> None:
        count, broken = selectors.private_parts_check()
        if broken:
            listed = ", ".join(str(seq) for seq in broken[:20])
            self.stderr.write(
                f"{len(broken)} of {count} entries' personal details do not match their "
                f"commitment: entries {listed}."
            )
            sys.exit(1)
        self.stdout.write(f"The personal details of {count} entries match their commitments.")

    def head(self, *, public_key_only: bool) -> None:
        if public_key_only:
            self.stdout.write(heads.public_key())
            return
        signed = heads.signed_head()
        self.stdout.write(json.dumps(signed.to_json(), indent=2))
        self.stderr.write(
            f"Keep it: anyone can check later that the record still holds it with\n"
            f"  newcourse record verify --head {signed.seq}:{signed.hash}\n"
            f"Signed by the public key {heads.public_key()}."
        )

    def peer(self, options: dict[str, Any]) -> None:
        if options["peer_action"] == "add":
            peer = witnesses.peer_add(
                name=options["name"], url=options["url"], public_key=options["public_key"]
            )
            self.stdout.write(f"Added peer {peer.name}; its heads are countersigned from now on.")
            return
        for peer, latest in selectors.peers_with_latest_head():
            seen = f"#{latest.seq} {latest.hash}" if latest else "no head countersigned yet"
            self.stdout.write(f"{peer.name}  {peer.url}  {seen}")

    def countersign(self) -> None:
        checks = witnesses.peers_countersign()
        if not checks:
            self.stdout.write("No peers: add one with `newcourse record peer add`.")
        for check in checks:
            (self.stderr if check.failed else self.stdout).write(check.message)
        if any(check.failed for check in checks):
            sys.exit(1)
