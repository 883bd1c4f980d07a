import itertools
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from newcourse.crypto import (
    SHUFFLE_FORMAT,
    BallotList,
    InvalidShuffle,
    Scalar,
    TellerError,
    ballot_list_json,
    ballot_list_read,
    ballot_list_write,
    base_mul,
    decrypt_to_point,
    discrete_log,
    encrypt,
    seeded_scalars,
    shuffle_link_check,
    teller_step_shuffle,
)

SECRET = Scalar(24681357)
KEY = base_mul(SECRET)
FINGERPRINT = b"\x0b" * 32
ELECTION = {"election_id": "2026-stv", "fingerprint": FINGERPRINT, "key": KEY}
RANKINGS = [(1, 2, 3), (3, 2, 1), (2, 3, 1), (1, 3, 2), (1, 2, 3)]


def board_list() -> BallotList:
    rng = seeded_scalars(b"board")
    ballots = tuple(tuple(encrypt(KEY, m, rng()) for m in ranking) for ranking in RANKINGS)
    return BallotList("2026-stv", FINGERPRINT, KEY, 0, ballots)


def chain(tmp_path: Path, links: int) -> list[Path]:
    paths = [ballot_list_write(tmp_path / "list-0.json", board_list())]
    for position in range(1, links + 1):
        rng = seeded_scalars(b"teller-%d" % position)
        paths.append(teller_step_shuffle(paths[-1], tmp_path / f"list-{position}.json", rng=rng))
    return paths


def test_shuffle_files_three_tellers_chain_checks_link_by_link(tmp_path: Path) -> None:
    lists = [ballot_list_read(path) for path in chain(tmp_path, 3)]

    for previous, current in itertools.pairwise(lists):
        shuffle_link_check(previous, current, **ELECTION)
    assert [bl.position for bl in lists] == [0, 1, 2, 3]
    assert Counter(
        tuple(discrete_log(decrypt_to_point(SECRET, c), 8) for c in ballot)
        for ballot in lists[-1].ballots
    ) == Counter(RANKINGS)


def test_shuffle_files_round_trip_through_json(tmp_path: Path) -> None:
    path = chain(tmp_path, 1)[-1]
    document = json.loads(path.read_text(encoding="utf-8"))

    assert document["format"] == SHUFFLE_FORMAT
    assert document["kind"] == "shuffle"
    assert ballot_list_json(ballot_list_read(path)) == document


def test_shuffle_files_never_overwrite_a_published_list(tmp_path: Path) -> None:
    paths = chain(tmp_path, 1)

    with pytest.raises(TellerError, match="already exists"):
        teller_step_shuffle(paths[0], paths[1])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="newcourse-teller/1"), "not a newcourse-shuffle/1"),
        (lambda d: d.update(kind="votes"), "unknown kind 'votes'"),
        (lambda d: d.update(position=0), "a 'shuffle' list cannot be at position 0"),
        (lambda d: d.pop("proof"), "malformed"),
        (lambda d: d.update(election_id=7), "election_id must be a string"),
        (lambda d: d["ballots"][0][0].update(beta="zz"), "malformed"),
    ],
)
def test_shuffle_files_refuse_what_is_not_a_ballot_list(tmp_path: Path, change, message) -> None:
    path = chain(tmp_path, 1)[-1]
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(TellerError, match=message):
        ballot_list_read(path)


def test_shuffle_files_link_check_refuses_another_election(tmp_path: Path) -> None:
    previous, current = (ballot_list_read(p) for p in chain(tmp_path, 1))

    with pytest.raises(InvalidShuffle, match="not of election 2026-other"):
        shuffle_link_check(previous, current, **{**ELECTION, "election_id": "2026-other"})


def test_shuffle_files_link_check_refuses_a_list_under_another_key(tmp_path: Path) -> None:
    previous, current = (ballot_list_read(p) for p in chain(tmp_path, 1))
    other = replace(current, key=base_mul(Scalar(3)))

    with pytest.raises(InvalidShuffle, match="current list names another election key"):
        shuffle_link_check(previous, other, **ELECTION)


def test_shuffle_files_link_check_refuses_a_skipped_link(tmp_path: Path) -> None:
    lists = [ballot_list_read(p) for p in chain(tmp_path, 2)]

    with pytest.raises(InvalidShuffle, match="position 2 does not follow the one at 0"):
        shuffle_link_check(lists[0], lists[2], **ELECTION)


def test_shuffle_files_link_check_refuses_a_list_without_proof(tmp_path: Path) -> None:
    previous, current = (ballot_list_read(p) for p in chain(tmp_path, 1))

    with pytest.raises(InvalidShuffle, match="position 1 has no proof"):
        shuffle_link_check(previous, replace(current, proof=None), **ELECTION)


def test_shuffle_files_link_check_refuses_a_proof_moved_to_another_position(
    tmp_path: Path,
) -> None:
    lists = [ballot_list_read(p) for p in chain(tmp_path, 2)]
    # Link 1's ballots and proof presented as if they came after link 1.
    moved = replace(lists[1], position=2)

    with pytest.raises(InvalidShuffle, match="does not verify"):
        shuffle_link_check(replace(lists[0], position=1), moved, **ELECTION)
