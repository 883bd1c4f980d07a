"""A record with the tellers' shuffle chain (shuffles/0.json, the board's counted ballots,
then each teller's shuffle): `newcourse verify` checks every link in order, and each way of
tampering with the chain is caught with its own message, naming the position and teller."""

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newcourse.crypto import (
    RecordError,
    Simulation,
    VerificationFailed,
    ballot_list_json,
    ballot_list_read,
    ballot_list_write,
    read_record,
    seeded_scalars,
    shuffle_start,
    simulate_election,
    teller_step_shuffle,
    verify_record,
    write_record,
)
from newcourse.crypto._teller_cli import main as teller_main
from newcourse.crypto._verify_cli import main as verify_main

SEED = b"shuffle-record"


@pytest.fixture(scope="module")
def chained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Simulation, list[Path]]:
    """A three-teller election (threshold 2) whose tellers each shuffled in turn through the
    CLI; its record with the chain, and the four lists as the tellers wrote them."""
    base = tmp_path_factory.mktemp("shuffles")
    sim = simulate_election(voters=6, tellers=3, threshold=2, seed=SEED)
    election_id = sim.record.manifest.election_id
    paths = [ballot_list_write(base / "board-list.json", shuffle_start(sim.record))]
    for index in (1, 2, 3):
        directory = base / f"teller{index}"
        assert (
            teller_main(
                [
                    "keygen",
                    str(directory),
                    "--election",
                    election_id,
                    "--index",
                    str(index),
                    "--tellers",
                    "3",
                    "--threshold",
                    "2",
                ]
            )
            == 0
        )
        assert teller_main(["shuffle", str(directory), str(paths[-1])]) == 0
        paths.append(directory / f"shuffle-{index}.json")
    record = dataclasses.replace(sim.record, shuffles=tuple(ballot_list_read(p) for p in paths))
    write_record(base / "record", record)
    return base / "record", sim, paths


def _copy(chained: tuple[Path, Simulation, list[Path]], tmp_path: Path) -> Path:
    return Path(shutil.copytree(chained[0], tmp_path / "record"))


def _index(directory: Path) -> dict[str, Any]:
    return json.loads((directory / "index.json").read_text())


def _put(directory: Path, name: str, document: dict[str, Any] | None) -> None:
    """Write (or, for None, remove) one file and fix the index up, so the tamper is not
    caught merely as a file that differs from its SHA-256."""
    index = _index(directory)
    if document is None:
        (directory / name).unlink()
        del index["files"][name]
    else:
        raw = json.dumps(document).encode()
        (directory / name).write_bytes(raw)
        index["files"][name] = hashlib.sha256(raw).hexdigest()
    (directory / "index.json").write_text(json.dumps(index))


def _get(directory: Path, name: str) -> dict[str, Any]:
    return json.loads((directory / name).read_text())


def _fails(directory: Path, message: str) -> None:
    with pytest.raises(VerificationFailed) as failure:
        verify_record(directory, processes=1)
    assert failure.value.check == "tellers' shuffles"
    assert message in failure.value.detail


def test_record_shuffles_a_valid_three_teller_chain_verifies(chained, capsys) -> None:
    directory, sim, _ = chained

    report = verify_record(directory, processes=1)
    assert report.shuffles == 3
    assert report.totals == sim.expected
    assert verify_main([str(directory), "--processes", "1"]) == 0
    out = capsys.readouterr().out
    assert "ok    tellers' shuffles: position 0: the board's 6 counted ballots\n" in out
    for teller in (1, 2, 3):
        assert (
            f"ok    tellers' shuffles: position {teller}: teller {teller}'s shuffle of 6 "
            "ballots proved\n"
        ) in out
    assert out.endswith("The election record verifies.\n")


def test_record_shuffles_round_trip_and_worker_processes(chained, tmp_path: Path) -> None:
    directory, _, _ = chained
    record = read_record(directory)

    assert [bl.position for bl in record.shuffles] == [0, 1, 2, 3]
    write_record(tmp_path / "copy", record)
    assert _index(tmp_path / "copy") == _index(directory)
    assert verify_record(tmp_path / "copy", processes=2).shuffles == 3


def test_record_without_shuffles_is_read_with_none(tmp_path: Path) -> None:
    sim = simulate_election(tmp_path / "plain", voters=3, tellers=3, threshold=2, seed=SEED)

    assert read_record(tmp_path / "plain").shuffles == ()
    assert not (tmp_path / "plain" / "shuffles").exists()
    assert verify_record(tmp_path / "plain", processes=1).shuffles == 0
    assert sim.record.shuffles == ()


def test_record_shuffles_a_links_ballots_replaced(chained, tmp_path: Path) -> None:
    directory = _copy(chained, tmp_path)
    second = _get(directory, "shuffles/2.json")
    first = _get(directory, "shuffles/1.json")
    second["ballots"][0] = first["ballots"][0]
    _put(directory, "shuffles/2.json", second)

    _fails(
        directory,
        "position 2 (teller 2's shuffle): the proof of a correct shuffle does not verify",
    )


def test_record_shuffles_a_link_dropped(chained, tmp_path: Path) -> None:
    directory = _copy(chained, tmp_path)
    _put(directory, "shuffles/2.json", None)

    _fails(
        directory, "no list at position 2 (teller 2's shuffle): the chain has positions [0, 1, 3]"
    )


def test_record_shuffles_two_links_swapped(chained, tmp_path: Path) -> None:
    directory = _copy(chained, tmp_path)
    first, second = _get(directory, "shuffles/1.json"), _get(directory, "shuffles/2.json")
    _put(directory, "shuffles/1.json", second)
    _put(directory, "shuffles/2.json", first)

    _fails(directory, "shuffles/1.json holds the list at position 2: the chain is out of order")


def test_record_shuffles_a_proof_value_changed(chained, tmp_path: Path) -> None:
    directory = _copy(chained, tmp_path)
    third = _get(directory, "shuffles/3.json")
    third["proof"]["s1"], third["proof"]["s2"] = third["proof"]["s2"], third["proof"]["s1"]
    _put(directory, "shuffles/3.json", third)

    _fails(
        directory,
        "position 3 (teller 3's shuffle): the proof of a correct shuffle does not verify",
    )


def test_record_shuffles_a_link_whose_input_is_not_the_previous_output(
    chained, tmp_path: Path
) -> None:
    # Teller 1 shuffled twice; teller 2 shuffled the list that was not published.
    directory = _copy(chained, tmp_path)
    _, _, paths = chained
    unpublished = teller_step_shuffle(
        paths[0], tmp_path / "unpublished.json", rng=seeded_scalars(b"again")
    )
    second = teller_step_shuffle(unpublished, tmp_path / "second.json")
    third = teller_step_shuffle(second, tmp_path / "third.json")
    _put(directory, "shuffles/2.json", ballot_list_json(ballot_list_read(second)))
    _put(directory, "shuffles/3.json", ballot_list_json(ballot_list_read(third)))

    _fails(
        directory,
        "position 2 (teller 2's shuffle): the list at position 2 is a shuffle of another list "
        "than the one at position 1",
    )


def test_record_shuffles_position_0_is_not_the_boards_ballots(chained, tmp_path: Path) -> None:
    # A chain that is correct link by link, from a list with one counted ballot left out.
    directory = _copy(chained, tmp_path)
    start = dataclasses.replace(
        ballot_list_read(chained[2][0]), ballots=ballot_list_read(chained[2][0]).ballots[1:]
    )
    paths = [ballot_list_write(tmp_path / "0.json", start)]
    for position in (1, 2, 3):
        paths.append(teller_step_shuffle(paths[-1], tmp_path / f"{position}.json"))
    for position, path in enumerate(paths):
        _put(directory, f"shuffles/{position}.json", ballot_list_json(ballot_list_read(path)))

    _fails(
        directory,
        "position 0 holds 5 ballots that are not the board's 6 counted ballots in board order",
    )


def test_record_shuffles_fewer_than_the_threshold(chained, tmp_path: Path) -> None:
    directory = _copy(chained, tmp_path)
    _put(directory, "shuffles/3.json", None)
    _put(directory, "shuffles/2.json", None)

    _fails(directory, "1 shuffles, fewer than the threshold 2")


def test_record_shuffles_a_file_not_in_the_index_cannot_be_read(
    chained, tmp_path: Path, capsys
) -> None:
    directory = _copy(chained, tmp_path)
    shutil.copy(directory / "shuffles/3.json", directory / "shuffles/4.json")

    assert verify_main([str(directory), "--processes", "1"]) == 2
    assert "shuffles/4.json: not listed in index.json" in capsys.readouterr().err


def test_record_shuffles_a_changed_file_fails_the_index(chained, tmp_path: Path, capsys) -> None:
    directory = _copy(chained, tmp_path)
    third = _get(directory, "shuffles/3.json")
    third["ballots"].reverse()
    (directory / "shuffles/3.json").write_text(json.dumps(third))

    assert verify_main([str(directory), "--processes", "1"]) == 1
    assert "FAIL  file index: shuffles/3.json: SHA-256 differs from index.json" in (
        capsys.readouterr().out
    )


def test_record_shuffles_refused_for_card_votes(chained, tmp_path: Path) -> None:
    # A shuffled ballot no longer carries its credential: a weight of 3 would count once.
    weighted = simulate_election(voters=3, tellers=3, threshold=2, weights=[1, 3, 1], seed=SEED)
    with pytest.raises(RecordError, match="every credential to weigh 1"):
        shuffle_start(weighted.record)

    directory, _, _ = chained
    start = ballot_list_read(directory / "shuffles/0.json")
    weighted_start = dataclasses.replace(
        start,
        election_id=weighted.record.manifest.election_id,
        fingerprint=weighted.record.fingerprint,
        key=weighted.record.election_key,
    )
    record = dataclasses.replace(weighted.record, shuffles=(weighted_start,))
    write_record(tmp_path / "weighted", record)
    _fails(tmp_path / "weighted", "every credential to weigh 1")
