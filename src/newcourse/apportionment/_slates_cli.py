"""``newcourse lists FILE.toml [--format json]``: a list election's seats, slate by slate.

Pure (no Django), so tellers, a tendency or any member can check who a list election seats
from its slates and votes with nothing but the package. Exit status: 0 the result was printed;
2 unusable input (a file that cannot be read, a bad key), with one message on stderr naming
the file and the key; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newcourse.apportionment._cli import _read, _Unreadable
from newcourse.apportionment._errors import ApportionmentError
from newcourse.apportionment._limits import MAX_SLATES_BYTES
from newcourse.apportionment._slates import METHOD_NAMES, ListResult, list_seats, parse_slates


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newcourse lists``; ``argv`` is what follows ``lists``."""
    parser = argparse.ArgumentParser(
        prog="newcourse lists",
        description="Seats of a list election: slates, their votes, the rule (TOML).",
    )
    parser.add_argument("file", metavar="FILE.toml", help="seats, method, threshold, slates")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return 0 if exit_.code in (0, None) else 2
    try:
        slates, rule = parse_slates(_read(args.file, MAX_SLATES_BYTES))
        result = list_seats(slates, rule)
    except _Unreadable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ApportionmentError as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_slates(result))
    return 0


def _percent(share: object) -> str:
    return f"{float(share) * 100:.2f}%"  # type: ignore[arg-type]


def render_slates(result: ListResult) -> str:
    """The result as text: the rule, each slate's votes, share, seats and who fills them."""
    rule = result.rule
    lines = [f"List election: {rule.seats} seats by {METHOD_NAMES[rule.method]}"]
    if rule.threshold:
        lines.append(f"threshold: {_percent(rule.threshold)} of {result.votes} votes")
    if rule.women:
        lines.append(f"women: at least {_percent(rule.women)} of each slate's seats")
    lines.append("")
    for slate in result.slates:
        share = _percent(slate.votes / result.votes) if result.votes else "-"
        status = "" if slate.qualified else "  (below the threshold)"
        lines.append(f"{slate.name}: {slate.votes} votes ({share}), {slate.seats} seats{status}")
        lines.extend(f"  elected: {name}" for name in slate.elected)
        lines.extend(f"  passed over for the women's share: {name}" for name in slate.passed_over)
        if slate.vacant:
            lines.append(f"  vacant: {slate.vacant} (no woman left on the slate)")
    lines.append("")
    lines.append(f"elected: {len(result.elected)} of {rule.seats}; vacant: {result.vacant}")
    return "\n".join(lines)
