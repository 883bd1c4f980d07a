"""The large-count benchmark's generator makes a realistic election. Its speed is measured by
running `benchmarks/counting_large.py`, which prints the figures: no test asserts a time."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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
