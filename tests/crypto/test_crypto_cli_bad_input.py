"""`newcourse verify` on hostile records: exit 2 with one line on stderr, never a traceback,
for a record that cannot be read (JSON nested a hundred thousand deep, bytes that are not
UTF-8, a lone surrogate, a file over the size limit, bad arguments); exit 1 only for a record
that reads but fails a check. The teller steps read their JSON the same way."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from newcourse.crypto import simulate_election, teller_step_commit, teller_step_keygen
from newcourse.crypto._jsontext import MAX_FILE_BYTES
from newcourse.crypto._teller_cli import main as teller_main
from newcourse.crypto._verify_cli import main

HOSTILE = {
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "deep-below-the-recursion-limit": b'{"format": ' + b"[" * 500 + b"]" * 500 + b"}",
    "not-utf8": b'{"format": "\xff"}',
    "surrogate-bytes": b'{"format": "\xed\xa0\x80"}',
    "surrogate-escape": b'{"format": "\\ud800"}',
}
MESSAGES = {
    "deep": "JSON nested too deeply",
    "deep-below-the-recursion-limit": "JSON nested too deeply",
    "not-utf8": "not UTF-8 text",
    "surrogate-bytes": "not UTF-8 text",
    "surrogate-escape": "a string holds a lone surrogate",
}


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile") / "record"
    simulate_election(directory, voters=3, seed=b"hostile-records")
    return directory


def unreadable(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("file", ["index.json", "board.json"])
def test_verify_exits_2_for_a_hostile_file(
    name: str, file: str, record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "r"
    shutil.copytree(record, copy)
    (copy / file).write_bytes(HOSTILE[name])
    if file != "index.json":  # so the file passes the index and is parsed
        index = json.loads((copy / "index.json").read_text())
        index["files"][file] = hashlib.sha256(HOSTILE[name]).hexdigest()
        (copy / "index.json").write_text(json.dumps(index))
    unreadable(capsys, [str(copy), "--processes", "1"], f"{file}: {MESSAGES[name]}")


@pytest.mark.parametrize("file", ["index.json", "board.json"])
def test_verify_exits_2_for_a_file_over_the_limit_before_reading_it(
    file: str, record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "r"
    shutil.copytree(record, copy)
    with open(copy / file, "wb") as f:  # sparse: no disk is used
        f.truncate(MAX_FILE_BYTES + 1)
    unreadable(capsys, [str(copy), "--processes", "1"], f"{file}: over 200 MB")


def test_verify_exits_2_for_bad_arguments(record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(record), "--processes", "0"]) == 2
    assert main([str(record), "--no-such-option"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_verify_exits_1_only_for_a_record_that_reads_but_fails(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "r"
    shutil.copytree(record, copy)
    (copy / "result.json").write_text('{"format": "something else"}')
    assert main([str(copy), "--processes", "1"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("FAIL  file index:")


def test_a_teller_step_refuses_deeply_nested_json_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teller_step_keygen(tmp_path / "t1", election_id="e" * 64, index=1, tellers=2, threshold=2)
    hostile = tmp_path / "public-key.json"
    hostile.write_bytes(HOSTILE["deep"])
    assert teller_main(["commit", str(tmp_path / "t1"), str(hostile)]) != 0
    err = capsys.readouterr().err
    assert "JSON nested too deeply" in err
    assert "Traceback" not in err
    with pytest.raises(Exception, match="nested too deeply"):
        teller_step_commit(tmp_path / "t1", [hostile])
