"""Time sealing, exporting and verifying a large open record.

Generates N sealed entries (default 1,000,000) with payloads of about 150 bytes into a
temporary JSON Lines export, then times ``verify_file`` with all CPUs and with one.
Prints figures; asserts nothing about speed.  Usage:

    .venv/bin/python benchmarks/record_verify.py [N] [--single]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from newcourse.ledger import GENESIS_HASH, Entry, seal, verify_file, write_jsonl

ACTIONS = ("member.admitted", "member.transferred", "motion.carried", "ballot.counted")


def entries(count: int) -> Iterator[Entry]:
    """Yield a chain of ``count`` entries with realistic ~150-byte payloads."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        entry = seal(
            seq=seq,
            recorded_at=start + timedelta(seconds=seq, microseconds=seq % 997),
            actor=f"member:{seq % 5000}",
            action=ACTIONS[seq % len(ACTIONS)],
            subject=f"member:{seq}",
            body="branch-north" if seq % 3 else None,
            payload={
                "member": seq,
                "name": f"Zoë Member {seq}",
                "from_body": "branch-south",
                "reason": "moved house; transfer agreed by both branch committees",
                "votes": [seq % 97, seq % 13, 0],
                "by_vote": seq % 2 == 0,
            },
            prev_hash=prev,
        )
        prev = entry.hash
        yield entry


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "record.jsonl")
        began = time.perf_counter()
        report = write_jsonl(entries(count), path)
        generated = time.perf_counter() - began
        size = os.path.getsize(path)
        print(
            f"sealed and exported {report.count:,} entries in {generated:.1f} s "
            f"({size / 1e6:.0f} MB, {size / count:.0f} bytes per line)"
        )
        print(f"CPUs available: {len(os.sched_getaffinity(0))}")
        began = time.perf_counter()
        checked = verify_file(path, head=report.head)
        took = time.perf_counter() - began
        print(
            f"verify_file (all CPUs): {checked.count:,} entries in {took:.1f} s "
            f"({checked.count / took:,.0f} entries/s)"
        )
        if "--single" in argv:
            began = time.perf_counter()
            verify_file(path, head=report.head, workers=1)
            took = time.perf_counter() - began
            print(
                f"verify_file (1 process): {count:,} entries in {took:.1f} s "
                f"({count / took:,.0f} entries/s)"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
