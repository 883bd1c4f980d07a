import json
import shutil
from pathlib import Path

import pytest

from newcourse.crypto import (
    Question,
    RecordError,
    VerificationFailed,
    read_record,
    simulate_election,
    verify_record,
)

QUESTIONS = (
    Question("Chair", ("Ada", "Bea", "Cal", "Dee", "Eli"), 1, 1),
    Question("Committee", ("Fay", "Gus", "Hal"), 0, 2),
)


@pytest.fixture(scope="module")
def simulation(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("record") / "good"
    sim = simulate_election(
        directory,
        voters=8,
        questions=QUESTIONS,
        weights=[1, 1, 2, 1, 3, 1, 1, 1],
        seed=b"record-tests",
    )
    return directory, sim


def test_record_good_record_passes_every_check(simulation) -> None:
    directory, sim = simulation
    seen: list[str] = []
    report = verify_record(directory, on_check=lambda check, _: seen.append(check), processes=1)
    assert seen == [
        "file index",
        "parameters and fingerprint",
        "tellers' proofs and election key",
        "credential list",
        "ballots",
        "audited ballots",
        "board hash chain",
        "duplicates and one ballot per credential",
        "aggregate",
        "decryption proofs",
        "published result",
    ]
    assert report.totals == sim.expected
    assert (report.ballots, report.counted) == (9, 8)


def test_record_good_record_passes_with_two_processes(simulation) -> None:
    directory, sim = simulation
    assert verify_record(directory, processes=2).totals == sim.expected


def test_record_read_returns_what_was_written(simulation) -> None:
    directory, sim = simulation
    assert read_record(directory) == sim.record


def test_record_counted_tracker_is_confirmed(simulation) -> None:
    directory, sim = simulation
    tracker = sim.counted_trackers[2]
    report = verify_record(directory, tracker=tracker.hex(), processes=1)
    assert report.tracker_seq is not None
    assert sim.record.board[report.tracker_seq].tracker == tracker


def test_record_superseded_tracker_is_reported(simulation) -> None:
    directory, sim = simulation
    with pytest.raises(VerificationFailed, match="superseded") as failure:
        verify_record(directory, tracker=sim.superseded_trackers[0].hex(), processes=1)
    assert failure.value.check == "tracker"


def test_record_audited_tracker_is_not_on_the_board(simulation) -> None:
    directory, sim = simulation
    with pytest.raises(VerificationFailed, match="audited \\(opened\\), so it is not counted"):
        verify_record(directory, tracker=sim.audited_tracker.hex(), processes=1)


def test_record_missing_file_is_a_record_error(simulation, tmp_path: Path) -> None:
    directory, _ = simulation
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    (copy / "board.json").unlink()
    with pytest.raises(RecordError, match=r"board\.json: cannot read"):
        verify_record(copy, processes=1)


def test_record_file_changed_without_index_fails_index_check(simulation, tmp_path: Path) -> None:
    directory, _ = simulation
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    data = json.loads((copy / "result.json").read_text())
    data["totals"][0][0] += 1
    (copy / "result.json").write_text(json.dumps(data))
    with pytest.raises(VerificationFailed, match=r"result\.json: SHA-256 differs") as failure:
        verify_record(copy, processes=1)
    assert failure.value.check == "file index"


def test_record_with_no_ballots_verifies_to_zero(tmp_path: Path) -> None:
    sim = simulate_election(
        tmp_path / "empty", voters=0, tellers=3, threshold=2, audited=0, revotes=0, seed=b"empty"
    )
    report = verify_record(tmp_path / "empty", processes=1)
    assert report.totals == ((0, 0, 0, 0, 0),) == sim.expected


def test_record_read_names_the_malformed_file(simulation, tmp_path: Path) -> None:
    directory, _ = simulation
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    data = json.loads((copy / "tellers.json").read_text())
    data["tellers"][0]["key"] = "00" * 32
    (copy / "tellers.json").write_text(json.dumps(data))
    with pytest.raises(RecordError, match=r"tellers\.json: malformed \(identity element"):
        read_record(copy)
