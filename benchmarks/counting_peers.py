"""Time New Course's counts against other Python libraries on one large election.

STV and IRV against pyrankvote and votekit; Schulze and ranked pairs (one seat) against votekit.

    python benchmarks/counting_peers.py [--ballots 100000] [--seed 2026]

On first run this creates benchmarks/.venv (gitignored) with the peers listed in
benchmarks/requirements-peers.txt (pyrankvote, votekit) and the project installed editable:
the peers are never dependencies of newcourse. It then re-runs itself inside that venv.

What is timed, for every implementation: building its own input from the same list of
ballots (a Python list of rankings of candidate names, one per paper), then the count. The
synthetic ballots themselves are generated once, before any timing, and each implementation
first counts 500 of them untimed, so imports and JIT compilation are excluded. Each tool gets
its input the way it is meant to be used:

- newcourse: papers grouped into distinct rankings with a weight (`Election`), then
  `count(election, method)` with "scottish-stv", "irv", "schulze" or "ranked-pairs";
- pyrankvote: one `Ballot` object per paper (it has no weights);
- votekit: papers grouped into weighted `RankBallot`s, then a `RankProfile`.

A second table times what a member waits for: `newcourse count FILE` as a whole process
(Python's start-up, the imports, reading the same ballots from a BLT file, the count and the
report), the median of --process-runs runs after one untimed run, against the fastest peer's
time from the first table (which has no file to read and no start-up to pay).

Where the methods coincide the elected sets are compared (Droop quota STV variants differ in
transfer rules, so an STV disagreement is reported, not treated as an error). A peer whose
estimated time for the full election passes --limit seconds is run on a subset and its time
extrapolated linearly, which the table says.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv"
REQUIREMENTS = HERE / "requirements-peers.txt"

RawBallot = tuple[str, ...]
WARM_UP = 500  # ballots counted once, untimed, before each implementation is timed
REPEAT_UNDER = 10.0  # seconds: shorter runs are repeated and the fastest kept


# --- the benchmark's own environment -------------------------------------------------------


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _ensure_venv() -> None:
    """Create benchmarks/.venv with the peers and the project, unless it already works."""
    python = _venv_python()
    probe = [str(python), "-c", "import pyrankvote, votekit, newcourse.counting"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return
    print(f"Setting up {VENV} (first run only) ...", flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    subprocess.run([*pip, "-e", str(ROOT)], check=True)


# --- a synthetic election with a realistic structure ---------------------------------------

PARTIES: dict[str, list[tuple[str, float]]] = {
    # candidate, popularity within the party
    "Red": [("Rowan Reid", 5.0), ("Rhona Ross", 3.0), ("Rory Rae", 2.0), ("Ruth Rennie", 1.0)],
    "Blue": [("Bruce Baird", 4.0), ("Beth Boyd", 3.0), ("Bill Blair", 1.5)],
    "Green": [("Gail Grant", 2.0), ("Gus Gray", 1.0)],
    "Independent": [("Isla Innes", 1.0)],
}
# Share of voters in each bloc, and how that bloc weighs the other parties after its own.
BLOCS: dict[str, tuple[float, dict[str, float]]] = {
    "Red": (0.37, {"Green": 4.0, "Independent": 2.0, "Blue": 0.5}),
    "Blue": (0.33, {"Independent": 3.0, "Red": 1.0, "Green": 0.5}),
    "Green": (0.17, {"Red": 4.0, "Independent": 2.0, "Blue": 0.7}),
    "Independent": (0.13, {"Green": 1.0, "Red": 1.0, "Blue": 1.0}),
}
NOISE = 0.08  # voters who rank at random
STOP_AFTER_OWN_PARTY = 0.35  # chance of stopping once the own party is ranked
STOP_LATER = 0.2  # chance of stopping after each later preference


def _plackett_luce(rng: random.Random, items: Sequence[tuple[str, float]]) -> list[str]:
    """An order drawn by repeatedly picking the next item in proportion to its weight."""
    pool = list(items)
    order: list[str] = []
    while pool:
        total = sum(w for _, w in pool)
        x = rng.random() * total
        for i, (name, w) in enumerate(pool):
            x -= w
            if x <= 0 or i == len(pool) - 1:
                order.append(name)
                del pool[i]
                break
    return order


def generate_ballots(count: int, seed: int) -> tuple[list[str], list[RawBallot]]:
    """Party blocs ranking their own candidates first, then their allies', with truncation."""
    rng = random.Random(seed)
    candidates = [name for members in PARTIES.values() for name, _ in members]
    blocs = list(BLOCS)
    shares = [BLOCS[b][0] for b in blocs]
    ballots: list[RawBallot] = []
    for _ in range(count):
        if rng.random() < NOISE:
            order = rng.sample(candidates, len(candidates))
            ballots.append(tuple(order[: rng.randint(1, len(candidates))]))
            continue
        bloc = rng.choices(blocs, shares)[0]
        others = _plackett_luce(rng, list(BLOCS[bloc][1].items()))
        ranking: list[str] = list(_plackett_luce(rng, PARTIES[bloc]))
        if rng.random() >= STOP_AFTER_OWN_PARTY:
            for party in others:
                stopped = False
                for name in _plackett_luce(rng, PARTIES[party]):
                    ranking.append(name)
                    if rng.random() < STOP_LATER:
                        stopped = True
                        break
                if stopped:
                    break
        ballots.append(tuple(ranking))
    return candidates, ballots


# --- each implementation: build its own input, then count ----------------------------------


def ours(method: str, seats: int) -> Callable[[list[str], list[RawBallot]], set[str]]:
    def run(candidates: list[str], raw: list[RawBallot]) -> set[str]:
        from newcourse.counting import count
        from newcourse.counting._model import Ballot, Election

        # A ranking is a tuple of groups; with no equal rankings each group is one candidate,
        # so one `(i,)` per candidate is shared by every ballot instead of one per rank.
        group_of = {name: (i,) for i, name in enumerate(candidates)}
        ballots = tuple(
            [
                Ballot(tuple(map(group_of.__getitem__, ranking)), weight)
                for ranking, weight in Counter(raw).items()
            ]
        )
        election = Election(candidates=tuple(candidates), seats=seats, ballots=ballots)
        report = count(election, method, seats=seats, seed="benchmark")
        return {candidates[c] for c in report.elected}

    return run


def pyrankvote_run(seats: int | None) -> Callable[[list[str], list[RawBallot]], set[str]]:
    def run(candidates: list[str], raw: list[RawBallot]) -> set[str]:
        import pyrankvote

        people = {name: pyrankvote.Candidate(name) for name in candidates}
        ballots = [pyrankvote.Ballot(ranked_candidates=[people[n] for n in r]) for r in raw]
        if seats is None:
            result = pyrankvote.instant_runoff_voting(list(people.values()), ballots)
        else:
            result = pyrankvote.single_transferable_vote(
                list(people.values()), ballots, number_of_seats=seats
            )
        return {c.name for c in result.get_winners()}

    return run


def votekit_run(kind: str, seats: int) -> Callable[[list[str], list[RawBallot]], set[str]]:
    def run(candidates: list[str], raw: list[RawBallot]) -> set[str]:
        from votekit import RankBallot, RankProfile
        from votekit.elections import STV, FastSTV, RankedPairs, Schulze

        ballots = [
            RankBallot(ranking=[{name} for name in ranking], weight=weight)
            for ranking, weight in Counter(raw).items()
        ]
        profile = RankProfile(ballots=ballots, candidates=candidates)
        kinds: dict[str, Any] = {
            "FastSTV": FastSTV,
            "STV": STV,
            "Schulze": Schulze,
            "RankedPairs": RankedPairs,
        }
        election = kinds[kind](profile, n_seats=seats)
        return {name for group in election.get_elected() for name in group}

    return run


# --- the whole command, as a member runs it ------------------------------------------------


def write_blt(path: Path, candidates: list[str], raw: list[RawBallot], seats: int) -> None:
    """The ballots as a BLT file, one line per paper, as a returning officer's export has."""
    number = {name: str(i + 1) for i, name in enumerate(candidates)}
    lines = [f"{len(candidates)} {seats}"]
    lines.extend("1 " + " ".join([*map(number.__getitem__, r), "0"]) for r in raw)
    lines.extend(["0", *(f'"{name}"' for name in candidates), '"Synthetic election"'])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def whole_process(path: Path, method: str, seats: int, runs: int) -> float:
    """The median wall time of `newcourse count FILE --method METHOD --seats SEATS`."""
    command = [sys.executable, "-m", "newcourse", "count", str(path), "-m", method]
    command += ["--seats", str(seats)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # untimed: caches warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- timing and the table ------------------------------------------------------------------


class Row:
    def __init__(self, family: str, label: str) -> None:
        self.family = family
        self.label = label
        self.seconds: float | None = None
        self.elected: set[str] | None = None
        self.note = ""
        self.error = ""
        self.ballots_run = 0
        # Our elected set for the same ballots, when this row ran on a subset.
        self.reference_elected: set[str] | None = None


def timed(
    row: Row,
    runner: Callable[[list[str], list[RawBallot]], set[str]],
    candidates: list[str],
    raw: list[RawBallot],
    repeat: int = 1,
) -> None:
    """Time `repeat` runs and keep the fastest; a run over REPEAT_UNDER seconds is not repeated."""
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            row.elected = runner(candidates, raw)
            seconds = time.perf_counter() - start
            row.seconds = seconds if row.seconds is None else min(row.seconds, seconds)
            if seconds > REPEAT_UNDER:
                break
        row.ballots_run = len(raw)
    except Exception as error:  # a peer's failure is reported, not fatal
        row.error = f"{type(error).__name__}: {error}"[:120]


def run_peer(
    row: Row,
    runner: Callable[[list[str], list[RawBallot]], set[str]],
    candidates: list[str],
    raw: list[RawBallot],
    *,
    probe: int,
    limit: float,
    repeat: int,
) -> None:
    """Run on a probe subset first; run in full only if the estimate is within the limit."""
    if probe < len(raw):
        timed(row, runner, candidates, raw[:probe])
        if row.seconds is None:
            return
        estimate = row.seconds * len(raw) / probe
        if estimate > limit:
            row.note = (
                f"ran on {probe:,} ballots in {row.seconds:.1f} s; time extrapolated "
                f"linearly to {len(raw):,}"
            )
            row.seconds = estimate
            return
    row.seconds = None
    timed(row, runner, candidates, raw, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--seats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--probe", type=int, default=10_000, help="subset for first estimates")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before extrapolating")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each count; fastest kept")
    parser.add_argument(
        "--process-runs", type=int, default=11, help="runs of `newcourse count`; median kept"
    )
    args = parser.parse_args()

    if not _in_venv():
        _ensure_venv()
        python = str(_venv_python())
        # Replace this process: the run continues with the same arguments inside the venv.
        os.execv(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]])  # noqa: S606

    candidates, raw = generate_ballots(args.ballots, args.seed)
    patterns = len(set(raw))
    mean_length = sum(map(len, raw)) / len(raw)
    print(
        f"Synthetic election: {len(raw):,} ballots, {len(candidates)} candidates, "
        f"{args.seats} seats, seed {args.seed}; {patterns:,} distinct rankings, "
        f"mean {mean_length:.2f} preferences"
    )
    print(
        "Each time includes building the tool's own input from the list of ballots; "
        f"fastest of {args.repeat} runs (runs over {REPEAT_UNDER:.0f} s are not repeated).\n"
    )

    stv, irv = f"STV ({args.seats} seats)", "IRV (1 seat)"
    plan: list[tuple[Row, Callable[[list[str], list[RawBallot]], set[str]], bool]] = [
        (Row(stv, "newcourse scottish-stv"), ours("scottish-stv", args.seats), True),
        (Row(stv, "votekit FastSTV"), votekit_run("FastSTV", args.seats), False),
        (Row(stv, "votekit STV"), votekit_run("STV", args.seats), False),
        (Row(stv, "pyrankvote single_transferable_vote"), pyrankvote_run(args.seats), False),
        (Row(irv, "newcourse irv"), ours("irv", 1), True),
        (Row(irv, "pyrankvote instant_runoff_voting"), pyrankvote_run(None), False),
        (Row("Schulze", "newcourse schulze"), ours("schulze", 1), True),
        (Row("Schulze", "votekit Schulze"), votekit_run("Schulze", 1), False),
        (Row("Ranked pairs", "newcourse ranked-pairs"), ours("ranked-pairs", 1), True),
        (Row("Ranked pairs", "votekit RankedPairs"), votekit_run("RankedPairs", 1), False),
    ]
    for row, runner, is_ours in plan:
        print(f"  running {row.label} ...", flush=True)
        # Untimed warm-up on a few ballots: imports and votekit's numba compilation are not
        # part of a count.
        timed(Row(row.family, row.label), runner, candidates, raw[:WARM_UP])
        if is_ours:
            timed(row, runner, candidates, raw, args.repeat)
        else:
            run_peer(
                row, runner, candidates, raw, probe=args.probe, limit=args.limit, repeat=args.repeat
            )
        if row.elected is not None and row.ballots_run < len(raw):
            # Compare a subset run with our count of the same subset.
            reference = next(r for r, run, o in plan if o and r.family == row.family)
            ours_runner = next(run for r, run, o in plan if r is reference)
            row.note += "; elected set compared with ours on the same subset"
            row.reference_elected = ours_runner(candidates, raw[: row.ballots_run])

    print()
    header = f"{'method':<15} {'implementation':<38} {'seconds':>9} {'ratio':>7}  agrees  elected"
    print(header)
    print("-" * len(header))
    for row, _, is_ours in plan:
        ours_row = next(r for r, _, o in plan if o and r.family == row.family)
        seconds = "-" if row.seconds is None else f"{row.seconds:9.2f}"
        ratio = "-"
        if row.seconds is not None and ours_row.seconds:
            ratio = "1.00" if is_ours else f"{row.seconds / ours_row.seconds:.2f}"
        reference = row.reference_elected or ours_row.elected
        if is_ours:
            agrees = "(ours)"
        elif row.elected is None or reference is None:
            agrees = "n/a"
        else:
            agrees = "yes" if row.elected == reference else "NO"
        elected = ", ".join(sorted(row.elected)) if row.elected else row.error
        print(f"{row.family:<15} {row.label:<38} {seconds:>9} {ratio:>7}  {agrees:<6}  {elected}")
        if row.note:
            print(f"{'':<15} ({row.note.lstrip('; ')})")
    print("\nratio = the implementation's time / newcourse's time for the same method.")

    print(
        "\nWhole process: `newcourse count FILE` (start-up, imports, reading the BLT file, count, "
        f"report), median of {args.process_runs} runs, against the fastest peer above.\n"
    )
    header = f"{'method':<15} {'newcourse count':>15} {'fastest peer':>13} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    methods = {
        stv: ("scottish-stv", args.seats),
        irv: ("irv", 1),
        "Schulze": ("schulze", 1),
        "Ranked pairs": ("ranked-pairs", 1),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ballots.blt"
        write_blt(path, candidates, raw, args.seats)
        for family, (method, seats) in methods.items():
            seconds = whole_process(path, method, seats, args.process_runs)
            peers = [r.seconds for r, _, o in plan if not o and r.family == family and r.seconds]
            best = f"{min(peers):13.3f}" if peers else f"{'-':>13}"
            ratio = f"{min(peers) / seconds:7.1f}" if peers else f"{'-':>7}"
            print(f"{family:<15} {seconds:15.3f} {best} {ratio}")
    print("\nratio = the fastest peer's count / the whole `newcourse count` process.")


if __name__ == "__main__":
    main()
