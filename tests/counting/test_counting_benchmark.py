"""The counting benchmarks' inputs: the large count's generator makes a realistic election, and
the peers' BLT file holds the very ballots the peers count. Speed is measured by running the
benchmarks, which print the figures: no test asserts a time."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from newcourse.counting import read_blt

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "counting_large.py"


def test_generated_election_is_realistic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("counting_large", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "small.blt"
    distinct = module.generate(path, ballots=50_000, candidates=20, seats=5)
    assert 1_000 < distinct < 50_000
    result = module.run(path)
    assert result["papers"] == 50_000
    assert result["stages"] > 1


def test_peers_benchmark_file_holds_the_ballots_the_peers_count(tmp_path: Path) -> None:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "counting_peers.py"
    spec = importlib.util.spec_from_file_location("counting_peers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    candidates, raw = module.generate_ballots(300, 7)
    blt = tmp_path / "peers.blt"
    module.write_blt(blt, candidates, raw, 3)
    election = read_blt(blt)
    read = {tuple(election.candidates[c] for (c,) in b.ranking): b.weight for b in election.ballots}
    assert election.candidates == tuple(candidates)
    assert read == Counter(raw)
