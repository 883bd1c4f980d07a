"""Delegate entitlement for 10,000 branches and 1,000,000 members, by every method.

    PYTHONPATH=src python benchmarks/apportionment.py [--branches 10000] [--members 1000000]
        [--repeat 7]

Generates (seeded, so every run is the same register) a long-tailed register: most branches
small, a few very large, a handful empty.  Times ``entitlement`` for each rule (per members,
bands, and apportionment of 20,000 seats by Hare, D'Hondt, Sainte-Laguë and Adams, and Adams
in pairs), and, in the same run, a reference: Python's ``sorted()`` of the same 10,000
memberships.  Prints the median of ``--repeat`` runs and its ratio to the reference.  The
target from issue 13: well under a second.

On this machine (2 shared cores, 2026-12-07), medians of 7: reference sorted() 0.93 ms;
per members 20-21 ms, bands 22 ms (about 22x the reference); apportioning 20,000 seats
57 ms (D'Hondt), 68 ms (Sainte-Laguë), 73 ms (Hare), 86 ms (Adams), 72 ms (Adams in pairs):
60-92x the reference, all under a tenth of a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newcourse.apportionment import Apportion, Bands, PerMembers, Rule, entitlement


def register(branches: int, members: int, seed: int = 2026) -> dict[str, int]:
    """``branches`` memberships adding up to exactly ``members``, long-tailed."""
    rnd = random.Random(seed)
    weights = [0.0 if i % 997 == 0 else rnd.paretovariate(1.3) for i in range(branches)]
    scale = members / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rnd.sample(range(branches), members - sum(counts)):
        counts[i] += 1  # the rounding shortfall, one each to random branches
    while sum(counts) < members:
        counts[rnd.randrange(branches)] += 1
    return {f"Branch {i:05d}": count for i, count in enumerate(counts)}


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--seats", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    members = register(args.branches, args.members)
    assert sum(members.values()) == args.members
    values = list(members.values())
    rules: dict[str, Rule] = {
        "per-members 1 per 75, nearest, min 1": PerMembers(75, "nearest", minimum=1),
        "per-members 1 per 1000, up": PerMembers(1000, "up"),
        "bands 749/250, max 6": Bands(749, 250, maximum=6),
        f"apportion {args.seats} hare": Apportion(args.seats, "hare"),
        f"apportion {args.seats} dhondt": Apportion(args.seats, "dhondt"),
        f"apportion {args.seats} sainte-lague": Apportion(args.seats, "sainte-lague"),
        f"apportion {args.seats} adams": Apportion(args.seats, "adams"),
        f"apportion {args.seats} adams in pairs": Apportion(args.seats, "adams", in_pairs=True),
    }
    reference = median_seconds(lambda: sorted(values), args.repeat)
    print(
        f"{args.branches} branches, {args.members} members "
        f"({sum(1 for v in values if v == 0)} empty, largest {max(values)}); "
        f"median of {args.repeat} runs"
    )
    print(f"{'reference: sorted() of the memberships':45} {reference * 1000:9.2f} ms")
    for name, rule in rules.items():
        table = entitlement(members, rule)
        seconds = median_seconds(lambda rule=rule: entitlement(members, rule), args.repeat)
        print(
            f"{name:45} {seconds * 1000:9.2f} ms  x{seconds / reference:7.1f} of sorted()  "
            f"({table.total} seats)"
        )


if __name__ == "__main__":
    main()
