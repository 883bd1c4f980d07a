"""``newcourse record verify --file FILE.jsonl [--head SEQ:HASH]``: checking an export with
no database, and that it still holds a head a member kept.

Pure (no Django), so an auditor can verify a published export with nothing but the
package.  Exit status: 0 intact, 1 broken (naming the first bad entry), 2 unusable input.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from newcourse.ledger._chain import KeptHead, parse_kept_head
from newcourse.ledger._encoding import FORMAT
from newcourse.ledger._errors import ChainBroken, UnreadableRecord
from newcourse.ledger._file import verify_file

_PROGRESS_FROM_BYTES = 16 * 1024 * 1024


def verify_main(argv: Sequence[str] | None = None) -> int:
    """Run ``newcourse record verify`` on an export file; return the exit status.

    ``argv`` is what follows ``record verify`` (``["--file", "x.jsonl", "--head", HASH]``).
    ``--head`` is a head someone kept (``HASH`` or ``SEQ:HASH``): the record must hold it.
    Prints the number of entries checked and the head hash on success (0); prints
    ``record broken at entry N: reason`` on stderr for a broken record or one that no longer
    holds the kept head (1); prints a plain
    message on stderr for unusable input or arguments (2).  Never shows a traceback for
    those.
    """
    parser = argparse.ArgumentParser(
        prog="newcourse record verify",
        description=f"Verify an open-record export ({FORMAT}) without a database.",
    )
    parser.add_argument("--file", required=True, metavar="FILE.jsonl", help="the export")
    parser.add_argument(
        "--head",
        metavar="[SEQ:]HASH",
        help="a head you kept: the record must still hold it (detects a rewritten history)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="processes to use (default: all CPUs)"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return 0 if exit_.code in (0, None) else 2
    try:
        kept = parse_kept_head(args.head) if args.head is not None else None
    except ValueError as error:
        print(f"error: --head: {error}", file=sys.stderr)
        return 2
    progress = _ProgressBar(sys.stderr) if _wants_progress(args.file) else None
    try:
        report = verify_file(args.file, kept=kept, progress=progress, workers=args.workers)
    except ChainBroken as broken:
        _finish(progress)
        where = f" (line {broken.line})" if broken.line is not None else ""
        print(f"record broken at entry {broken.seq}{where}: {broken.reason}", file=sys.stderr)
        return 1
    except UnreadableRecord as error:
        _finish(progress)
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        _finish(progress)
        print(f"error: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    _finish(progress)
    print(f"record intact: {report.count} entries checked")
    print(f"head: {report.head}")
    print(kept_head_verdict(kept))
    return 0


def kept_head_verdict(kept: KeptHead | None) -> str:
    """The last line of a successful check: what it established about kept heads."""
    if kept is None:
        return (
            "(keep this head, or check with --head against one you kept earlier: a record "
            "rewritten since no longer holds it)"
        )
    return f"the record holds the head you kept, {kept}: its history up to there is unchanged"


def _wants_progress(path: str) -> bool:
    try:
        return sys.stderr.isatty() and os.path.getsize(path) >= _PROGRESS_FROM_BYTES
    except OSError:
        return False


class _ProgressBar:
    """A one-line bar on a terminal, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done != total:
            return
        self._last = now
        if total:
            share = done / total
            bar = "#" * int(share * 30)
            self._stream.write(f"\rverifying [{bar:<30}] {share:4.0%}")
        else:
            self._stream.write(f"\rverifying: {done}")
        self._stream.flush()

    def clear(self) -> None:
        self._stream.write("\r" + " " * 50 + "\r")
        self._stream.flush()


def _finish(progress: _ProgressBar | None) -> None:
    if progress is not None:
        progress.clear()
