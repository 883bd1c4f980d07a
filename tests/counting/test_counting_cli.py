"""`newcourse count`: the command, its report formats and its handling of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newcourse.counting import (
    METHODS,
    Ballot,
    CountingError,
    Election,
    count,
    report_from_json,
    report_to_csv,
    report_to_text,
)
from newcourse.counting._cli import ProgressBar, main
from newcourse.counting._render import report_to_json

DATA = Path(__file__).resolve().parents[1] / "data" / "counting"
LINN = DATA / "scotland" / "2007" / "glasgow_2007_linn.blt"


def test_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LINN), "--method", "scottish-stv"]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert "Quota: 1914.00000" in out.out
    assert "Surplus" in out.out and "Exclusion" in out.out
    assert "Elected: David Ritchie, Sadie Docherty" in out.out
    assert "Seed for any lot:" in out.out


def test_json_report_is_the_documented_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LINN), "--method", "scottish-stv", "--format", "json", "--seed", "s1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "newcourse-count/1"
    assert data["method"] == "scottish-stv"
    assert data["seats"] == 4
    assert data["quota"] == "1914.00000"
    assert data["seed"] == "s1"
    assert data["elected"][:2] == ["David Ritchie", "Sadie Docherty"]
    stage2 = data["stages"][1]
    assert stage2["stage"] == 2
    assert stage2["action"] == {"type": "surplus", "candidates": ["David Ritchie"]}
    assert stage2["votes"]["Esme H Clark"] == "905.13482"
    assert stage2["non_transferable"] == "36.18420"
    assert data["stages"][3]["votes"]["Gordon Thomson"] is None
    assert data["stages"][2]["excluded"] == ["Gordon Thomson"]
    for key in ("excluded", "tie_breaks"):
        assert key in data
    back = report_from_json(data)
    assert report_to_json(back) == data


def test_csv_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LINN), "--method", "scottish-stv", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("stage,action,action_candidates,Esme H Clark,")
    assert lines[2].startswith("2,surplus,David Ritchie,905.13482,")


def test_seats_override_and_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LINN), "-m", "scottish-stv", "--seats", "2", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["seats"] == 2
    assert len(data["elected"]) == 2
    first_seed = data["seed"]
    assert main([str(LINN), "-m", "scottish-stv", "--seats", "2", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == first_seed  # derived, so repeatable


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("2 1\n1 1 0\n1 3 0\n0\nA\nB\nT\n", [], "bad.blt:3: rank 3 names no candidate"),
        ("zz\n", [], "bad.blt:1: bad header"),
        ("2 1\n1 1 2\n0\nA\nB\nT\n", [], "bad.blt:2: missing terminator"),
        ("2 3\n1 1 0\n0\nA\nB\nT\n", [], "bad.blt:1: more seats (3) than candidates (2)"),
        ("2 1\nx 1 0\n0\nA\nB\nT\n", [], "bad.blt:2: ballot weight 'x'"),
        ("2 1\n0\nA\nB\nT\n", [], "bad.blt:2: the election is empty"),
        ("2 1\n1 1 0\n0\nA\nB\nT\n", ["--seats", "3"], "3 seats but only 2 standing candidates"),
        ("2 1\n1 1 0\n0\nA\nB\nT\n", ["--seats", "0"], "--seats must be at least 1"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    args: list[str],
    message: str,
) -> None:
    path = tmp_path / "bad.blt"
    path.write_text(content)
    assert main([str(path), "--method", "scottish-stv", *args]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert message in out.err
    assert "Traceback" not in out.err
    assert len(out.err.strip().splitlines()) == 1


def test_missing_file_and_bad_method(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.blt"), "--method", "irv"]) == 2
    assert "nope.blt" in capsys.readouterr().err
    assert main([str(LINN), "--method", "borda"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_command_runs_as_a_process(tmp_path: Path) -> None:
    path = tmp_path / "bad.blt"
    path.write_text("2 1\n1 9 0\n0\nA\nB\nT\n")
    code = "import sys; from newcourse.counting._cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), "--method", "irv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"newcourse count: error: {path}:2: rank 9 names no candidate (there are 2)"
    )


class _Tty:
    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.written.append(s)

    def flush(self) -> None:
        pass


def test_progress_bar_only_after_the_delay_and_only_on_a_terminal() -> None:
    quick = _Tty()
    with ProgressBar(quick, delay=0.5) as bar:  # type: ignore[arg-type]
        bar.update("counting", 0.5)
    assert quick.written == []
    slow = _Tty()
    with ProgressBar(slow, delay=0.05) as bar:  # type: ignore[arg-type]
        bar.update("counting", 0.5)
        time.sleep(0.3)
    assert any("50%" in s and "counting" in s for s in slow.written)
    assert slow.written[-1].startswith("\r ")  # the line is cleared at the end
    not_tty = _Tty()
    not_tty.isatty = lambda: False  # type: ignore[method-assign]
    with ProgressBar(not_tty, delay=0.0) as bar:  # type: ignore[arg-type]
        time.sleep(0.1)
    assert not_tty.written == []


def test_dispatcher_knows_every_method() -> None:
    assert list(METHODS) == [
        "scottish-stv",
        "meek",
        "ers97",
        "irv",
        "plurality",
        "block-plurality",
        "approval",
        "schulze",
        "ranked-pairs",
        "motion",
    ]
    e = Election(
        ("A", "B", "C"), 1, (Ballot(((0,),), 5), Ballot(((1,), (0,)), 2), Ballot(((2,),), 1))
    )
    for method in METHODS:
        if method == "motion":  # a motion's options are Yes and No: tested below
            continue
        report = count(e, method, seed="x")
        assert report.elected == [0], method
        assert report.seed == "x"
    with pytest.raises(CountingError, match="unknown method"):
        count(e, "borda")


def test_dispatcher_counts_a_motion() -> None:
    e = Election(
        ("Yes", "No", "Abstain"),
        1,
        (Ballot(((0,),), 30), Ballot(((1,),), 19), Ballot(((2,),), 50), Ballot(((0, 1),), 2)),
    )

    report = count(e, "motion", seed="x")

    assert report.method == "motion"
    assert report.elected == [0]
    assert report.stages[0].votes == (30, 19, 50)
    assert report.stages[0].non_transferable == 2
    assert report.details["carried"] is True
    assert report.seed == "x"


@pytest.mark.parametrize("method", list(METHODS))
def test_every_method_renders_in_every_format(method: str) -> None:
    e = Election(
        ("Ann", "Bob", "Cat", "Dan"),
        2,
        (
            Ballot(((0,), (1,)), 7),
            Ballot(((1,), (2,)), 4),
            Ballot(((2,), (0,)), 3),
            Ballot(((3,), (2,)), 2),
        ),
    )
    if method == "irv":
        e = Election(e.candidates, 1, e.ballots)
    if method == "motion":
        e = Election(("Yes", "No"), 1, (Ballot(((0,),), 7), Ballot(((1,),), 4)))
    report = count(e, method, seed="render")
    data = report_to_json(report)
    text = json.dumps(data)
    assert json.loads(text)["format"] == "newcourse-count/1"
    assert report_to_json(report_from_json(json.loads(text))) == json.loads(text)
    assert "Elected: " in report_to_text(report)
    assert report_to_csv(report).startswith("stage,action,")
