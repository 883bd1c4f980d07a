"""Benchmark of the tellers' verifiable shuffle: for N ballots of w ciphertexts (one per rank),
the time one teller takes to shuffle and prove, and anyone takes to check the proof; then the
same for a small reference N in the same run, and the ratio of the per-ballot times, which
shows whether the cost is linear in N (it should be: every step is O(w·N)) before the figures
are extrapolated to the issue's 10,000 ballots of 20 ranks. Asserts nothing about speed.

    nice .venv/bin/python benchmarks/shuffle.py [--ballots 1000] [--width 20]
        [--reference 100] [--jobs 1] [--repeat 2]
"""

from __future__ import annotations

import argparse
import time

from newcourse.crypto import (
    BallotRow,
    ShuffleContext,
    base_mul,
    encrypt,
    random_scalar,
    shuffle,
    shuffle_check,
)

TARGET_BALLOTS = 10_000
TARGET_SHUFFLE_S = 120.0


def product_us() -> float:
    """µs for one variable-base product and one addition in libsodium, now: the unit the
    shuffle's cost is made of, printed so that runs on a busy machine can be compared."""
    point, scalar = base_mul(random_scalar()), random_scalar()
    started = time.perf_counter()
    for _ in range(2000):
        point = point + point * scalar
    return (time.perf_counter() - started) / 2000 * 1e6


def timed(ballots: int, width: int, jobs: int) -> tuple[float, float]:
    """(shuffle + prove seconds, check seconds) for `ballots` random rankings of `width`."""
    key = base_mul(random_scalar())
    rows: tuple[BallotRow, ...] = tuple(
        tuple(encrypt(key, (i + k) % width, random_scalar()) for k in range(width))
        for i in range(ballots)
    )
    context = ShuffleContext("benchmark", bytes(32), 1)
    started = time.perf_counter()
    shuffled, proof = shuffle(key, rows, random_scalar, context, jobs=jobs)
    proved = time.perf_counter() - started
    started = time.perf_counter()
    shuffle_check(key, rows, shuffled, proof, context, jobs=jobs)
    checked = time.perf_counter() - started
    return proved, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=1000)
    parser.add_argument("--width", type=int, default=20)
    parser.add_argument("--reference", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per size; the fastest is kept (noise)"
    )
    args = parser.parse_args()

    results = {}
    for ballots in (args.reference, args.ballots):
        unit = product_us()
        runs = [timed(ballots, args.width, args.jobs) for _ in range(args.repeat)]
        proved, checked = min(run[0] for run in runs), min(run[1] for run in runs)
        results[ballots] = (proved, checked)
        print(
            f"N={ballots} ballots of w={args.width}, {args.jobs} process(es): shuffle+prove "
            f"{proved:.2f} s ({proved / ballots * 1e3:.2f} ms/ballot), check {checked:.2f} s "
            f"({checked / ballots * 1e3:.2f} ms/ballot); one product + addition just before: "
            f"{unit:.0f} µs"
        )
    small, large = results[args.reference], results[args.ballots]
    for name, index in (("shuffle+prove", 0), ("check", 1)):
        ratio = (large[index] / args.ballots) / (small[index] / args.reference)
        print(f"{name}: per-ballot time at N={args.ballots} / at N={args.reference} = {ratio:.2f}")
    scale = TARGET_BALLOTS / args.ballots * 20 / args.width
    proved, checked = large[0] * scale, large[1] * scale
    print(
        f"extrapolated linearly to {TARGET_BALLOTS} ballots of 20 ranks: shuffle+prove "
        f"≈ {proved:.0f} s per teller (target {TARGET_SHUFFLE_S:.0f} s), check ≈ {checked:.0f} s "
        f"per shuffle, ≈ {3 * checked:.0f} s for three tellers' shuffles"
    )


if __name__ == "__main__":
    main()
