"""A million ballots: parse a BLT file, count it by Scottish STV and print the report.

    python benchmarks/counting_large.py [--ballots 1000000] [--candidates 20] [--seats 5]

Generates (seeded, so every run is the same election) a BLT file of one line per paper in a
temporary directory: 20 candidates in 6 parties of uneven strength, most voters ranking only a
few candidates (often their party's first), some ranking many; the papers are drawn from a
pool of ranking patterns with a long-tailed popularity, giving tens of thousands of distinct
patterns. Then, in a fresh process so that the memory figure is the count's own, it times
reading the file, counting by Scottish STV and rendering the text and JSON reports, and prints
the seconds and the peak resident memory. The target: under 3 s and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(path: Path, *, ballots: int, candidates: int, seats: int, seed: int = 2007) -> int:
    """Write the election; returns the number of distinct ranking patterns in the pool."""
    rnd = random.Random(seed)
    parties = [c % 6 for c in range(candidates)]
    strength = [rnd.uniform(0.3, 3.0) ** 2 for _ in range(candidates)]
    depth_weights = [
        30,
        22,
        16,
        10,
        7,
        5,
        3,
        2,
        1.5,
        1,
        1,
        0.5,
        0.5,
        0.3,
        0.3,
        0.2,
        0.2,
        0.1,
        0.1,
        0.1,
    ]
    pool: set[tuple[int, ...]] = set()
    patterns: list[tuple[int, ...]] = []
    target = 30000
    while len(patterns) < target:
        depth = rnd.choices(range(1, candidates + 1), weights=depth_weights[:candidates])[0]
        remaining = list(range(candidates))
        ranking: list[int] = []
        while len(ranking) < depth:
            last = ranking[-1] if ranking else None
            w = [
                strength[c] * (4.0 if last is not None and parties[c] == parties[last] else 1.0)
                for c in remaining
            ]
            c = rnd.choices(remaining, weights=w)[0]
            remaining.remove(c)
            ranking.append(c)
        key = tuple(ranking)
        if key not in pool:
            pool.add(key)
            patterns.append(key)
    popularity = [1.0 / (k + 1) ** 1.1 for k in range(len(patterns))]
    drawn = rnd.choices(range(len(patterns)), weights=popularity, k=ballots)
    lines = [" ".join(str(c + 1) for c in p) for p in patterns]
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{candidates} {seats}\n")
        chunk: list[str] = []
        for k in drawn:
            chunk.append(f"1 {lines[k]} 0\n")
            if len(chunk) >= 100000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
        f.write("0\n")
        for c in range(candidates):
            f.write(f'"Candidate {c + 1:02d} (Party {chr(65 + parties[c])})"\n')
        f.write('"Benchmark ward"\n')
    return len(set(drawn))


def run(path: Path) -> dict[str, float | int | str]:
    """Time parse + count + report in this process."""
    from newcourse.counting import count, read_blt, report_to_json, report_to_text

    t0 = time.perf_counter()
    election = read_blt(path)
    t1 = time.perf_counter()
    report = count(election, "scottish-stv")
    t2 = time.perf_counter()
    text = report_to_text(report)
    data = json.dumps(report_to_json(report))
    t3 = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "papers": election.total_weight,
        "distinct_patterns": len(election.ballots),
        "stages": len(report.stages),
        "elected": ", ".join(report.candidates[c] for c in report.elected),
        "parse_s": round(t1 - t0, 3),
        "count_s": round(t2 - t1, 3),
        "report_s": round(t3 - t2, 3),
        "total_s": round(t3 - t0, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "report_chars": len(text) + len(data),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--seats", type=int, default=5)
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--max-seconds", type=float, default=3.0)
    parser.add_argument("--max-mb", type=float, default=1024.0)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(run(args.run)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.blt"
        t0 = time.perf_counter()
        distinct = generate(
            path, ballots=args.ballots, candidates=args.candidates, seats=args.seats
        )
        size = path.stat().st_size
        print(
            f"generated {args.ballots:,} papers, {distinct:,} distinct rankings, "
            f"{size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s"
        )
        done = subprocess.run(
            [sys.executable, __file__, "--run", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
    result = json.loads(done.stdout)
    print(
        f"parse {result['parse_s']:.3f} s + count {result['count_s']:.3f} s + report "
        f"{result['report_s']:.3f} s = {result['total_s']:.3f} s; "
        f"peak RSS {result['peak_rss_mb']:.0f} MB; {result['stages']} stages; "
        f"elected {result['elected']}"
    )
    ok = result["total_s"] < args.max_seconds and result["peak_rss_mb"] < args.max_mb
    print("OK" if ok else f"TOO SLOW OR TOO BIG (limits {args.max_seconds} s, {args.max_mb} MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
