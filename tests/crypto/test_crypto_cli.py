import io
import json
import shutil
from pathlib import Path

import pytest

from newcourse.crypto import simulate_election, verify_record
from newcourse.crypto._verify_cli import _ProgressBar, main


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    directory = tmp_path_factory.mktemp("cli") / "record"
    sim = simulate_election(directory, voters=5, seed=b"cli-tests")
    return directory, sim.counted_trackers[0].hex()


def test_verify_cli_good_record_prints_each_check_and_exits_0(record, capsys) -> None:
    directory, tracker = record
    assert main([str(directory), "--tracker", tracker, "--processes", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "ok    file index: 8 files match their SHA-256"
    assert [line.split(":")[0] for line in out[1:-1]] == [
        "ok    parameters and fingerprint",
        "ok    tellers' proofs and election key",
        "ok    credential list",
        "ok    ballots",
        "ok    audited ballots",
        "ok    board hash chain",
        "ok    duplicates and one ballot per credential",
        "ok    aggregate",
        "ok    decryption proofs",
        "ok    published result",
        "ok    tracker",
    ]
    assert out[-1] == "The election record verifies."


def test_verify_cli_failed_check_is_named_and_exits_1(record, tmp_path: Path, capsys) -> None:
    directory, _ = record
    shutil.copytree(directory, tmp_path / "r")
    (tmp_path / "r" / "result.json").write_text("{}")
    assert main([str(tmp_path / "r"), "--processes", "1"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "FAIL  file index: result.json: SHA-256 differs from index.json"


def test_verify_cli_unknown_tracker_exits_1(record, capsys) -> None:
    directory, _ = record
    assert main([str(directory), "--tracker", "ab" * 32, "--processes", "1"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "FAIL  tracker: no ballot with this tracker is on the board"
    )


def test_verify_cli_missing_directory_exits_2(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "nothing")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_verify_cli_malformed_json_exits_2(record, tmp_path: Path, capsys) -> None:
    directory, _ = record
    shutil.copytree(directory, tmp_path / "r")
    (tmp_path / "r" / "index.json").write_text("{not json")
    assert main([str(tmp_path / "r")]) == 2
    assert "index.json: not valid JSON" in capsys.readouterr().err


def test_verify_cli_wrong_format_exits_2(record, tmp_path: Path, capsys) -> None:
    directory, _ = record
    shutil.copytree(directory, tmp_path / "r")
    index = json.loads((tmp_path / "r" / "index.json").read_text())
    index["format"] = "newcourse-election-record/99"
    (tmp_path / "r" / "index.json").write_text(json.dumps(index))
    assert main([str(tmp_path / "r")]) == 2
    assert "format must be 'newcourse-election-record/1'" in capsys.readouterr().err


def test_verify_cli_without_arguments_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "usage: newcourse verify" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_verify_cli_progress_bar_draws_on_a_terminal_only() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    _ProgressBar(terminal)(50, 200)
    _ProgressBar(pipe)(50, 200)
    assert terminal.getvalue() == "\r  [" + "#" * 10 + "." * 30 + "] 50/200 ballots"
    assert pipe.getvalue() == ""


def test_verify_record_reports_progress_up_to_every_ballot(record) -> None:
    directory, _ = record
    seen: list[tuple[int, int]] = []
    verify_record(directory, processes=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)
