"""`newcourse teller shuffle`: three tellers shuffle in turn on their own machines, the test
playing the server that relays each list to the next teller; and what a teller refuses."""

import itertools
from collections import Counter
from pathlib import Path

import pytest

from newcourse.crypto import (
    BallotList,
    Scalar,
    ballot_list_read,
    ballot_list_write,
    base_mul,
    decrypt_to_point,
    discrete_log,
    encrypt,
    seeded_scalars,
    shuffle_link_check,
)
from newcourse.crypto._teller_cli import main

SECRET = Scalar(97531)
KEY = base_mul(SECRET)
FINGERPRINT = b"\x5a" * 32
RANKINGS = [(1, 2, 3), (3, 1, 2), (2, 3, 1), (1, 3, 2)]


def _tellers(tmp_path: Path, election: str = "stv-2026") -> list[Path]:
    dirs = [tmp_path / f"teller{i}" for i in (1, 2, 3)]
    for index, directory in enumerate(dirs, 1):
        assert main(["keygen", str(directory), "--election", election, "--index", str(index)]) == 0
    return dirs


def _board(tmp_path: Path, election: str = "stv-2026") -> Path:
    rng = seeded_scalars(b"board " + election.encode())
    ballots = tuple(tuple(encrypt(KEY, m, rng()) for m in ranking) for ranking in RANKINGS)
    return ballot_list_write(
        tmp_path / f"board-{election}.json", BallotList(election, FINGERPRINT, KEY, 0, ballots)
    )


def test_teller_shuffle_three_tellers_in_turn(tmp_path: Path, capsys) -> None:
    dirs = _tellers(tmp_path)
    capsys.readouterr()
    paths = [_board(tmp_path)]
    for directory in dirs:
        assert main(["shuffle", str(directory), str(paths[-1])]) == 0
        paths.append(directory / f"shuffle-{len(paths)}.json")
        assert capsys.readouterr().out == f"wrote {paths[-1]}\n"

    lists = [ballot_list_read(p) for p in paths]
    assert [bl.position for bl in lists] == [0, 1, 2, 3]
    for previous, current in itertools.pairwise(lists):
        shuffle_link_check(
            previous, current, election_id="stv-2026", fingerprint=FINGERPRINT, key=KEY
        )
    assert Counter(
        tuple(discrete_log(decrypt_to_point(SECRET, c), 8) for c in ballot)
        for ballot in lists[-1].ballots
    ) == Counter(RANKINGS)
    # Re-encrypted: no ciphertext of the board's list comes out unchanged.
    board = {c for ballot in lists[0].ballots for c in ballot}
    assert board.isdisjoint(c for ballot in lists[-1].ballots for c in ballot)


def test_teller_shuffle_writes_where_told(tmp_path: Path) -> None:
    dirs = _tellers(tmp_path)
    out = tmp_path / "published" / "one.json"
    out.parent.mkdir()

    assert main(["shuffle", str(dirs[0]), str(_board(tmp_path)), "--out", str(out)]) == 0
    assert ballot_list_read(out).position == 1
    assert not (dirs[0] / "shuffle-1.json").exists()


@pytest.mark.parametrize(
    ("teller", "source", "message"),
    [
        (
            2,
            0,
            "the list at position 0; teller 2 shuffles the list at position 1 (teller 1's shuffle)",
        ),
        (3, 1, "the list at position 1; teller 3 shuffles the list at position 2"),
        (1, 1, "the list at position 1; teller 1 shuffles the list at position 0 (the board's)"),
    ],
)
def test_teller_shuffle_refuses_a_list_at_the_wrong_position(
    tmp_path: Path, capsys, teller: int, source: int, message: str
) -> None:
    dirs = _tellers(tmp_path)
    paths = [_board(tmp_path)]
    assert main(["shuffle", str(dirs[0]), str(paths[0])]) == 0
    paths.append(dirs[0] / "shuffle-1.json")
    capsys.readouterr()

    out = tmp_path / "out.json"
    assert main(["shuffle", str(dirs[teller - 1]), str(paths[source]), "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_teller_shuffle_refuses_a_list_of_another_election(tmp_path: Path, capsys) -> None:
    dirs = _tellers(tmp_path)
    other = _board(tmp_path, "board-2026")
    capsys.readouterr()

    assert main(["shuffle", str(dirs[0]), str(other)]) == 1
    assert "for election 'board-2026', this teller is in 'stv-2026'" in capsys.readouterr().err
    assert not (dirs[0] / "shuffle-1.json").exists()


def test_teller_shuffle_never_writes_over_an_existing_file(tmp_path: Path, capsys) -> None:
    dirs = _tellers(tmp_path)
    board = _board(tmp_path)
    assert main(["shuffle", str(dirs[0]), str(board)]) == 0
    written = (dirs[0] / "shuffle-1.json").read_bytes()
    capsys.readouterr()

    assert main(["shuffle", str(dirs[0]), str(board)]) == 1
    assert "already exists; a shuffle is written to a new file" in capsys.readouterr().err
    assert (dirs[0] / "shuffle-1.json").read_bytes() == written


def test_teller_shuffle_refuses_a_directory_without_a_teller_key(tmp_path: Path, capsys) -> None:
    assert main(["shuffle", str(tmp_path), str(_board(tmp_path))]) == 1
    assert "teller-secret.json: cannot read" in capsys.readouterr().err


def test_teller_shuffle_bad_arguments_exit_2(tmp_path: Path, capsys) -> None:
    dirs = _tellers(tmp_path)
    board = str(_board(tmp_path))

    assert main(["shuffle", str(dirs[0])]) == 2
    assert main(["shuffle", str(dirs[0]), board, "--processes", "0"]) == 2
    assert "--processes must be at least 1" in capsys.readouterr().err
