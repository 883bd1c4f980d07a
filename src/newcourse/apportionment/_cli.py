"""``newcourse delegates --branches FILE.csv --rule RULE.toml [--format json]``.

Pure (no Django), so a branch or a standing orders committee can check the delegate table
from a register export with nothing but the package.  Exit status: 0 the table was printed;
2 unusable input (a file that cannot be read, a bad line or rule key, a rule that cannot be
applied), with one message on stderr naming the file and the line or key; never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from newcourse.apportionment._branches import read_branches
from newcourse.apportionment._entitlement import Entitlement, entitlement, method_name
from newcourse.apportionment._errors import ApportionmentError
from newcourse.apportionment._limits import MAX_BRANCHES_BYTES, MAX_RULE_BYTES
from newcourse.apportionment._rule import Apportion, parse_rule


class _Unreadable(Exception):
    """A file that could not be read at all (missing, too large, not UTF-8)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newcourse delegates``; ``argv`` is what follows ``delegates``.  Returns the exit
    status (0 printed, 2 refused)."""
    parser = argparse.ArgumentParser(
        prog="newcourse delegates",
        description="Delegate entitlement per branch from a register export and a rule.",
    )
    parser.add_argument("--branches", required=True, metavar="FILE.csv", help="branch,members")
    parser.add_argument("--rule", required=True, metavar="RULE.toml", help="the rule")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return 0 if exit_.code in (0, None) else 2
    try:
        branches_text = _read(args.branches, MAX_BRANCHES_BYTES)
        rule_text = _read(args.rule, MAX_RULE_BYTES)
    except _Unreadable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        rule = parse_rule(rule_text)
    except ApportionmentError as error:
        print(f"error: {args.rule}: {error}", file=sys.stderr)
        return 2
    try:
        members = read_branches(branches_text)
    except ApportionmentError as error:
        print(f"error: {args.branches}: {error}", file=sys.stderr)
        return 2
    try:
        table = entitlement(members, rule)
    except ApportionmentError as error:
        print(f"error: {args.rule}: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(table.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(table))
    return 0


def _read(path: str, limit: int) -> str:
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise _Unreadable(f"{path}: {size} bytes, over the limit of {limit} bytes")
        with open(path, encoding="utf-8") as handle:
            text = handle.read(limit + 1)
    except OSError as error:
        raise _Unreadable(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise _Unreadable(f"{path}: not UTF-8 text") from None
    if len(text) > limit:  # a file that grew, or a pipe whose size stat cannot tell
        raise _Unreadable(f"{path}: over the limit of {limit} bytes")
    return text


def render_text(table: Entitlement) -> str:
    """The delegate table as aligned text: branch, members, quotient, rounding, seats."""
    lines = [f"Delegate entitlement: {method_name(table.rule)}"]
    if table.divisor is not None:
        unit = "pair" if isinstance(table.rule, Apportion) and table.rule.in_pairs else "seat"
        kind = (
            "quota"
            if isinstance(table.rule, Apportion) and table.rule.divisor == "hare"
            else "divisor"
        )
        lines.append(f"{kind}: {float(table.divisor):.4f} members per {unit} ({table.divisor})")
    header = ("branch", "members", "quotient", "rounding", "seats")
    cells = [
        (r.branch, str(r.members), f"{float(r.quotient):.4f}", r.rounding, str(r.seats))
        for r in table.rows
    ]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    right = {1, 2, 4}

    def fmt(row: tuple[str, ...]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    lines.append("")
    lines.append(fmt(header))
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(fmt(c) for c in cells)
    members = sum(r.members for r in table.rows)
    lines.append("")
    lines.append(f"total: {table.total} delegates for {members} members in {len(cells)} branches")
    return "\n".join(lines)
