"""The speed target: a million papers read, counted by Scottish STV and reported in < 3 s."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "counting_large.py"


@pytest.mark.slow
def test_a_million_ballots_within_three_seconds_and_a_gigabyte(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("counting_large", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main([])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "OK" in out


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
