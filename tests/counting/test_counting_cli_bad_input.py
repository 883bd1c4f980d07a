"""`newcourse count` refuses hostile ballot files with one line on stderr and exit 2, never a
traceback: JSON nested a hundred thousand deep, bytes that are not UTF-8, a lone surrogate
(as bytes or as a JSON escape), a file over the size limit, and more candidates than the
method counts in bounded time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newcourse.counting._cli import main
from newcourse.counting._io import MAX_FILE_BYTES


def ballots(candidates: list[str], rankings: list[list[str]], seats: int = 1) -> str:
    return json.dumps(
        {
            "format": "newcourse-ballots/1",
            "seats": seats,
            "candidates": candidates,
            "ballots": [{"ranking": r} for r in rankings],
        }
    )


HOSTILE = {
    "deep-array": "[" * 100_000 + "]" * 100_000,
    "deep-ranking": ballots(["A", "B"], [["A"]]).replace('["A"]', "[" * 100_000 + "]" * 100_000),
    "not-utf8": b'{"candidates": ["\xff\xfe"]}',
    "surrogate-bytes": ballots(["A", "B"], [["A"]]).encode().replace(b'"A"', b'"\xed\xa0\x80"'),
    "surrogate-escape": ballots(["\\ud800", "B"], [["B"]]).replace("\\\\", "\\"),
}
MESSAGES = {
    "deep-array": "JSON nested too deeply",
    "deep-ranking": "JSON nested too deeply",
    "not-utf8": "not UTF-8 text",
    "surrogate-bytes": "not UTF-8 text",
    "surrogate-escape": "holds a lone surrogate",
}


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert message in out.err
    assert "Traceback" not in out.err
    assert len(out.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", HOSTILE)
def test_count_refuses_a_hostile_json_file_with_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.json"
    content = HOSTILE[name]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    refused(capsys, [str(path), "--method", "plurality"], MESSAGES[name])


def test_count_refuses_a_blt_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.blt"
    path.write_bytes(b'2 1\n1 1 0\n0\n"\xed\xa0\x80"\n"B"\n"T"\n')
    refused(capsys, [str(path), "--method", "irv"], "not UTF-8 text")


@pytest.mark.parametrize("suffix", [".blt", ".json", ".csv"])
def test_count_refuses_a_file_over_the_size_limit_before_reading_it(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as f:  # sparse: no disk is used
        f.truncate(MAX_FILE_BYTES + 1)
    assert os.path.getsize(path) == MAX_FILE_BYTES + 1
    refused(capsys, [str(path), "--method", "plurality"], "over 256 MB")
