"""What was tried on a running installation, as an operator would, and what came of it: runs
`tests/faults/` on SQLite and on PostgreSQL and prints, for each fault, the acknowledged
ballots (or messages), those lost, inconsistencies (ballots in the box against electors marked
as voted; messages not sent), duplicate mail, the answers seen, and the time the whole vote (or
mailing) took beside the same vote without a fault, the reference run in the same session.

    .venv/bin/python benchmarks/faults.py [--pg-url postgres://postgres@127.0.0.1:5432/test]
        [--sqlite-only]

Each fault is the test of the same name in tests/faults/: the server SIGKILLed halfway through
the vote and started again; the database cut off for 2 s (PostgreSQL: sessions ended, new ones
refused); the disk full (SQLite on a tmpfs, needs root); the mail worker SIGKILLed a third of
the way through 150 messages, then started again; two workers at once; a backup taken a third
of the way through the vote, restored into an empty installation and checked.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(database_url: str | None) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "faults.jsonl"
        env = {**os.environ, "NEWCOURSE_FAULTS_REPORT": str(report)}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/faults"],
            cwd=ROOT,
            env=env,
            check=False,
        )
        if not report.exists():
            return []
        return [json.loads(line) for line in report.read_text().splitlines()]


def table(rows: list[dict[str, object]]) -> None:
    reference = {
        row["database"]: row["seconds"] for row in rows if row["fault"] == "no fault (reference)"
    }
    print(
        f"{'fault':36} {'db':10} {'ack':>5} {'lost':>5} {'incons.':>7} {'dup mail':>8} "
        f"{'s':>7} {'ratio':>6}  statuses seen"
    )
    for row in rows:
        base = reference.get(row["database"])
        seconds = float(row["seconds"])  # type: ignore[arg-type]
        ratio = f"{seconds / float(base):6.1f}" if base and "mail" not in str(row["fault"]) else ""
        acknowledged = row.get("acknowledged", row.get("posted", ""))
        statuses = ", ".join(f"{k}×{v}" for k, v in dict(row.get("statuses", {})).items())
        lost = row.get("lost", "")
        print(
            f"{row['fault']:36} {row['database']:10} {acknowledged!s:>5} {lost!s:>5} "
            f"{row.get('inconsistent', '')!s:>7} {row.get('duplicate mail', '')!s:>8} "
            f"{seconds:7.1f} {ratio:>6}  {statuses}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    rows = run(None)
    if not args.sqlite_only:
        rows += run(args.pg_url)
    table(rows)
    bad = [row for row in rows if row.get("lost") or row.get("inconsistent")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
