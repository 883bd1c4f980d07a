"""``newcourse delegates``: the table or JSON on stdout, refusals as one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newcourse.apportionment import MAX_BRANCHES_BYTES, main

LABOUR = 'method = "bands"\nfirst = 749\nevery = 250\nmaximum = 6\n'


def _files(tmp_path: Path, branches: str, rule: str) -> list[str]:
    (tmp_path / "branches.csv").write_text(branches, encoding="utf-8")
    (tmp_path / "rule.toml").write_text(rule, encoding="utf-8")
    return ["--branches", str(tmp_path / "branches.csv"), "--rule", str(tmp_path / "rule.toml")]


def test_delegates_json_prints_seats_and_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _files(tmp_path, "branch,members\nNorth,1000\nSouth,300\n", LABOUR)
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "delegates": {"North": 3, "South": 1},
        "total": 4,
    }


def test_delegates_text_shows_the_arithmetic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = 'method = "apportion"\nseats = 8\ndivisor = "dhondt"\n'
    args = _files(tmp_path, "branch,members\nA,100000\nB,80000\nC,30000\nD,20000\n", rule)
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Delegate entitlement: 8 seats by D'Hondt",
        "divisor: 25000.0000 members per seat (25000)",
        "",
        "branch  members  quotient  rounding  seats",
        "------  -------  --------  --------  -----",
        "A        100000    4.0000  down 4        4",
        "B         80000    3.2000  down 3        3",
        "C         30000    1.2000  down 1        1",
        "D         20000    0.8000  down 0        0",
        "",
        "total: 8 delegates for 230000 members in 4 branches",
    ]


@pytest.mark.parametrize(
    ("branches", "rule", "message"),
    [
        (
            "branch,members\nA,1\nB,-4\n",
            LABOUR,
            "branches.csv: line 3: the membership of 'B' is negative (-4)",
        ),
        (
            "branch,members\nA,1\nA,2\n",
            LABOUR,
            "branches.csv: line 3: branch 'A' is already listed on line 2",
        ),
        (
            "branch,members\nA,1\n",
            'method = "bands"\nfirst = 1\nevery = 1\nfist_seats = 2\n',
            "rule.toml: key 'fist_seats': not a key of method 'bands'",
        ),
        (
            "branch,members\nA,1\n",
            'method = "draw"\n',
            "rule.toml: key 'method': unknown method 'draw'",
        ),
        (
            "branch,members\nA,1\n",
            'method = "apportion"\nseats = 3\ndivisor = "hare"\nin_pairs = true\n',
            "rule.toml: key 'seats': 3 seats cannot be shared in pairs (odd)",
        ),
        (
            "branch,members\nA,1\nB,1\n",
            'method = "apportion"\nseats = 1\ndivisor = "adams"\n',
            "rule.toml: key 'seats': 1 seats cannot give each of the 2 branches",
        ),
    ],
)
def test_delegates_refuses_with_line_or_key_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], branches: str, rule: str, message: str
) -> None:
    assert main(_files(tmp_path, branches, rule)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_delegates_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _files(tmp_path, "branch,members\nA,1\n", LABOUR)
    args[1] = str(tmp_path / "nowhere.csv")
    assert main(args) == 2
    assert "cannot read" in capsys.readouterr().err


def test_delegates_refuses_an_oversized_file_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _files(tmp_path, "", LABOUR)
    with open(args[1], "wb") as handle:
        handle.truncate(MAX_BRANCHES_BYTES + 1)  # sparse: refused by its size alone
    assert main(args) == 2
    assert "over the limit" in capsys.readouterr().err


def test_delegates_refuses_a_file_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _files(tmp_path, "", LABOUR)
    Path(args[1]).write_bytes(b"branch,members\n\xff\xfe,1\n")
    assert main(args) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_delegates_without_arguments_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "--branches" in capsys.readouterr().err
