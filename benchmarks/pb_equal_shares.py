"""Time `newcourse count FILE.pb` by equal shares against pabutools, whole process against
whole process, and check that both fund the same projects.

    python benchmarks/pb_equal_shares.py [--file F.pb] [--runs 5] [--pabutools-python PY]

pabutools (the Method of Equal Shares' reference implementation, by its authors) is never a
dependency of newcourse: unless --pabutools-python names an interpreter that has it, the
script makes its own venv in /tmp/pabutools-venv and installs pabutools 1.2.3 there.

What is timed, for each of `equalshares/add1` and plain `equalshares`: the command a member or
an auditor would run, from process start to exit, reading the same `.pb` file:

- newcourse: `newcourse count FILE --method M --format json` (the console script beside this
  Python, with this checkout's src/ first on PYTHONPATH);
- pabutools: a Python process that runs `parse_pabulib(FILE)`, then
  `method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)`
  (or without the increment for plain equal shares), and prints the funded projects.

The two run in turn (A B A B ...) after one untimed run each, so drift in the machine's speed
falls on both; the table gives each one's median wall time, and the ratio of the medians.
By default FILE is the largest budget in tests/data/pb/: the one with the most votes cast
(voters times the projects each voted for, the size of the work). Then, untimed, both count a
handful of other real budgets, and any disagreement is printed and fails the run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "tests" / "data" / "pb"
VENV = Path("/tmp/pabutools-venv")  # noqa: S108 - a throwaway venv, reused between runs
PABUTOOLS = "pabutools==1.2.3"

RUNNER = """
import json, sys
from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import method_of_equal_shares

instance, profile = parse_pabulib(sys.argv[1])
increment = 1 if sys.argv[2] == "equalshares/add1" else None
outcome = method_of_equal_shares(
    instance, profile, sat_class=Cost_Sat, voter_budget_increment=increment
)
print(json.dumps({"selected": [p.name for p in outcome]}))
"""

AGREEMENT = (
    "Netherlands_Assen_2024.pb",
    "Poland_Wroclaw_2018_Rejon_nr_4_750.pb",
    "Poland_Krakow_2020_Biezanow-Prokocim.pb",
    "Poland_Warszawa_2017_Stara_Milosna.pb",
    "Poland_Warszawa_2019_Brodno.pb",
    "Poland_Czestochowa_2024_Wyczerpy_-_Aniolow.pb",
    "Poland_Warszawa_2017_Zacisze.pb",
)
"""Budgets both count untimed: Assen (the one counted by equal shares), the one with the most
voters, the largest, and approval, cumulative and ordinal votes of various sizes. None has a
score threshold, which pabutools does not apply."""


def pabutools_python(given: str | None) -> str:
    """An interpreter with pabutools: the one given, or /tmp/pabutools-venv, made if missing."""
    if given:
        return given
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"Installing {PABUTOOLS} into {VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PABUTOOLS], check=True)
    return str(python)


def largest() -> Path:
    """The budget in tests/data/pb/ with the most votes cast (sum of ballot lengths)."""
    sys.path.insert(0, str(ROOT / "src"))
    from newcourse.counting import read_pabulib

    def size(path: Path) -> int:
        vote = read_pabulib(path)
        return sum(len(b) * n for b, n in vote.ballots.items())

    return max(sorted(DATA.glob("*.pb")), key=size)


def newcourse() -> list[str]:
    """The `newcourse` console script beside this Python (what members run), or its equivalent."""
    script = Path(sys.executable).with_name("newcourse")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from newcourse.cli import main; sys.exit(main())"]


def ours(path: Path, method: str) -> list[str]:
    return [*newcourse(), "count", str(path), "--method", method, "--format", "json"]


def theirs(python: str, runner: str, path: Path, method: str) -> list[str]:
    return [python, runner, str(path), method]


def run(command: list[str]) -> tuple[float, set[str]]:
    """One whole-process run: its wall time and the projects it funded."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return elapsed, set(json.loads(done.stdout)["selected"])


def timed(
    a: list[str], b: list[str], runs: int
) -> tuple[list[float], list[float], set[str], set[str]]:
    """A and B in turn, one untimed run each first; their times and (last) selections."""
    _, sel_a = run(a)
    _, sel_b = run(b)
    times_a: list[float] = []
    times_b: list[float] = []
    for _ in range(runs):
        t, sel_a = run(a)
        times_a.append(t)
        t, sel_b = run(b)
        times_b.append(t)
    return times_a, times_b, sel_a, sel_b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=None, help="the .pb file to time")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--pabutools-python", default=None, help="a python that has pabutools")
    parser.add_argument("--no-agreement", action="store_true", help="skip the agreement check")
    args = parser.parse_args()
    python = pabutools_python(args.pabutools_python)
    path = args.file or largest()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        runner = str(Path(tmp) / "pabutools_mes.py")
        Path(runner).write_text(RUNNER, encoding="utf-8")
        print(f"File: {path.name}")
        print(f"{'method':<20} {'newcourse':>10} {'pabutools':>10} {'ratio':>8}  agree")
        for method in ("equalshares/add1", "equalshares"):
            ta, tb, sa, sb = timed(ours(path, method), theirs(python, runner, path, method),
                                   args.runs)  # fmt: skip
            ma, mb = statistics.median(ta), statistics.median(tb)
            agree = "yes" if sa == sb else "NO"
            failures += sa != sb
            print(f"{method:<20} {ma:>9.3f}s {mb:>9.3f}s {mb / ma:>7.1f}x  {agree}")
        print(f"(medians of {args.runs} whole-process runs each, wall time)")
        if not args.no_agreement:
            print("\nAgreement with pabutools (untimed):")
            for name in AGREEMENT:
                for method in ("equalshares/add1", "equalshares"):
                    _, sa = run(ours(DATA / name, method))
                    _, sb = run(theirs(python, runner, DATA / name, method))
                    agree = "agree" if sa == sb else f"DISAGREE: {sorted(sa ^ sb)}"
                    failures += sa != sb
                    print(f"  {name:<48} {method:<18} {len(sa):>3} funded  {agree}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
