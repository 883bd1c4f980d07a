"""`newcourse rules check FILE [--standing-orders FILE2]`: check a rulebook before using it.

Exit codes: 0 the rulebook (and the standing orders) can be used, with a one-line summary of
each on stdout; 2 they cannot, with one message on stderr naming the file, the clause and the
problem; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newcourse.documents import Document

from ._errors import RulebookError
from ._rulebook import Rulebook, StandingOrders, parse_rulebook, parse_standing_orders

# A rulebook is prose of some pages; a file far larger than this is not one.
MAX_FILE_BYTES = 2_000_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newcourse rules", description="Work with a rulebook file."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="check a rulebook (and a body's standing orders) and summarise it",
        description="Check that a rulebook sets every parameter with a valid value, and that a "
        "body's standing orders stay within its limits.",
    )
    check.add_argument("file", help="the rulebook (Markdown)")
    check.add_argument(
        "--standing-orders", metavar="FILE2", default=None, help="a body's standing orders"
    )
    return parser


def _read(path: str) -> str:
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES} bytes: not a rulebook")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None


def _clauses(document: Document) -> int:
    return len({block.clause for block in document.blocks} - {None})


def summary(path: str, rulebook: Rulebook) -> str:
    """One line about a rulebook that passed its checks."""
    document = rulebook.document
    return (
        f"{path}: a rulebook with {len(rulebook.settings)} parameters, "
        f"{_clauses(document)} clauses, {len(document.lines())} lines."
    )


def standing_orders_summary(path: str, standing_orders: StandingOrders) -> str:
    """One line about standing orders that passed their checks."""
    count = len(standing_orders.settings)
    return (
        f"{path}: standing orders setting {count} parameter{'' if count == 1 else 's'} "
        f"within the rulebook's limits, {len(standing_orders.document.lines())} lines."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run `newcourse rules`; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as e:  # argparse has printed its usage message
        return int(e.code) if isinstance(e.code, int) else 2
    path = args.file
    try:
        rulebook = parse_rulebook(_read(path))
        lines = [summary(path, rulebook)]
        if args.standing_orders is not None:
            path = args.standing_orders
            standing_orders = parse_standing_orders(_read(path), rulebook)
            lines.append(standing_orders_summary(path, standing_orders))
    except (RulebookError, OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        print(f"newcourse rules: error: {path}: {reason}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
