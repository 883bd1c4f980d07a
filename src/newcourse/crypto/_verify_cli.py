"""`newcourse verify DIR [--tracker T]`: verify an election record from the command line.

Exit codes: 0 every check passed; 1 a check failed (named); 2 the record or the arguments
cannot be used (missing file, malformed JSON, unknown format)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from ._errors import CryptoError, RecordError, VerificationFailed
from ._verify import verify_record


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse verify",
        description="Verify a New Course election record, offline. Exits 0 if every check "
        "passes, 1 naming the first failed check, 2 if the record cannot be read.",
    )
    parser.add_argument("record", metavar="DIR", help="the election record directory")
    parser.add_argument(
        "--tracker",
        metavar="T",
        help="also confirm this ballot tracker is on the board and counted",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=None,
        metavar="N",
        help="ballot-checking processes (default: all cores)",
    )
    return parser


class _ProgressBar:
    """A one-line progress bar on a terminal; silent when stderr is not one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 100:
            return
        width = 40
        filled = width * done // total
        self.stream.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ballots")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 72 + "\r")
            self.stream.flush()
            self.shown = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the verifier; return the exit code (0, 1 or 2)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    if args.processes is not None and args.processes < 1:
        print("error: --processes must be at least 1", file=sys.stderr)
        return 2
    bar = _ProgressBar(sys.stderr)

    def on_check(check: str, summary: str) -> None:
        bar.clear()
        print(f"ok    {check}: {summary}", flush=True)

    try:
        verify_record(
            args.record,
            tracker=args.tracker,
            progress=bar,
            on_check=on_check,
            processes=args.processes,
        )
    except VerificationFailed as failure:
        bar.clear()
        print(f"FAIL  {failure.check}: {failure.detail}", flush=True)
        print(f"The record does not verify: the check '{failure.check}' failed.", file=sys.stderr)
        return 1
    except RecordError as error:
        bar.clear()
        print(f"error: cannot read the election record: {error}", file=sys.stderr)
        return 2
    except (CryptoError, OSError, ValueError, KeyError, TypeError) as error:
        bar.clear()
        print(f"error: malformed election record: {error!r}", file=sys.stderr)
        return 2
    print("The election record verifies.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
