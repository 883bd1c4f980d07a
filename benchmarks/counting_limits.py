"""How the count grows with the number of candidates: the figures behind the limits in
`newcourse.counting._count` (MAX_CANDIDATES_RANKED, MAX_CANDIDATES_MARKED).

    python benchmarks/counting_limits.py [--candidates 200 1000 10000] [--papers 2000]

Each paper ranks ten candidates at random; each count runs in a fresh process (`newcourse
count`) with a time limit, and the seconds and peak resident memory are printed. Measured on
the development machine (2 cores, Python 3.11), 2,000 papers, 5 seats:

    candidates  method          seconds   peak memory
    200         scottish-stv       1.1        28 MB
    200         meek               2.4        30 MB
    200         ers97              2.7        31 MB
    200         irv (1 seat)       0.9        28 MB
    200         schulze            4.3        28 MB
    200         ranked-pairs       3.4        33 MB
    1,000       scottish-stv      11.0       163 MB
    1,000       meek              26.8       205 MB
    1,000       ers97, schulze, ranked-pairs   over 60 s
    10,000      plurality, approval, block     0.3-0.4    25 MB
    10,000      scottish-stv, meek, irv        over 40 s  (still running)
    10,000      ers97                          over 40 s  650 MB and growing
    10,000      schulze, ranked-pairs          over 40 s  1.6-2.4 GB and growing

Now the ranked and Condorcet methods refuse more than 200 candidates before counting.
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

METHODS = ["plurality", "approval", "irv", "scottish-stv", "meek", "ers97", "schulze"]


def generate(path: Path, candidates: int, papers: int, seats: int) -> None:
    rnd = random.Random(candidates)
    names = [f"Candidate {n}" for n in range(candidates)]
    ballots = [{"ranking": rnd.sample(range(candidates), 10)} for _ in range(papers)]
    document = {"format": "newcourse-ballots/1", "seats": seats, "candidates": names}
    path.write_text(json.dumps({**document, "ballots": ballots}))


def run(path: Path, method: str, seats: int, limit: float) -> str:
    args = [sys.executable, "-m", "newcourse", "count", str(path), "-m", method]
    if method == "irv":
        args += ["--seats", "1"]
    start = time.monotonic()
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return f"over {limit:.0f} s"
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    if done.returncode != 0:
        return f"refused in {seconds:.2f} s: {done.stderr.strip()}"
    return f"{seconds:.2f} s, peak {peak} MB (largest child so far)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, nargs="+", default=[200, 1000, 10_000])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=5)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per count")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for candidates in args.candidates:
            path = Path(folder) / f"c{candidates}.json"
            generate(path, candidates, args.papers, args.seats)
            for method in METHODS:
                print(f"{candidates:>6} {method:<14} {run(path, method, args.seats, args.limit)}")


if __name__ == "__main__":
    main()
